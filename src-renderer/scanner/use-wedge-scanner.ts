/**
 * Captures a keyboard-wedge scanner on window keydown (capture phase, before any button sees the
 * keys): completed scans go to `onScan`; keys a person typed go to `onTyped` / `onKey`.
 */
import { useEffect, useRef } from 'react';
import {
  deadKeyCharacter,
  normaliseWedgeScan,
  undoDeadKeyComposition,
  type ScannerLayout,
} from './keyboard-layout';
import { WedgeDetector, type WedgeDetectorOptions, type WedgeStep } from './wedge-detector';

export interface WedgeScannerHandlers {
  onScan(input: string): void;
  /** Printable characters typed by a person (on a physical keyboard). */
  onTyped?(text: string): void;
  /** A non-printable key a person pressed (Backspace, Escape…), after any held text. */
  onKey?(key: string): void;
  /** A scanner-fast burst stopped before its Enter: something was read, but not a whole code. */
  onIncomplete?(): void;
}

export interface WedgeScannerOptions extends WedgeDetectorOptions {
  /**
   * Milliseconds, monotonic; injectable for tests. By default a key's time is the event's own
   * `timeStamp` (when the input happened, not when a busy page got round to handling it).
   */
  clock?: () => number;
  /**
   * The layout the scanner is configured for (the PC is Spanish): 'us' always remaps a scan from
   * US to es-ES, 'es' never does, 'auto' (default) remaps a burst that only makes sense remapped.
   * For a technician setting, once the kiosk state carries one.
   */
  layout?: ScannerLayout;
}

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}

export function useWedgeScanner(
  handlers: WedgeScannerHandlers,
  options: WedgeScannerOptions = {},
): void {
  const handlersRef = useRef(handlers);
  useEffect(() => {
    handlersRef.current = handlers;
  });

  const { clock, maxInterKeyMs, maxKeyGapMs, minLength, maxLength, layout = 'auto' } = options;

  useEffect(() => {
    const now = clock ?? (() => performance.now());
    const detectorOptions: WedgeDetectorOptions = {};
    if (maxInterKeyMs !== undefined) detectorOptions.maxInterKeyMs = maxInterKeyMs;
    if (maxKeyGapMs !== undefined) detectorOptions.maxKeyGapMs = maxKeyGapMs;
    if (minLength !== undefined) detectorOptions.minLength = minLength;
    if (maxLength !== undefined) detectorOptions.maxLength = maxLength;
    const detector = new WedgeDetector(detectorOptions);
    const flushDelay = detector.holdMs + 10;
    let flushTimer: ReturnType<typeof setTimeout> | null = null;
    let afterDeadKey = false;

    const release = (step: WedgeStep) => {
      if (step.typed !== '') handlersRef.current.onTyped?.(step.typed);
      if (step.incomplete) handlersRef.current.onIncomplete?.();
    };

    /**
     * The key as the detector sees it: a Spanish dead key becomes the accent it stands for, and
     * the letter the system composed with it goes back to the plain letter that was pressed.
     */
    const keyOf = (event: KeyboardEvent): string => {
      if (event.key === 'Shift' || event.key === 'CapsLock') return event.key;
      const wasAfterDeadKey = afterDeadKey;
      afterDeadKey = event.key === 'Dead';
      if (event.key === 'Dead') return deadKeyCharacter(event.code, event.shiftKey) ?? 'Dead';
      return wasAfterDeadKey ? undoDeadKeyComposition(event.key) : event.key;
    };

    const onKeyDown = (event: KeyboardEvent) => {
      if (isEditable(event.target)) return;
      // Shortcuts are never scanner input: let them through and drop any held burst.
      const key = event.ctrlKey || event.metaKey || event.altKey ? 'Unidentified' : keyOf(event);
      const at = clock ? clock() : event.timeStamp;
      const step = detector.push(key, at, event.repeat);
      if (step.swallow) {
        event.preventDefault();
        event.stopPropagation();
      }
      release(step);
      if (step.scan !== null) {
        handlersRef.current.onScan(normaliseWedgeScan(step.scan, layout));
      } else if (!step.swallow && detector.pending === '' && key !== 'Unidentified') {
        handlersRef.current.onKey?.(key);
      }
      if (flushTimer) clearTimeout(flushTimer);
      flushTimer =
        detector.pending === ''
          ? null
          : setTimeout(() => {
              flushTimer = null;
              release(detector.expire(now()));
            }, flushDelay);
    };

    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => {
      window.removeEventListener('keydown', onKeyDown, { capture: true });
      if (flushTimer) clearTimeout(flushTimer);
    };
  }, [clock, maxInterKeyMs, maxKeyGapMs, minLength, maxLength, layout]);
}
