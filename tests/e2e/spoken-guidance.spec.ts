/**
 * Spoken guidance in the BUILT renderer against the FAKE web host, with the Web Speech API
 * replaced in the page by SpeechSynthesisMock: a mock `window.speechSynthesis` and
 * `SpeechSynthesisUtterance` that record every utterance (text, language, voice) and every
 * cancel, and never finish speaking, so an utterance is still "being said" until cancelled.
 * The mock has Spanish, English and French voices and no German one.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import type { CheckInResult, IpcResult } from '../../src-shared/contract/ipc';
import { CITIZEN_STATE } from './support/citizen-screens';
import { startFakeWebHost, type FakeWebHost } from './support/fake-web-host';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RENDERER_DIR = path.join(ROOT, 'dist/renderer');

type SpeechEvent =
  | { kind: 'speak'; text: string; lang: string; voice: string | null; queued: number }
  | { kind: 'cancel'; cancelled: string[] };

declare global {
  interface Window {
    speechSynthesisMock?: { log: SpeechEvent[] };
  }
}

/** Runs in the page before the renderer: SpeechSynthesisMock takes the place of the real API. */
function installSpeechSynthesisMock(withVoices: boolean) {
  const log: SpeechEvent[] = [];
  const queue: { text: string }[] = [];
  const voices = withVoices
    ? [
        { name: 'Mock Español', lang: 'es-ES' },
        { name: 'Mock English', lang: 'en-GB' },
        { name: 'Mock Français', lang: 'fr-FR' },
      ].map((voice) => ({ ...voice, default: false, localService: true, voiceURI: voice.name }))
    : [];
  class SpeechSynthesisUtteranceMock {
    lang = '';
    voice: { name: string } | null = null;
    onerror: unknown = null;
    constructor(readonly text: string) {}
  }
  const speechSynthesisMock = {
    speak(utterance: SpeechSynthesisUtteranceMock) {
      queue.push(utterance);
      log.push({
        kind: 'speak',
        text: utterance.text,
        lang: utterance.lang,
        voice: utterance.voice?.name ?? null,
        queued: queue.length,
      });
    },
    cancel() {
      log.push({ kind: 'cancel', cancelled: queue.map((utterance) => utterance.text) });
      queue.length = 0;
    },
    getVoices: () => voices,
    get speaking() {
      return queue.length > 0;
    },
    pending: false,
    paused: false,
    pause() {},
    resume() {},
    addEventListener() {},
    removeEventListener() {},
  };
  Object.defineProperty(window, 'speechSynthesis', {
    configurable: true,
    value: speechSynthesisMock,
  });
  Object.defineProperty(window, 'SpeechSynthesisUtterance', {
    configurable: true,
    value: SpeechSynthesisUtteranceMock,
  });
  window.speechSynthesisMock = { log };
}

function answer(input: string): IpcResult<CheckInResult> {
  if (input.replace(/[^0-9A-Z]/gi, '').toUpperCase() !== 'TRN7K4P9Q') {
    return { ok: false, error: { code: 'booking-not-found' } };
  }
  return {
    ok: true,
    value: {
      outcome: 'issued',
      ticket: {
        id: 'ticket-1',
        number: 'C-014',
        serviceName: { es: 'Padrón municipal', en: 'Census register' },
        appointmentTime: '10:30',
        issuedAt: '2025-11-27T10:21:00+01:00',
        printStatus: 'printed',
        canReprint: false,
        priority: false,
        paperlessQr: 'C-014 Padrón municipal',
      },
    },
  };
}

let host: FakeWebHost;

test.beforeAll(() => {
  if (!existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    execFileSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: 'inherit' });
  }
});

test.beforeEach(async () => {
  host = await startFakeWebHost({
    rendererDir: RENDERER_DIR,
    state: CITIZEN_STATE,
    checkIn: (request) => answer(request.input),
  });
});

test.afterEach(async () => {
  await host.close();
});

async function openKiosk(page: Page, withVoices = true): Promise<string[]> {
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.addInitScript(installSpeechSynthesisMock, withVoices);
  await page.goto(host.url());
  await expect(page.getByTestId('site-name')).toHaveText(CITIZEN_STATE.siteName);
  return pageErrors;
}

