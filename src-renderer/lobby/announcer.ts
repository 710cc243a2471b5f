/**
 * The lobby's announcement queue: each call is announced whole — chime, then the call in
 * Spanish, then in the ticket's language — before the next one starts, so a second call never
 * cuts the first. Quiet hours (site clock) and a volume of 0 leave the call on screen only.
 * Nothing here touches the browser: the sound comes through `AnnouncementSound` (Web Audio and
 * speech synthesis in browser-sound.ts), so the queue is tested with fake timers.
 *
 * Every step has a time limit: a speech engine that never says "ended" (no voice, audio device
 * gone, a browser that blocks autoplay) must not stop the queue. Failures are logged, never
 * thrown: the screen shows the call whatever the sound does.
 */
import { Emitter } from '../../src-shared/common/emitter';
import type { LobbyCall } from '../../src-shared/contract/lobby';
import type { Language } from '../../src-shared/domain/language';
import { isWithinWeeklyHours, type WeeklyHours } from '../../src-shared/domain/weekly-hours';
import { announcementParts } from './announcement-text';

export interface AnnouncementSound {
  /** Plays the chime at `volume` (0–1); settles when it has finished. */
  chime(volume: number): Promise<void>;
  /** Says `text` in `language` at `volume`; settles when it has been said. */
  speak(text: string, language: Language, volume: number): Promise<void>;
}

export interface AnnouncerSettings {
  chime: boolean;
  volume: number;
  quietHours: WeeklyHours;
  speakTicketLanguage: boolean;
  timeZone: string;
}

/** spoken: chime (if on) and speech went out; quiet: quiet hours or volume 0; failed: some of
 * the sound could not be played (logged); dropped: too many calls were waiting. */
export type AnnouncementOutcome = 'spoken' | 'quiet' | 'failed' | 'dropped';

export interface AnnouncementRecord {
  call: LobbyCall;
  outcome: AnnouncementOutcome;
}

export interface AnnouncerTiming {
  /** Longest a chime may take before the speech starts anyway. */
  chimeLimitMs: number;
  /** Longest one utterance may take before the queue moves on. */
  utteranceLimitMs: number;
  /** Silence between two announcements, so they are heard as two. */
  gapMs: number;
  /** Calls waiting beyond this: the oldest is only shown, not announced (it would be stale). */
  maxPending: number;
}

export const DEFAULT_ANNOUNCER_TIMING: AnnouncerTiming = {
  chimeLimitMs: 4_000,
  utteranceLimitMs: 15_000,
  gapMs: 1_200,
  maxPending: 8,
};

export interface AnnouncerDeps {
  sound: AnnouncementSound;
  /** Read at each announcement: the screen's options may change between two calls. */
  settings(): AnnouncerSettings;
  /** The current instant, by the server's clock (quiet hours are the site's). */
  now(): Date;
  log(line: string): void;
  timing?: Partial<AnnouncerTiming>;
}

const reasonOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

function withinLimit<T>(work: Promise<T>, limitMs: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} did not finish within ${limitMs} ms`)),
      limitMs,
    );
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class Announcer {
  private readonly timing: AnnouncerTiming;
  private readonly pending: LobbyCall[] = [];
  private current: LobbyCall | null = null;
  private running = false;
  private disposed = false;
  private readonly finished = new Emitter<AnnouncementRecord>();
  /** Fired once per enqueued call, when it has been announced (or could not be). */
  readonly announced = this.finished.event;

  constructor(private readonly deps: AnnouncerDeps) {
    this.timing = { ...DEFAULT_ANNOUNCER_TIMING, ...deps.timing };
  }

  /** Queues `call`; a call already queued or being announced (same id) is not queued twice. */
  enqueue(call: LobbyCall): void {
    if (this.disposed) return;
    if (this.current?.id === call.id || this.pending.some((queued) => queued.id === call.id))
      return;
    this.pending.push(call);
    while (this.pending.length > this.timing.maxPending) {
      const dropped = this.pending.shift() as LobbyCall;
      this.deps.log(`announcement of ${dropped.ticketNumber} dropped: too many calls waiting`);
      this.finished.fire({ call: dropped, outcome: 'dropped' });
    }
    void this.drain();
  }

  /** The call being announced now, if any. */
  get announcing(): LobbyCall | null {
    return this.current;
  }

  dispose(): void {
    this.disposed = true;
    this.pending.length = 0;
    this.finished.dispose();
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      let next = this.pending.shift();
      while (next && !this.disposed) {
        this.current = next;
        const outcome = await this.announce(next);
        this.current = null;
        this.finished.fire({ call: next, outcome });
        next = this.pending.shift();
        if (next) await pause(this.timing.gapMs);
      }
    } finally {
      this.current = null;
      this.running = false;
    }
  }

  private async announce(call: LobbyCall): Promise<AnnouncementOutcome> {
    const settings = this.deps.settings();
    if (settings.volume <= 0) return 'quiet';
    if (isWithinWeeklyHours(settings.quietHours, this.deps.now(), settings.timeZone)) {
      return 'quiet';
    }
    let failed = false;
    if (settings.chime) {
      try {
        await withinLimit(
          this.deps.sound.chime(settings.volume),
          this.timing.chimeLimitMs,
          'the chime',
        );
      } catch (error) {
        failed = true;
        this.deps.log(`chime for ${call.ticketNumber} not played: ${reasonOf(error)}`);
      }
    }
    for (const part of announcementParts(call, settings.speakTicketLanguage)) {
      try {
        await withinLimit(
          this.deps.sound.speak(part.text, part.language, settings.volume),
          this.timing.utteranceLimitMs,
          `speech (${part.language})`,
        );
      } catch (error) {
        failed = true;
        this.deps.log(
          `call ${call.ticketNumber} not spoken in ${part.language}: ${reasonOf(error)}`,
        );
      }
    }
    return failed ? 'failed' : 'spoken';
  }
}
