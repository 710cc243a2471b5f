/** The walk-in screen's services, asked of main each time the screen opens (caps change). */
import { useEffect, useState } from 'react';
import type { WalkInOptions } from '../../src-shared/contract/ipc';
import { useBridge } from '../state/store-context';

export type WalkInOptionsState =
  { status: 'loading' } | { status: 'failed' } | { status: 'ready'; options: WalkInOptions };

export function useWalkInOptions(): WalkInOptionsState {
  const bridge = useBridge();
  const [state, setState] = useState<WalkInOptionsState>({ status: 'loading' });
  useEffect(() => {
    let current = true;
    void bridge.invoke('walkin:get-options', {}).then(
      (result) => {
        if (!current) return;
        setState(result.ok ? { status: 'ready', options: result.value } : { status: 'failed' });
      },
      () => {
        if (current) setState({ status: 'failed' });
      },
    );
    return () => {
      current = false;
    };
  }, [bridge]);
  return state;
}
