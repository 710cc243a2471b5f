/**
 * The follow page's alert, MOCKED AT THE BROWSER API for follow-server.spec.ts: `navigator.vibrate`
 * and `AudioContext` only record what the page asked for (window.__followAlerts), so a test can
 * see that a call vibrated and beeped without a phone or a loudspeaker.
 */
import type { Page } from '@playwright/test';

export interface RecordedAlerts {
  vibrations: number[][];
  /** Oscillator starts: one per tone of the beep. */
  tones: number[];
  /** Audio contexts created (the page makes one when the citizen taps the sound button). */
  contexts: number;
}

function installAlertMocks() {
  const alerts: RecordedAlerts = { vibrations: [], tones: [], contexts: 0 };
  (window as unknown as { __followAlerts: RecordedAlerts }).__followAlerts = alerts;
  Object.defineProperty(navigator, 'vibrate', {
    configurable: true,
    value: (pattern: number | number[]) => {
      alerts.vibrations.push(Array.isArray(pattern) ? pattern : [pattern]);
      return true;
    },
  });
  const param = () => ({
    value: 0,
    setValueAtTime() {},
    exponentialRampToValueAtTime() {},
    linearRampToValueAtTime() {},
  });
  class MockAudioContext {
    state = 'suspended';
    currentTime = 0;
    destination = {};
    constructor() {
      alerts.contexts += 1;
    }
    resume() {
      this.state = 'running';
      return Promise.resolve();
    }
    createGain() {
      return { gain: param(), connect: (next: unknown) => next };
    }
    createOscillator() {
      return {
        frequency: param(),
        type: 'sine',
        connect: (next: unknown) => next,
        start: () => alerts.tones.push(Date.now()),
        stop() {},
      };
    }
  }
  Object.defineProperty(window, 'AudioContext', { configurable: true, value: MockAudioContext });
}

export async function mockFollowAlerts(page: Page): Promise<void> {
  await page.addInitScript(installAlertMocks);
}

export const recordedAlerts = (page: Page): Promise<RecordedAlerts> =>
  page.evaluate(() => (window as unknown as { __followAlerts: RecordedAlerts }).__followAlerts);
