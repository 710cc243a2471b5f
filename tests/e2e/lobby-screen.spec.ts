/**
 * The lobby screen (dist/renderer/lobby.html) in real Chromium, fed by a real HTTP server with
 * Server-Sent Events (support/lobby-feed-server.ts). Sound is MOCKED AT THE BROWSER API by an
 * init script: `SpeechSynthesisMock` takes the place of `window.speechSynthesis` and
 * `SpeechSynthesisUtterance` (it records each utterance and holds it "being said" until the test
 * ends it), and `AudioContextMock` takes the place of `window.AudioContext` (it records each
 * tone of the chime and its loudness). Nothing here ever clicks or types, and until a test's
 * sound checks are done nothing is delivered into the page either: the mocks report on the
 * console and learn when an utterance ends from the feed server, because Playwright's
 * evaluations, binding answers and locator checks all count as a user gesture in the page.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { LobbyCall, LobbySnapshot } from '../../src-shared/contract/lobby';
import { lobbyCall, lobbySnapshot } from '../support/lobby-fixtures';
import { LANDSCAPE, PORTRAIT } from './support/browser';
import { startLobbyFeedServer, type LobbyFeedServer } from './support/lobby-feed-server';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RENDERER_DIR = path.join(ROOT, 'dist/renderer');
const SCREENSHOT = path.join(ROOT, 'docs/screenshots/lobby-screen.png');

type SoundEvent =
  | { kind: 'tone'; hz: number; peak: number }
  | { kind: 'speak'; text: string; lang: string; volume: number }
  | { kind: 'end'; text: string }
  | { kind: 'cancel' };

/**
 * What the page reports through its bindings: the sounds, the current number on screen (seen by
 * a MutationObserver), CSP violations; each with whether the page had had a user gesture.
 */
type PageReport = (
  SoundEvent | { kind: 'screen'; current: string | null } | { kind: 'csp'; violation: string }
) & { userActivated?: boolean };

/** Console lines from the mocks start with this; the rest is a PageReport as JSON. */
const REPORT_PREFIX = '[lobby-mock] ';

/**
 * Runs in the page before the lobby: SpeechSynthesisMock and AudioContextMock, reporting to the
 * test on the console. An utterance ends when the feed server answers /test/speech-ended. `blocked` plays Chromium without the autoplay switch: the audio
 * context stays suspended and speech fails with 'not-allowed'.
 */