const speechLog = async (page: Page): Promise<SpeechEvent[]> =>
  page.evaluate(() => window.speechSynthesisMock?.log ?? []);

/** The utterances said so far, as [text, lang, voice]. */
async function spoken(page: Page): Promise<[string, string, string | null][]> {
  return (await speechLog(page)).flatMap((event) =>
    event.kind === 'speak'
      ? [[event.text, event.lang, event.voice] as [string, string, string | null]]
      : [],
  );
}

/** Waits until `count` utterances have been said, and returns the last one. */
async function nthUtterance(page: Page, count: number) {
  await expect.poll(async () => (await spoken(page)).length).toBe(count);
  return (await spoken(page))[count - 1];
}

async function turnOnSpokenGuidance(page: Page, toggleName: string) {
  await page.getByTestId('accessibility-open').click();
  await page.getByRole('button', { name: toggleName }).click();
}

test('reads each screen and the outcome in the citizen’s language, one utterance at a time', async ({
  page,
}) => {
  const pageErrors = await openKiosk(page);
  expect(await spoken(page)).toEqual([]);

  await turnOnSpokenGuidance(page, 'Guía hablada');
  expect(await nthUtterance(page, 1)).toEqual([
    'Accesibilidad. Elija lo que le ayude. Al terminar, la pantalla vuelve a ser como antes.',
    'es-ES',
    'Mock Español',
  ]);

  await page.getByRole('button', { name: 'Cerrar' }).click();
  expect(await nthUtterance(page, 2)).toEqual([
    'Escanee el código QR de su cita. Acerque al lector el código QR del correo, SMS o PDF de ' +
      'confirmación. Tengo cita. Escriba el código de su cita. Con mi DNI / NIE. Sin código: ' +
      'identifíquese con su DNI, NIE o pasaporte.',
    'es-ES',
    'Mock Español',
  ]);

  // Another language: the same screen again, in English, with the English voice.
  await page.getByRole('button', { name: 'English' }).click();
  expect(await nthUtterance(page, 3)).toEqual([
    'Scan the QR code of your appointment. Hold the QR code from your confirmation email, SMS ' +
      'or PDF up to the reader. I have an appointment. Type your booking code. With my DNI / NIE. ' +
      'No code? Identify yourself with your DNI, NIE or passport.',
    'en-GB',
    'Mock English',
  ]);

  await page.getByRole('button', { name: 'I have an appointment' }).click();
  expect(await nthUtterance(page, 4)).toEqual([
    'Type your booking code. It is in your confirmation email or SMS, for example TRN-7K4P9Q. ' +
      'You do not need to type “TRN-”: 7K4P9Q is enough.',
    'en-GB',
    'Mock English',
  ]);
  const keyboard = page.getByRole('group', { name: 'Keyboard' });
  for (const character of 'TRN7K4P9Q') {
    await keyboard.getByRole('button', { name: character, exact: true }).click();
  }
  await page.getByRole('button', { name: 'OK', exact: true }).click();
  expect(await nthUtterance(page, 5)).toEqual([
    'This is your turn. Your turn is C-014. Please take your printed ticket. Wait for your ' +
      'number to appear on the waiting room screen.',
    'en-GB',
    'Mock English',
  ]);

  // Every new screen cancelled what was still being said: never two utterances queued.
  const log = await speechLog(page);
  const speaks = log.filter((event) => event.kind === 'speak');
  expect(speaks.map((event) => event.queued)).toEqual([1, 1, 1, 1, 1]);
  log.forEach((event, index) => {
    if (event.kind !== 'speak' || index === 0) return;
    const previous = speaks[speaks.indexOf(event) - 1];
    if (!previous) return;
    expect(log[index - 1], `before "${event.text}"`).toEqual({
      kind: 'cancel',
      cancelled: [previous.text],
    });
  });
  expect(pageErrors).toEqual([]);
});

