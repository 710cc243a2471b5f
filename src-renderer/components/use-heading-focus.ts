import { useEffect, useRef } from 'react';

/** Moves focus to a screen's heading when it appears, so assistive technology follows along. */
export function useHeadingFocus<T extends HTMLElement>(restartKey: unknown = null) {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
  }, [restartKey]);
  return ref;
}