function installSoundMocks({ blocked, prefix }: { blocked: boolean; prefix: string }) {
  const report = (event: PageReport) =>
    console.info(
      prefix + JSON.stringify({ ...event, userActivated: navigator.userActivation.hasBeenActive }),
    );
  let current: string | null = null;
  new MutationObserver(() => {
    const shown = document.querySelector('.lobby-current-number')?.textContent ?? null;
    if (shown !== current) report({ kind: 'screen', current: (current = shown) });
  }).observe(document, { subtree: true, childList: true, characterData: true });
  let speaking = 0;
  class SpeechSynthesisUtteranceMock {
    lang = '';
    volume = 1;
    voice: unknown = null;
    onend: (() => void) | null = null;
    onerror: ((event: { error: string }) => void) | null = null;
    constructor(readonly text: string) {}
  }
  const voices = ['es-ES', 'en-GB', 'fr-FR', 'de-DE'].map((lang) => ({
    name: `Mock ${lang}`,
    lang,
    default: false,
    localService: true,
    voiceURI: `mock-${lang}`,
  }));
  const speechSynthesisMock = {
    speak(utterance: SpeechSynthesisUtteranceMock) {
      report({
        kind: 'speak',
        text: utterance.text,
        lang: utterance.lang,
        volume: utterance.volume,
      });
      if (blocked) {
        setTimeout(() => utterance.onerror?.({ error: 'not-allowed' }), 0);
        return;
      }
      speaking += 1;
      void fetch('/test/speech-ended', { cache: 'no-store' }).then(() => {
        speaking -= 1;
        utterance.onend?.();
      });
    },
    cancel() {
      report({ kind: 'cancel' });
    },
    getVoices: () => voices,
    get speaking() {
      return speaking > 0;
    },
    pending: false,
    paused: false,
    pause() {},
    resume() {},
    addEventListener() {},
    removeEventListener() {},
  };
  class AudioContextMock {
    state = blocked ? 'suspended' : 'running';
    currentTime = 0;
    destination = {};
    resume() {
      // Chromium's autoplay policy: no gesture, no resume (the promise does not settle).
      return blocked ? new Promise(() => undefined) : Promise.resolve();
    }
    createGain() {
      let peak = 0;
      return {
        gain: {
          setValueAtTime() {},
          linearRampToValueAtTime(value: number) {
            peak = value;
          },
          exponentialRampToValueAtTime() {},
        },
        connect: (target: unknown) => target,
        get peak() {
          return peak;
        },
      };
    }
    createOscillator() {
      const oscillator = {
        type: 'sine',
        frequency: { value: 0 },
        onended: null as (() => void) | null,
        gainNode: null as { peak: number } | null,
        connect(target: { peak: number }) {
          oscillator.gainNode = target;
          return target;
        },
        start() {},
        stop() {
          report({
            kind: 'tone',
            hz: oscillator.frequency.value,
            peak: oscillator.gainNode?.peak ?? 0,
          });
          setTimeout(() => oscillator.onended?.(), 0);
        },
      };
      return oscillator;
    }
  }
  Object.defineProperty(window, 'speechSynthesis', {
    configurable: true,
    value: speechSynthesisMock,
  });
  Object.defineProperty(window, 'SpeechSynthesisUtterance', {
    configurable: true,
    value: SpeechSynthesisUtteranceMock,
  });
  Object.defineProperty(window, 'AudioContext', { configurable: true, value: AudioContextMock });
  document.addEventListener('securitypolicyviolation', (event) =>
    report({ kind: 'csp', violation: `${event.violatedDirective} ${event.blockedURI}` }),
  );
}

/** The test's side of the mocks: what the page reported, and the utterances to end. */
class SoundRecorder {
  readonly log: SoundEvent[] = [];
  readonly cspViolations: string[] = [];
  /** The current call's number on screen, as the page last reported it. */
  currentNumber: string | null = null;
  /** Reports made after a user gesture. */
  readonly activated: PageReport[] = [];

  constructor(private readonly feedServer: LobbyFeedServer) {}

  async attach(page: Page, blocked: boolean) {
    page.on('console', (message) => {
      if (!message.text().startsWith(REPORT_PREFIX)) return;
      const { userActivated, ...report } = JSON.parse(
        message.text().slice(REPORT_PREFIX.length),
      ) as PageReport;
      if (userActivated) this.activated.push(report);
      if (report.kind === 'csp') this.cspViolations.push(report.violation);
      else if (report.kind === 'screen') this.currentNumber = report.current;
      else this.log.push(report);
    });
    await page.addInitScript(installSoundMocks, { blocked, prefix: REPORT_PREFIX });
  }

  get said(): string[] {
    return this.log.flatMap((event) => (event.kind === 'speak' ? [event.text] : []));
  }

  /** Waits for `text` to be being said, then ends it. */
  async hearAndFinish(text: string) {
    await expect.poll(() => this.said.at(-1)).toBe(text);
    await expect.poll(() => this.feedServer.speechHeld).toBe(1);
    this.log.push({ kind: 'end', text });
    this.feedServer.endSpeech();
  }
}

const isoAgo = (ms: number) => new Date(Date.now() - ms).toISOString();

/** The office's picture now: two calls made a few minutes ago, waiting counts, a notice. */
function officeSnapshot(calls: LobbyCall[], extra: Record<string, unknown> = {}): LobbySnapshot {
  return lobbySnapshot(new Date().toISOString(), calls, {
    notice: 'Hoy la oficina cierra a las 14:00. Para empadronarse traiga su DNI o NIE.',
    ...extra,
  });
}

const EARLIER = [
  lobbyCall('E-013', 'Mesa 2', isoAgo(120_000)),
  lobbyCall('R-001', 'Mesa 1', isoAgo(240_000)),
];

let feed: LobbyFeedServer;

test.beforeAll(() => {
  if (!existsSync(path.join(RENDERER_DIR, 'lobby.html'))) {
    execFileSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: 'inherit' });
  }
});

