/**
 * Keeps the technician store in step with main's session: the phase at start (and after a
 * reconnection) and every change main reports. When a session ends — the technician left, or
 * main closed it for inactivity — the citizen home comes back for the next person.
 */
import { useEffect } from 'react';
import { useBridge, useScreenStoreApi } from '../state/store-context';
import { useTechnicianStoreApi } from './technician-context';

export function useTechnicianSession(): void {
  const bridge = useBridge();
  const screens = useScreenStoreApi();
  const technician = useTechnicianStoreApi();
  useEffect(() => {
    const unsubscribeStore = technician.subscribe((state, previous) => {
      if (state.session.phase === 'closed' && previous.session.phase !== 'closed') {
        screens.getState().endSession();
      }
    });
    const unsubscribeEvent = bridge.on('technician:session-changed', (view) =>
      technician.getState().setSession(view),
    );
    let stopped = false;
    void bridge.invoke('tech:session-get', {}).then(
      (result) => {
        if (!stopped && result.ok) technician.getState().setSession(result.value);
      },
      () => undefined,
    );
    return () => {
      stopped = true;
      unsubscribeEvent();
      unsubscribeStore();
    };
  }, [bridge, screens, technician]);
}
