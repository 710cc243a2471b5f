/**
 * The diagnostics snapshot while the panel is open: read at once, then every few seconds, and
 * again right after an action. These reads are not touches: a panel left open does not keep the
 * technician session alive (the shell tells main about real touches).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DiagnosticsSnapshot } from '../../../src-shared/contract/diagnostics';
import { useBridge } from '../../state/store-context';

export const REFRESH_MS = 3_000;

export interface Diagnostics {
  snapshot: DiagnosticsSnapshot | null;
  /** The last read failed (the snapshot shown, if any, is the one before). */
  failed: boolean;
  refresh(): void;
}

export function useDiagnostics(refreshMs = REFRESH_MS): Diagnostics {
  const bridge = useBridge();
  const [snapshot, setSnapshot] = useState<DiagnosticsSnapshot | null>(null);
  const [failed, setFailed] = useState(false);
  const mounted = useRef(true);

  const refresh = useCallback(() => {
    void bridge.invoke('tech:diagnostics', {}).then(
      (result) => {
        if (!mounted.current) return;
        setFailed(!result.ok);
        if (result.ok) setSnapshot(result.value);
      },
      () => mounted.current && setFailed(true),
    );
  }, [bridge]);

  useEffect(() => {
    mounted.current = true;
    refresh();
    const timer = setInterval(refresh, refreshMs);
    return () => {
      mounted.current = false;
      clearInterval(timer);
    };
  }, [refresh, refreshMs]);

  return { snapshot, failed, refresh };
}