test('reads a refusal; goes on for the same person; stops, and stays silent, when the session ends', async ({
  page,
}) => {
  await openKiosk(page);
  await turnOnSpokenGuidance(page, 'Guía hablada');
  await page.getByRole('button', { name: 'Cerrar' }).click();
  await nthUtterance(page, 2);

  // A check-in done by the serial scanner while the home screen is being read.
  host.emit('checkin:completed', { ok: false, error: { code: 'booking-not-found' } });
  expect(await nthUtterance(page, 3)).toEqual([
    // The refusal's title, said once although the outcome's announcement starts with it too.
    'No encontramos su cita. No encontramos ninguna cita con ese código. Compruébelo o ' +
      'pregunte en el mostrador.',
    'es-ES',
    'Mock Español',
  ]);
  expect((await speechLog(page)).at(-2)).toEqual({
    kind: 'cancel',
    cancelled: [(await spoken(page))[1]?.[0]],
  });

  // "Volver al inicio" keeps the same person's choices (they may try another way in): home is
  // read to them again.
  await page.getByRole('button', { name: 'Volver al inicio' }).click();
  await expect(page.getByTestId('screen-home')).toBeVisible();
  expect((await nthUtterance(page, 4))?.[0]).toMatch(/^Escanee el código QR de su cita\./);

  // A second scan: their turn was already given. "Terminar" ends the session.
  host.emit('checkin:completed', {
    ok: false,
    error: { code: 'already-checked-in', params: { number: 'E-004' } },
  });
  expect((await nthUtterance(page, 5))?.[0]).toMatch(/^Ya tiene turno\. .*E-004/);
  await page.getByRole('button', { name: 'Terminar' }).click();
  await expect(page.getByTestId('screen-home')).toBeVisible();
  // The session ended: what was being said is cut off, and guidance is off for the next person.
  await expect
    .poll(async () => (await speechLog(page)).at(-1))
    .toEqual({ kind: 'cancel', cancelled: [(await spoken(page))[4]?.[0]] });
  await page.getByRole('button', { name: 'Tengo cita' }).click();
  await expect(page.getByTestId('screen-code-entry')).toBeVisible();
  expect(await spoken(page)).toHaveLength(5);
});

test('stays silent in a language it has no voice for, and says so', async ({ page }) => {
  const pageErrors = await openKiosk(page);
  await page.getByRole('button', { name: 'Deutsch' }).click();
  await turnOnSpokenGuidance(page, 'Sprachausgabe');
  await expect(page.getByRole('dialog')).toContainText(
    'Keine Stimme in dieser Sprache: Die Sprachausgabe bleibt stumm.',
  );
  await page.getByRole('button', { name: 'Schließen' }).click();
  await page.getByRole('button', { name: 'Ich habe einen Termin' }).click();
  await expect(page.getByTestId('screen-code-entry')).toBeVisible();
  expect(await spoken(page)).toEqual([]);

  // Back in French, which has a voice, it speaks again.
  await page.getByRole('button', { name: 'Français' }).click();
  expect(await nthUtterance(page, 1)).toEqual([
    'Saisissez le code de votre rendez-vous. Il figure dans l’e-mail ou le SMS de confirmation, ' +
      'par exemple TRN-7K4P9Q. Inutile de saisir « TRN- » : 7K4P9Q suffit.',
    'fr-FR',
    'Mock Français',
  ]);
  expect(pageErrors).toEqual([]);
});

test('without speech synthesis, the choice is offered disabled and nothing breaks', async ({
  page,
}) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.addInitScript(() => {
    Object.defineProperty(window, 'speechSynthesis', { configurable: true, value: undefined });
  });
  await page.goto(host.url());
  await page.getByTestId('accessibility-open').click();
  await expect(page.getByRole('button', { name: 'Guía hablada' })).toBeDisabled();
  await expect(page.getByRole('dialog')).toContainText(
    'La guía hablada no está disponible en este tótem.',
  );
  await page.getByRole('button', { name: 'Texto grande' }).click();
  await page.getByRole('button', { name: 'Cerrar' }).click();
  await page.getByRole('button', { name: 'Tengo cita' }).click();
  await expect(page.getByTestId('screen-code-entry')).toBeVisible();
  expect(pageErrors).toEqual([]);
});
