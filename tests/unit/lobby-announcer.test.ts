import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  Announcer,
  DEFAULT_ANNOUNCER_TIMING,
  type AnnouncementRecord,
  type AnnouncementSound,
  type AnnouncerSettings,
} from '../../src-renderer/lobby/announcer';
import { spokenTicketNumber } from '../../src-renderer/lobby/announcement-text';
import { emptyWeek } from '../../src-shared/domain/weekly-hours';
import { lobbyCall } from '../support/lobby-fixtures';

type Step =
  | { kind: 'chime'; volume: number }
  | { kind: 'speak'; text: string; language: string; volume: number };

/**
 * A recording AnnouncementSound: every chime or utterance waits until the test finishes it (or
 * fails it), so the test sees exactly what is under way at each moment.
 */
function scriptedSound() {
  const steps: Step[] = [];
  const open: { resolve: () => void; reject: (error: Error) => void }[] = [];
  const hold = () =>
    new Promise<void>((resolve, reject) => {
      open.push({ resolve, reject });
    });
  const sound: AnnouncementSound = {
    chime: (volume) => {
      steps.push({ kind: 'chime', volume });
      return hold();
    },
    speak: (text, language, volume) => {
      steps.push({ kind: 'speak', text, language, volume });
      return hold();
    },
  };
  return {
    sound,
    steps,
    /** Ends what is under way, then lets the queue take its next step. */
    async finish() {
      const current = open.shift();
      if (!current) throw new Error('nothing is being played');
      current.resolve();
      await vi.advanceTimersByTimeAsync(0);
    },
    async fail(reason: string) {
      const current = open.shift();
      if (!current) throw new Error('nothing is being played');
      current.reject(new Error(reason));
      await vi.advanceTimersByTimeAsync(0);
    },
    get underway() {
      return open.length;
    },
  };
}

const SETTINGS: AnnouncerSettings = {
  chime: true,
  volume: 0.8,
  quietHours: emptyWeek(),
  speakTicketLanguage: true,
  timeZone: 'Europe/Madrid',
};

// Thursday 27 November 2025, 10:30 in Madrid.
const NOW = new Date('2025-11-27T09:30:00Z');

let settings: AnnouncerSettings;
let logs: string[];
let records: AnnouncementRecord[];

function setUp() {
  const script = scriptedSound();
  const announcer = new Announcer({
    sound: script.sound,
    settings: () => settings,
    now: () => NOW,
    log: (line) => logs.push(line),
  });
  announcer.announced((record) => records.push(record));
  return { script, announcer };
}

const E014 = lobbyCall('E-014', 'Mesa 3', '2025-11-27T09:29:00Z');
const R002 = lobbyCall('R-002', 'Mesa 1', '2025-11-27T09:29:30Z', { ticketLanguage: 'fr' });

beforeEach(() => {
  vi.useFakeTimers();
  settings = { ...SETTINGS };
  logs = [];
  records = [];
});

afterEach(() => {
  vi.useRealTimers();
});

