import { useEffect, useRef } from 'react';

/**
 * Runs `poll` every `intervalMs` while `active` (the printer's live status, the serial scanner's
 * test reads), one call at a time: a slow answer is never overtaken by the next call.
 */
export function usePolling(poll: () => Promise<void>, intervalMs: number, active: boolean): void {
  const latest = useRef(poll);
  useEffect(() => {
    latest.current = poll;
  });
  useEffect(() => {
    if (!active) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const tick = async () => {
      try {
        await latest.current();
      } catch {
        // A failed poll is shown by the caller; the next one tries again.
      } finally {
        if (!stopped) timer = setTimeout(() => void tick(), intervalMs);
      }
    };
    void tick();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [active, intervalMs]);
}