test.beforeEach(async () => {
  feed = await startLobbyFeedServer(RENDERER_DIR, officeSnapshot(EARLIER));
});

test.afterEach(async () => {
  await feed.close();
});

async function openLobby(
  page: Page,
  options: { blocked?: boolean; current?: string } = {},
): Promise<{ sound: SoundRecorder; pageErrors: string[]; warnings: string[] }> {
  const pageErrors: string[] = [];
  const warnings: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
  });
  const sound = new SoundRecorder(feed);
  await sound.attach(page, options.blocked ?? false);
  await page.goto(feed.pageUrl);
  // Watched through the page's reports: Playwright's own locator checks evaluate in the page
  // with a user gesture, which would spoil the "no gesture" check of the sounds that follow.
  await expect.poll(() => sound.currentNumber).toBe(options.current ?? 'E-013');
  await expect.poll(() => feed.streamsOpened).toBe(1);
  return { sound, pageErrors, warnings };
}

/**
 * Every sound ran without a user gesture (call it before the test's first locator check: those
 * count as gestures), and the page broke no CSP rule.
 */
function expectUnattendedAndClean(sound: SoundRecorder) {
  expect(sound.activated).toEqual([]);
  expect(sound.cspViolations).toEqual([]);
}

const currentNumber = (page: Page) => page.locator('.lobby-current-number');
const recentNumbers = (page: Page) => page.locator('.lobby-recent-number');

test('calls appear newest first and are announced one after another, without a gesture', async ({
  page,
}) => {
  const { sound, pageErrors } = await openLobby(page);
  // The calls the screen started with are shown, not announced.
  expect(sound.log).toEqual([]);

  const e014 = lobbyCall('E-014', 'Mesa 3', isoAgo(0));
  const r002 = lobbyCall('R-002', 'Mesa 1', isoAgo(0), { ticketLanguage: 'en' });
  feed.send({ type: 'call', call: e014 });
  await expect.poll(() => sound.currentNumber).toBe('E-014');
  await expect.poll(() => sound.said).toEqual(['Turno E 14, Mesa 3.']);

  // A second call while the first is being said: shown at once, announced only after.
  feed.send({
    type: 'call',
    call: r002,
    waiting: [{ serviceId: 'registro', serviceNames: r002.serviceNames, count: 0 }],
  });
  await expect.poll(() => sound.currentNumber).toBe('R-002');
  expect(sound.said).toEqual(['Turno E 14, Mesa 3.']);

  await sound.hearAndFinish('Turno E 14, Mesa 3.');
  await sound.hearAndFinish('Turno R 2, Mesa 1.');
  await sound.hearAndFinish('Ticket R 2, Mesa 1.');

  const log = sound.log;
  // Chime (three falling tones at full volume) before each call, nothing overlapping or cut.
  const tones = (hz: number[]) => hz.map((value) => ({ kind: 'tone', hz: value, peak: 0.3 }));
  expect(log).toEqual([
    ...tones([784, 659.3, 523.3]),
    { kind: 'speak', text: 'Turno E 14, Mesa 3.', lang: 'es-ES', volume: 1 },
    { kind: 'end', text: 'Turno E 14, Mesa 3.' },
    ...tones([784, 659.3, 523.3]),
    { kind: 'speak', text: 'Turno R 2, Mesa 1.', lang: 'es-ES', volume: 1 },
    { kind: 'end', text: 'Turno R 2, Mesa 1.' },
    { kind: 'speak', text: 'Ticket R 2, Mesa 1.', lang: 'en-GB', volume: 1 },
    { kind: 'end', text: 'Ticket R 2, Mesa 1.' },
  ]);
  expectUnattendedAndClean(sound);
  expect(pageErrors).toEqual([]);

  await expect(currentNumber(page)).toHaveText('R-002');
  await expect(page.locator('.lobby-current-desk')).toHaveText('Mesa 1');
  await expect(recentNumbers(page)).toHaveText(['E-014', 'E-013', 'R-001']);
  await expect(page.locator('.lobby-waiting-count')).toHaveText(['0 personas']);
});

