/**
 * Tells a keyboard-wedge barcode scanner from a person at a keyboard. A wedge scanner "types" the
 * code as keystrokes a few milliseconds apart and ends with Enter; people type far slower. This
 * module is pure: the caller passes each key with its timestamp (any monotonic clock in ms).
 *
 * A scan is at least `minLength` printable keys then Enter, with no gap longer than
 * `maxKeyGapMs` and an average gap under `maxInterKeyMs`. Averaging tolerates the odd late key
 * (a busy event loop) that a per-key limit would turn into a missed scan; the fastest human
 * typists average well over 60 ms a key.
 *
 * Keys are held back while they could still be part of a scan, so a scan never leaks into
 * whatever the page does with typed characters; once a burst is known not to be a scan (a long
 * gap, a non-printable key, or no Enter in time), its keys are released as `typed` text.
 *
 * Except a burst that was scanner-fast all along (at least `minLength` keys, average gap under
 * `maxInterKeyMs`) and then stopped without its Enter: a scan cut off (the code left the beam, a
 * scanner set to end with Tab). Its keys are dropped, not typed, and the step says `incomplete`
 * so the screen can ask for the code again instead of ignoring what arrived.
 */
export interface WedgeDetectorOptions {
  /** Largest average gap between the keys of a scan (Enter included). */
  maxInterKeyMs?: number;
  /** Largest single gap inside a scan; a longer one ends the burst. */
  maxKeyGapMs?: number;
  /** Fewest characters a scan has. */
  minLength?: number;
  /** Most characters kept from one scan; the rest are dropped (the main process bounds input too). */
  maxLength?: number;
}

export interface WedgeStep {
  /** Characters now known to have been typed by a person, in order ('' when none). */
  typed: string;
  /** The complete scan this key ended, or null. */
  scan: string | null;
  /** True when this key is scanner-fast and must not reach the page (e.g. a scan's Enter). */
  swallow: boolean;
  /** Present (true) when a scanner-fast burst ended without completing a scan. */
  incomplete?: true;
}

export const DEFAULT_WEDGE_OPTIONS: Required<WedgeDetectorOptions> = {
  maxInterKeyMs: 35,
  maxKeyGapMs: 120,
  minLength: 4,
  maxLength: 1024,
};

/**
 * The detector's timing for a kiosk whose technician set `wedgeMaxGapMs` (the slowest scanner
 * speed still read as one, per key): it is the scan's average gap, and a single late key may
 * take three times as long (never less than the default tolerance).
 */
export function wedgeTiming(
  wedgeMaxGapMs: number,
): Pick<Required<WedgeDetectorOptions>, 'maxInterKeyMs' | 'maxKeyGapMs'> {
  return {
    maxInterKeyMs: wedgeMaxGapMs,
    maxKeyGapMs: Math.max(DEFAULT_WEDGE_OPTIONS.maxKeyGapMs, 3 * wedgeMaxGapMs),
  };
}

/** Modifier keys: a scanner presses Shift for capitals, so these never break a burst. */
const MODIFIER_KEYS = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'CapsLock']);

/** True for a `KeyboardEvent.key` that produces one printable character. */
export function isPrintableKey(key: string): boolean {
  const characters = [...key];
  if (characters.length !== 1) return false;
  const codePoint = characters[0]?.codePointAt(0) ?? 0;
  return codePoint >= 0x20 && codePoint !== 0x7f;
}

const NOTHING: WedgeStep = { typed: '', scan: null, swallow: false };

export class WedgeDetector {
  private readonly options: Required<WedgeDetectorOptions>;
  private buffer = '';
  /** Keys held in `buffer` (may exceed its length once `maxLength` is reached). */
  private count = 0;
  private firstAt = 0;
  private lastAt = Number.NEGATIVE_INFINITY;

  constructor(options: WedgeDetectorOptions = {}) {
    this.options = { ...DEFAULT_WEDGE_OPTIONS, ...options };
  }

  /** Characters held back, waiting to know whether they are a scan. */
  get pending(): string {
    return this.buffer;
  }

  /** How long after the last key `flush` releases held characters. */
  get holdMs(): number {
    return this.options.maxKeyGapMs;
  }

  /**
   * Feeds one key (`KeyboardEvent.key`) pressed at `at` ms. Pass `repeat` for auto-repeated keys
   * (a held key repeats every 30 ms or so, which must not look like a scan).
   */
  push(key: string, at: number, repeat = false): WedgeStep {
    if (MODIFIER_KEYS.has(key)) return NOTHING;
    const { maxInterKeyMs, maxKeyGapMs, minLength, maxLength } = this.options;
    const gap = at - this.lastAt;

    if (key === 'Enter') {
      const averageGap = (at - this.firstAt) / this.count;
      const isScan =
        !repeat && this.count >= minLength && gap <= maxKeyGapMs && averageGap < maxInterKeyMs;
      if (isScan) return { typed: '', scan: this.take(), swallow: true };
      return this.release();
    }

    if (!isPrintableKey(key) || repeat) return this.release();

    if (this.buffer !== '' && gap <= maxKeyGapMs) {
      if (this.buffer.length < maxLength) this.buffer += key;
      this.count += 1;
      this.lastAt = at;
      return { typed: '', scan: null, swallow: gap < maxInterKeyMs };
    }

    // A long gap (or the first key): whatever was held is not a scan.
    const released = this.release();
    this.buffer = key;
    this.count = 1;
    this.firstAt = at;
    this.lastAt = at;
    return released;
  }

  /**
   * Releases held characters once a scan can no longer complete (no key for `maxKeyGapMs`).
   * Call it from a timer after each key; a cut-off scan comes back `incomplete`.
   */
  expire(at: number): WedgeStep {
    if (this.buffer === '' || at - this.lastAt <= this.options.maxKeyGapMs) return NOTHING;
    return this.release();
  }

  /** `expire` for callers that only want the typed text ('' when nothing is released). */
  flush(at: number): string {
    return this.expire(at).typed;
  }

  /** Forgets everything held. */
  reset(): void {
    this.take();
  }

  /** Ends the held burst: typed text, or a cut-off scan. */
  private release(): WedgeStep {
    const { count, firstAt, lastAt } = this;
    const held = this.take();
    if (held === '') return NOTHING;
    const averageGap = (lastAt - firstAt) / (count - 1);
    const wasFast = count >= this.options.minLength && averageGap < this.options.maxInterKeyMs;
    return wasFast
      ? { typed: '', scan: null, swallow: false, incomplete: true }
      : { typed: held, scan: null, swallow: false };
  }

  private take(): string {
    const held = this.buffer;
    this.buffer = '';
    this.count = 0;
    this.lastAt = Number.NEGATIVE_INFINITY;
    return held;
  }
}