describe('the lobby announcer', () => {
  it('says the letter and the number, not the hyphen and the zeros', () => {
    expect(spokenTicketNumber('E-014')).toBe('E 14');
    expect(spokenTicketNumber('PAD-100')).toBe('PAD 100');
  });

  it('announces one call whole — chime, Spanish, the ticket language — before the next', async () => {
    const { script, announcer } = setUp();
    announcer.enqueue(E014);
    announcer.enqueue(R002);
    await vi.advanceTimersByTimeAsync(0);
    expect(script.steps).toEqual([{ kind: 'chime', volume: 0.8 }]);

    await script.finish();
    expect(script.steps.at(-1)).toEqual({
      kind: 'speak',
      text: 'Turno E 14, Mesa 3.',
      language: 'es',
      volume: 0.8,
    });
    // E-014 has no ticket language: its announcement is over; R-002 waits for the gap.
    await script.finish();
    expect(records).toEqual([{ call: E014, outcome: 'spoken' }]);
    expect(script.steps).toHaveLength(2);
    expect(script.underway).toBe(0);

    await vi.advanceTimersByTimeAsync(DEFAULT_ANNOUNCER_TIMING.gapMs);
    expect(script.steps.at(-1)).toEqual({ kind: 'chime', volume: 0.8 });
    await script.finish();
    expect(script.steps.at(-1)).toMatchObject({ text: 'Turno R 2, Mesa 1.', language: 'es' });
    // Nothing else starts while the Spanish is being said.
    expect(script.underway).toBe(1);
    await script.finish();
    expect(script.steps.at(-1)).toMatchObject({ text: 'Ticket R 2, Mesa 1.', language: 'fr' });
    await script.finish();
    expect(records.map((record) => record.outcome)).toEqual(['spoken', 'spoken']);
    expect(script.steps).toHaveLength(5);
  });

  it('says only Spanish when the screen is set not to speak the ticket language', async () => {
    settings.speakTicketLanguage = false;
    const { script, announcer } = setUp();
    announcer.enqueue(R002);
    await vi.advanceTimersByTimeAsync(0);
    await script.finish();
    await script.finish();
    expect(script.steps.filter((step) => step.kind === 'speak')).toEqual([
      { kind: 'speak', text: 'Turno R 2, Mesa 1.', language: 'es', volume: 0.8 },
    ]);
    expect(records).toEqual([{ call: R002, outcome: 'spoken' }]);
  });

  it('announces a repeat again, saying that it is one', async () => {
    const { script, announcer } = setUp();
    announcer.enqueue(E014);
    await vi.advanceTimersByTimeAsync(0);
    await script.finish();
    await script.finish();
    const repeat = lobbyCall('E-014', 'Mesa 3', '2025-11-27T09:31:00Z', { repeat: true });
    announcer.enqueue(repeat);
    await vi.advanceTimersByTimeAsync(0);
    await script.finish();
    expect(script.steps.at(-1)).toMatchObject({
      text: 'Repetimos: turno E 14, Mesa 3.',
      language: 'es',
    });
    await script.finish();
    expect(records.map((record) => record.call.id)).toEqual([E014.id, repeat.id]);
  });

  it('is silent in quiet hours, on the site clock: the call is only shown', async () => {
    // 10:30 in Madrid is 09:30 UTC: a quiet range 10:00–11:00 on Thursdays covers it.
    settings.quietHours = { ...emptyWeek(), thu: ['10:00-11:00'] };
    const { script, announcer } = setUp();
    announcer.enqueue(E014);
    await vi.advanceTimersByTimeAsync(0);
    expect(script.steps).toEqual([]);
    expect(records).toEqual([{ call: E014, outcome: 'quiet' }]);

    settings.quietHours = { ...emptyWeek(), thu: ['11:00-12:00'] };
    announcer.enqueue(R002);
    await vi.advanceTimersByTimeAsync(0);
    expect(script.steps).toEqual([{ kind: 'chime', volume: 0.8 }]);
  });

  it('is silent at volume 0, and plays no chime when the chime is off', async () => {
    settings.volume = 0;
    const { script, announcer } = setUp();
    announcer.enqueue(E014);
    await vi.advanceTimersByTimeAsync(0);
    expect(script.steps).toEqual([]);
    expect(records).toEqual([{ call: E014, outcome: 'quiet' }]);

    settings = { ...SETTINGS, chime: false, volume: 0.3 };
    announcer.enqueue(R002);
    await vi.advanceTimersByTimeAsync(0);
    expect(script.steps).toEqual([
      { kind: 'speak', text: 'Turno R 2, Mesa 1.', language: 'es', volume: 0.3 },
    ]);
  });

  it('goes on when the chime is blocked, and logs why', async () => {
    const { script, announcer } = setUp();
    announcer.enqueue(E014);
    await vi.advanceTimersByTimeAsync(0);
    await script.fail('the audio context is suspended: autoplay is blocked');
    expect(script.steps.at(-1)).toMatchObject({ kind: 'speak', language: 'es' });
    await script.finish();
    expect(records).toEqual([{ call: E014, outcome: 'failed' }]);
    expect(logs).toEqual([
      'chime for E-014 not played: the audio context is suspended: autoplay is blocked',
    ]);
  });

  it('moves on when an utterance never ends', async () => {
    const { script, announcer } = setUp();
    announcer.enqueue(E014);
    announcer.enqueue(R002);
    await vi.advanceTimersByTimeAsync(0);
    await script.finish();
    await vi.advanceTimersByTimeAsync(DEFAULT_ANNOUNCER_TIMING.utteranceLimitMs - 1);
    expect(records).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(records).toEqual([{ call: E014, outcome: 'failed' }]);
    expect(logs[0]).toMatch(/^call E-014 not spoken in es: speech \(es\) did not finish within/);
    await vi.advanceTimersByTimeAsync(DEFAULT_ANNOUNCER_TIMING.gapMs);
    expect(script.steps.at(-1)).toEqual({ kind: 'chime', volume: 0.8 });
  });

  it('queues a call once, and drops the oldest waiting calls past the limit', async () => {
    const { script, announcer } = setUp();
    announcer.enqueue(E014);
    announcer.enqueue(E014);
    await vi.advanceTimersByTimeAsync(0);
    const waiting = Array.from({ length: DEFAULT_ANNOUNCER_TIMING.maxPending + 2 }, (_, index) =>
      lobbyCall(`E-${String(index + 20).padStart(3, '0')}`, 'Mesa 2', '2025-11-27T09:29:40Z'),
    );
    waiting.forEach((call) => announcer.enqueue(call));
    expect(records).toEqual([
      { call: waiting[0], outcome: 'dropped' },
      { call: waiting[1], outcome: 'dropped' },
    ]);
    await script.finish();
    await script.finish();
    expect(records.at(-1)).toEqual({ call: E014, outcome: 'spoken' });
    expect(script.steps.filter((step) => step.kind === 'speak')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(DEFAULT_ANNOUNCER_TIMING.gapMs);
    await script.finish();
    expect(script.steps.at(-1)).toMatchObject({ text: 'Turno E 22, Mesa 2.' });
  });
});
