/**
 * Leaves the technician mode (or its PIN pad): main is told, and the screen goes back to the
 * citizen home at once, whatever main answers, with the technician's store cleared.
 */
import { useCallback } from 'react';
import { useBridge, useScreenStoreApi } from '../state/store-context';
import { useTechnicianStoreApi } from './technician-context';

export type EndReason = 'exit' | 'cancel' | 'inactivity';

export function useEndTechnicianSession(): (reason: EndReason) => void {
  const bridge = useBridge();
  const screens = useScreenStoreApi();
  const technician = useTechnicianStoreApi();
  return useCallback(
    (reason: EndReason) => {
      technician.getState().clear();
      screens.getState().endSession();
      void bridge.invoke('tech:session-end', { reason }).catch(() => undefined);
    },
    [bridge, screens, technician],
  );
}
