/**
 * The lobby page's sound, mocked at the browser API for the specs that run the lobby against a
 * real host (lobby-server.spec.ts, lobby-kiosk-web.spec.ts): `speechSynthesis`,
 * `SpeechSynthesisUtterance` and `AudioContext` only report on the console (with whether the page
 * had a user gesture), and each utterance ends at once. lobby-screen.spec.ts has a fuller mock
 * that holds utterances until the test ends them.
 */
import type { Page } from '@playwright/test';

/** In the page before the lobby: speech and Web Audio that only report, on the console. */
function installSoundMocks(prefix: string) {
  const report = (event: Record<string, unknown>) =>
    console.info(
      prefix + JSON.stringify({ ...event, userActivated: navigator.userActivation.hasBeenActive }),
    );
  class Utterance {
    lang = '';
    volume = 1;
    voice: unknown = null;
    onend: (() => void) | null = null;
    onerror: ((event: { error: string }) => void) | null = null;
    constructor(readonly text: string) {}
  }
  const synthesis = {
    speak(utterance: Utterance) {
      report({ kind: 'speak', text: utterance.text, lang: utterance.lang });
      setTimeout(() => utterance.onend?.(), 0);
    },
    cancel() {},
    getVoices: () => [{ name: 'Mock es', lang: 'es-ES', default: true, localService: true }],
    speaking: false,
    pending: false,
    paused: false,
    pause() {},
    resume() {},
    addEventListener() {},
    removeEventListener() {},
  };
  class AudioContextMock {
    state = 'running';
    currentTime = 0;
    destination = {};
    resume = () => Promise.resolve();
    createGain() {
      const param = {
        setValueAtTime() {},
        linearRampToValueAtTime() {},
        exponentialRampToValueAtTime() {},
      };
      return { gain: param, connect: (target: unknown) => target };
    }
    createOscillator() {
      const oscillator = {
        type: 'sine',
        frequency: { value: 0 },
        onended: null as (() => void) | null,
        connect: (target: unknown) => target,
        start() {},
        stop() {
          report({ kind: 'tone', hz: oscillator.frequency.value });
          setTimeout(() => oscillator.onended?.(), 0);
        },
      };
      return oscillator;
    }
  }
  Object.defineProperty(window, 'speechSynthesis', { configurable: true, value: synthesis });
  Object.defineProperty(window, 'SpeechSynthesisUtterance', {
    configurable: true,
    value: Utterance,
  });
  Object.defineProperty(window, 'AudioContext', { configurable: true, value: AudioContextMock });
  document.addEventListener('securitypolicyviolation', (event) =>
    report({ kind: 'csp', violation: `${event.violatedDirective} ${event.blockedURI}` }),
  );
}

export interface SoundReport {
  kind: string;
  text?: string;
  violation?: string;
  userActivated: boolean;
}

const REPORT_PREFIX = '[lobby-sound-mock] ';

/** Installs the mocks in `page` (before it loads) and collects what they report. */
export async function recordSoundReports(page: Page): Promise<SoundReport[]> {
  const reports: SoundReport[] = [];
  page.on('console', (message) => {
    if (message.text().startsWith(REPORT_PREFIX)) {
      reports.push(JSON.parse(message.text().slice(REPORT_PREFIX.length)) as SoundReport);
    }
  });
  await page.addInitScript(installSoundMocks, REPORT_PREFIX);
  return reports;
}

/** What was spoken, in order. */
export const spoken = (reports: readonly SoundReport[]): (string | undefined)[] =>
  reports.filter((report) => report.kind === 'speak').map((report) => report.text);