test('a repeat is announced again and marked on screen; volume is applied', async ({ page }) => {
  feed.setSnapshot(officeSnapshot(EARLIER, { options: { volume: 0.5 } }));
  const { sound } = await openLobby(page);
  const first = lobbyCall('E-014', 'Mesa 3', isoAgo(0));
  feed.send({ type: 'call', call: first });
  await sound.hearAndFinish('Turno E 14, Mesa 3.');
  const repeat = lobbyCall('E-014', 'Mesa 3', isoAgo(-1_000), { repeat: true });
  feed.send({ type: 'repeat', call: repeat });
  await sound.hearAndFinish('Repetimos: turno E 14, Mesa 3.');

  const log = sound.log;
  expect(log.filter((event) => event.kind === 'tone')).toHaveLength(6);
  expect(new Set(log.map((event) => ('peak' in event ? event.peak : null)))).toEqual(
    new Set([0.15, null]),
  );
  expect(log.flatMap((event) => (event.kind === 'speak' ? [event.volume] : []))).toEqual([
    0.5, 0.5,
  ]);
  expectUnattendedAndClean(sound);

  await expect(page.locator('.lobby-current .lobby-repeat')).toHaveText('Repetición');
  // The first call stays in the list, unmarked.
  await expect(page.locator('.lobby-recent-call').first()).toHaveText('E-014Mesa 3');
  await expect(page.locator('.lobby-recent-call .lobby-repeat')).toHaveCount(0);
});

test('in quiet hours a call is shown but neither chimed nor spoken', async ({ page }) => {
  const allDay = ['00:00-24:00'];
  const quiet = { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay };
  feed.setSnapshot(
    officeSnapshot(EARLIER, { options: { quietHours: { ...quiet, sat: allDay, sun: allDay } } }),
  );
  const { sound } = await openLobby(page);
  const e020 = lobbyCall('E-020', 'Mesa 2', isoAgo(0));
  feed.send({ type: 'call', call: e020 });
  await expect.poll(() => sound.currentNumber).toBe('E-020');

  // Quiet hours end (the administrator's change arrives as a snapshot); the next call is heard,
  // and the queue — first in, first out — never said the quiet one.
  feed.send({ type: 'snapshot', snapshot: officeSnapshot([e020, ...EARLIER]) });
  feed.send({ type: 'call', call: lobbyCall('E-021', 'Mesa 1', isoAgo(0)) });
  await expect.poll(() => sound.currentNumber).toBe('E-021');
  await sound.hearAndFinish('Turno E 21, Mesa 1.');
  expect(sound.said).toEqual(['Turno E 21, Mesa 1.']);
  expectUnattendedAndClean(sound);
});

test('a dropped feed shows the offline badge and keeps the calls; a reconnect reloads the state', async ({
  page,
}) => {
  const { sound } = await openLobby(page);
  const e014 = lobbyCall('E-014', 'Mesa 3', isoAgo(0));
  feed.send({ type: 'call', call: e014 });
  await sound.hearAndFinish('Turno E 14, Mesa 3.');
  const fetchedBefore = feed.snapshotRequests;

  feed.drop();
  await expect(page.locator('.lobby-badge')).toContainText('Sin conexión');
  await expect(page.locator('.lobby-badge')).toContainText('Datos de las');
  await expect(currentNumber(page)).toHaveText('E-014');
  await expect(recentNumbers(page)).toHaveText(['E-013', 'R-001']);

  // While the screen is away the office calls R-002 and the waiting counts change: no event
  // reaches the screen; only the snapshot it fetches on reconnecting has them.
  const missed = lobbyCall('R-002', 'Mesa 1', isoAgo(5_000));
  const waiting = [{ serviceId: 'padron', serviceNames: e014.serviceNames, count: 9 }];
  feed.setSnapshot(officeSnapshot([missed, e014, ...EARLIER], { waiting }));
  feed.restore();

  await expect(page.locator('.lobby-badge')).toHaveCount(0);
  await expect(currentNumber(page)).toHaveText('R-002');
  await expect(page.locator('.lobby-waiting-count')).toHaveText(['9 personas']);
  expect(feed.snapshotRequests).toBeGreaterThan(fetchedBefore);
  expect(feed.streamsOpened).toBeGreaterThan(1);
  // A call missed moments ago is still announced; the older ones are not announced again.
  await sound.hearAndFinish('Turno R 2, Mesa 1.');
  expect(sound.said).toEqual(['Turno E 14, Mesa 3.', 'Turno R 2, Mesa 1.']);
  expect(sound.cspViolations).toEqual([]);
});

