import { useEffect, useRef } from 'react';

/**
 * Calls `onIdle` after `ms` without a touch or a key while `active`. `restartKey` restarts the
 * countdown when it changes (e.g. a new result on the same screen).
 */
export function useIdleTimeout(
  active: boolean,
  ms: number,
  onIdle: () => void,
  restartKey: unknown = null,
): void {
  const onIdleRef = useRef(onIdle);
  useEffect(() => {
    onIdleRef.current = onIdle;
  });

  useEffect(() => {
    if (!active) return;
    let timer = setTimeout(() => onIdleRef.current(), ms);
    const restart = () => {
      clearTimeout(timer);
      timer = setTimeout(() => onIdleRef.current(), ms);
    };
    const events = ['pointerdown', 'keydown'] as const;
    for (const name of events) window.addEventListener(name, restart, { capture: true });
    return () => {
      clearTimeout(timer);
      for (const name of events) window.removeEventListener(name, restart, { capture: true });
    };
  }, [active, ms, restartKey]);
}
