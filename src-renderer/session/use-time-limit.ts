/**
 * Runs one time limit: after `limit.limitMs` without a touch or a key, a warning phase of
 * `limit.warningMs` counts down (the caller shows it) and then `onExpire` runs. Any touch or key
 * before the warning restarts the count; once the warning shows, only `extend()` (the dialog's
 * button) or `expireNow()` answer it, so a tap meant for one of its buttons is never swallowed.
 * `restartKey` restarts it too (a new outcome on the same screen). `limit === null`: no limit.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TimeLimit } from './time-limits';

export interface TimeLimitControl {
  /** Whole seconds left while the warning shows; null otherwise. */
  warningSecondsLeft: number | null;
  /** More time: back to a full limit. */
  extend(): void;
  /** The citizen chose to end now. */
  expireNow(): void;
}

const ACTIVITY_EVENTS = ['pointerdown', 'keydown'] as const;

export function useTimeLimit(
  limit: TimeLimit | null,
  onExpire: () => void,
  restartKey: unknown = null,
): TimeLimitControl {
  const [warningSecondsLeft, setWarningSecondsLeft] = useState<number | null>(null);
  const onExpireRef = useRef(onExpire);
  const controls = useRef({ extend: () => undefined, expireNow: () => undefined } as {
    extend(): void;
    expireNow(): void;
  });
  useEffect(() => {
    onExpireRef.current = onExpire;
  });

  const limitMs = limit?.limitMs ?? null;
  const warningMs = limit?.warningMs ?? 0;

  useEffect(() => {
    setWarningSecondsLeft(null);
    if (limitMs === null) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let ticker: ReturnType<typeof setInterval> | undefined;
    let warning = false;

    const stop = () => {
      clearTimeout(timer);
      clearInterval(ticker);
    };
    const expire = () => {
      stop();
      warning = false;
      setWarningSecondsLeft(null);
      onExpireRef.current();
    };
    const warn = () => {
      if (warningMs <= 0) return expire();
      warning = true;
      let left = Math.ceil(warningMs / 1000);
      setWarningSecondsLeft(left);
      ticker = setInterval(() => {
        left -= 1;
        if (left <= 0) expire();
        else setWarningSecondsLeft(left);
      }, 1000);
    };
    const restart = () => {
      stop();
      warning = false;
      setWarningSecondsLeft(null);
      timer = setTimeout(warn, limitMs);
    };
    const onActivity = () => {
      if (!warning) restart();
    };

    controls.current = { extend: restart, expireNow: expire };
    restart();
    for (const name of ACTIVITY_EVENTS) {
      window.addEventListener(name, onActivity, { capture: true });
    }
    return () => {
      stop();
      controls.current = { extend: () => undefined, expireNow: () => undefined };
      for (const name of ACTIVITY_EVENTS) {
        window.removeEventListener(name, onActivity, { capture: true });
      }
    };
  }, [limitMs, warningMs, restartKey]);

  const extend = useCallback(() => controls.current.extend(), []);
  const expireNow = useCallback(() => controls.current.expireNow(), []);
  return { warningSecondsLeft, extend, expireNow };
}