test('with autoplay blocked the calls are still shown, and the reason is logged', async ({
  page,
}) => {
  const { sound, warnings } = await openLobby(page, { blocked: true });
  feed.send({ type: 'call', call: lobbyCall('E-014', 'Mesa 3', isoAgo(0)) });
  await expect.poll(() => sound.currentNumber).toBe('E-014');
  await expect.poll(() => warnings.join('\n')).toMatch(/chime for E-014 not played: .*autoplay/);
  await expect.poll(() => warnings.join('\n')).toMatch(/E-014 not spoken in es: autoplay/);
  expect(sound.said).toEqual(['Turno E 14, Mesa 3.']);
  expectUnattendedAndClean(sound);
});

// 43″ and 55″ 16:9 screens: width = diagonal × 16 / √(16² + 9²).
const DIAGONAL_TO_WIDTH = 16 / Math.hypot(16, 9);
const pxPerMm = (inches: number, pixelsWide: number) =>
  pixelsWide / (inches * 25.4 * DIAGONAL_TO_WIDTH);
/** UNE 170002: 14 mm of letter height per metre of reading distance; read from 5 m. */
const MIN_DESK_MM = 14 * 5;

for (const viewport of [LANDSCAPE, PORTRAIT]) {
  test(`the desk name is at least 70 mm high on a 43″ screen at ${viewport.width}×${viewport.height}`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport);
    await openLobby(page);
    // The height of the desk's capitals and digits as drawn in its own font (canvas metrics:
    // from the baseline to the top of the tallest glyph), not its line box.
    const inkHeight = await page.locator('.lobby-current-desk').evaluate((element) => {
      const style = getComputedStyle(element);
      const context = document.createElement('canvas').getContext('2d');
      if (!context) throw new Error('no canvas');
      context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      return context.measureText(element.textContent ?? '').actualBoundingBoxAscent;
    });
    const longSide = Math.max(viewport.width, viewport.height);
    // The screen's long side has 1920 px whichever way it is hung.
    expect(inkHeight / pxPerMm(43, longSide)).toBeGreaterThanOrEqual(MIN_DESK_MM);
    expect(inkHeight / pxPerMm(55, longSide)).toBeGreaterThanOrEqual(MIN_DESK_MM);
    const box = await page.locator('.lobby-current-desk').boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(inkHeight);
    // Nothing is cut off: the current call fits its panel.
    const panel = await page.locator('.lobby-current').boundingBox();
    expect((box?.y ?? 0) + (box?.height ?? 0)).toBeLessThanOrEqual(
      (panel?.y ?? 0) + (panel?.height ?? 0),
    );
  });
}

for (const viewport of [LANDSCAPE, PORTRAIT]) {
  for (const highContrast of [false, true]) {
    test(`axe finds nothing at ${viewport.width}×${viewport.height}${highContrast ? ', high contrast' : ''}`, async ({
      page,
    }) => {
      await page.setViewportSize(viewport);
      // Reduced motion: the ticker stands still, so every text is where axe looks for it.
      await page.emulateMedia({ reducedMotion: 'reduce' });
      feed.setSnapshot(
        officeSnapshot(
          [lobbyCall('E-014', 'Mesa 3', isoAgo(30_000), { repeat: true }), ...EARLIER],
          { options: { highContrast } },
        ),
      );
      await openLobby(page, { current: 'E-014' });
      await expect(page.locator('.lobby')).toHaveAttribute(
        'data-contrast',
        highContrast ? 'high' : 'normal',
      );
      const results = await new AxeBuilder({ page }).analyze();
      expect(results.violations.map((violation) => violation.id)).toEqual([]);
      if (viewport === LANDSCAPE && !highContrast) await page.screenshot({ path: SCREENSHOT });
    });
  }
}
