/**
 * The citizen flows of the BUILT renderer in Chromium, against the FAKE web host (scripted
 * check-ins, walk-ins and refusals; support/fake-web-host.ts), in Spanish and English at
 * 1080×1920, 1920×1080 and 800×1280: the walk-in path, its refusals, a failed print that keeps
 * the number on screen with the paperless QR, the time-limit warning (Playwright's clock), and
 * the next step of each refusal. Every new screen: zero axe violations, primary action on screen.
 * The real main process is in citizen-flows-real-host.spec.ts.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import type { CheckInResult, IpcResult, TicketView } from '../../src-shared/contract/ipc';
import { kioskStateFixture } from '../support/kiosk-state-fixture';
import {
  decodeQr,
  expectInViewport,
  expectNoA11yViolations,
  LABELS,
  openKiosk,
  SCREEN_SHAPES,
  SPEC_LANGUAGES,
  tapKeys,
  linesWhenSqueezed,
} from './support/citizen-flows-page';
import { startFakeWebHost, type FakeWebHost, type WalkInRequest } from './support/fake-web-host';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RENDERER_DIR = path.join(ROOT, 'dist/renderer');
const BOOKING_URL = 'https://cita.villanueva.es/reservar';
const PAPERLESS = 'https://turnos.villanueva.es/t/E-007';
const SESSION = { outcomeSeconds: 30, idleSeconds: 60, warningSeconds: 20 };
const STATE = kioskStateFixture({ bookingUrl: BOOKING_URL, session: SESSION });

function ticket(overrides: Partial<TicketView>): TicketView {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    number: 'R-001',
    serviceName: { es: 'Registro general', en: 'General registry office' },
    appointmentTime: null,
    issuedAt: '2025-11-27T10:21:00+01:00',
    printStatus: 'printed',
    canReprint: false,
    priority: false,
    paperlessQr: 'R-001 Registro general',
    ...overrides,
  };
}

/** Registro general issues; Empadronamiento's cap runs out meanwhile; Multas went appointment-only. */
function walkIn(request: WalkInRequest): IpcResult<CheckInResult> {
  if (request.serviceId === 'registro-general') {
    return {
      ok: true,
      value: { outcome: 'issued', ticket: ticket({ priority: request.priority }) },
    };
  }
  const code =
    request.serviceId === 'empadronamiento' ? 'service-cap-reached' : 'walk-ins-not-allowed';
  return { ok: false, error: { code } };
}

/** Code FALLO1 hits a printer out of paper; a DNI is not found; anything else is unknown. */
function checkIn(request: { input: string; mode?: string }): IpcResult<CheckInResult> {
  if (request.mode !== 'id-document' && request.input === 'FALLO1') {
    const failed = ticket({
      number: 'E-007',
      serviceName: { es: 'Certificado de empadronamiento', en: 'Certificate of registration' },
      appointmentTime: '10:30',
      printStatus: 'failed',
      printFailure: 'paper-out',
      canReprint: true,
      paperlessQr: PAPERLESS,
    });
    return { ok: true, value: { outcome: 'issued', ticket: failed } };
  }
  return { ok: false, error: { code: 'booking-not-found' } };
}

let host: FakeWebHost;

// Three screen shapes a test, and axe scans that take seconds on a busy machine.
test.describe.configure({ timeout: 120_000 });

test.beforeAll(async () => {
  if (!existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    execFileSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: 'inherit' });
  }
  host = await startFakeWebHost({
    rendererDir: RENDERER_DIR,
    state: STATE,
    checkIn,
    walkIn,
    walkInOptions: {
      priorityEnabled: true,
      showRemainingBelow: 5,
      services: [
        {
          id: 'empadronamiento',
          names: { es: 'Certificado de empadronamiento', en: 'Certificate of registration' },
          walkInsAllowed: true,
          remainingToday: 3,
        },
        {
          id: 'registro-general',
          names: { es: 'Registro general', en: 'General registry office' },
          walkInsAllowed: true,
          remainingToday: null,
        },
        {
          id: 'tributos',
          names: { es: 'Tributos y recibos', en: 'Local taxes and bills' },
          walkInsAllowed: true,
          remainingToday: 0,
        },
        {
          id: 'multas',
          names: { es: 'Multas', en: 'Fines' },
          walkInsAllowed: true,
          remainingToday: null,
        },
        {
          id: 'padron',
          names: { es: 'Padrón: altas y cambios de domicilio', en: 'Municipal register' },
          walkInsAllowed: false,
          remainingToday: null,
        },
      ],
    },
  });
});

test.beforeEach(() => {
  host.setState(STATE);
});

test.afterAll(async () => {
  await host?.close();
});

/**
 * The three screen shapes, the first one flagged: axe runs there only (what it checks does not
 * depend on the shape, and a scan costs seconds on a loaded machine).
 */
function shapes() {
  return SCREEN_SHAPES.map(([name, size], index) => [name, size, index === 0] as const);
}

/** Stops the page's clock so that the specs move time themselves. */
async function pauseClock(page: Page): Promise<void> {
  const now = await page.evaluate(() => Date.now());
  await page.clock.pauseAt(now + 1000);
}

for (const language of SPEC_LANGUAGES) {
  const labels = LABELS[language];

  test(`walk-in: caps, appointment-only with the booking web, priority, the ticket (${language})`, async ({
    page,
  }) => {
    const names =
      language === 'es'
        ? { service: 'Registro general', spent: /Tributos y recibos/ }
        : { service: 'General registry office', spent: /Local taxes and bills/ };
    for (const [shape, size, scanA11y] of shapes()) {
      await test.step(shape, async () => {
        await openKiosk(page, host.url(), size, language);
        await expectInViewport(page, page.getByRole('button', { name: labels.walkIn }));
        await page.getByRole('button', { name: labels.walkIn }).click();

        await expect(
          page.getByRole('heading', { level: 1, name: labels.walkInTitle }),
        ).toBeVisible();
        const first = page.getByRole('button', { name: /Certifica/ });
        await expect(first).toContainText(language === 'es' ? 'quedan hoy: 3' : 'left today: 3');
        // On the small panel the services come a page at a time: the spent one, last, on the next.
        const spent = page.getByRole('button', { name: names.spent });
        const paged =
          (await spent.count()) === 0 && (await page.getByTestId('walk-in-next').count()) > 0;
        if (paged) await page.getByTestId('walk-in-next').click();
        await expect(spent).toBeDisabled();
        if (paged) await page.getByTestId('walk-in-previous').click();
        await expect(page.getByTestId('booking-url')).toHaveText(BOOKING_URL);
        expect(await decodeQr(page.getByTestId('appointment-only').getByRole('img'))).toBe(
          BOOKING_URL,
        );
        await expectInViewport(page, first);
        await expectInViewport(page, page.getByRole('button', { name: labels.back }));
        if (scanA11y) await expectNoA11yViolations(page);

        await page.getByRole('button', { name: names.service }).click();
        await expectInViewport(page, page.getByRole('button', { name: labels.priorityNo }));
        if (scanA11y) await expectNoA11yViolations(page);
        await page.getByRole('button', { name: labels.priorityYes }).click();

        const number = page.getByTestId('turn-number');
        await expect(number).toHaveText('R-001');
        expect(await linesWhenSqueezed(number)).toBe(1);
        await expect(page.getByTestId('priority-badge')).toBeVisible();
        expect(host.walkIns.at(-1)).toEqual({
          serviceId: 'registro-general',
          priority: true,
          language,
        });
        await expectInViewport(page, page.getByRole('button', { name: labels.done }));
        if (scanA11y) await expectNoA11yViolations(page);
      });
    }
  });

  test(`walk-in refusals: a cap reached meanwhile, a service now by appointment only (${language})`, async ({
    page,
  }) => {
    const title =
      language === 'es'
        ? { soldOut: 'Hoy ya no quedan turnos', appointmentOnly: 'Este trámite es solo con cita' }
        : {
            soldOut: 'No tickets left today',
            appointmentOnly: 'This service is by appointment only',
          };
    for (const [shape, size, scanA11y] of shapes()) {
      await test.step(shape, async () => {
        await openKiosk(page, host.url(), size, language);
        await page.getByRole('button', { name: labels.walkIn }).click();
        await page.getByRole('button', { name: /Certifica/ }).click();
        await page.getByRole('button', { name: labels.priorityNo }).click();

        await expect(page.getByRole('heading', { level: 1, name: title.soldOut })).toBeVisible();
        await expect(page.getByTestId('booking-url')).toHaveText(BOOKING_URL);
        const primary = page.getByTestId('primary-action');
        await expect(primary).toHaveText(labels.chooseService);
        await expectInViewport(page, primary);
        if (scanA11y) await expectNoA11yViolations(page);

        await primary.click();
        await page.getByRole('button', { name: language === 'es' ? 'Multas' : 'Fines' }).click();
        await page.getByRole('button', { name: labels.priorityNo }).click();
        await expect(
          page.getByRole('heading', { level: 1, name: title.appointmentOnly }),
        ).toBeVisible();
        await expectInViewport(page, page.getByTestId('primary-action'));
        if (scanA11y) await expectNoA11yViolations(page);
      });
    }
  });

  test(`a failed print keeps the number and the paperless QR until confirmed (${language})`, async ({
    page,
  }) => {
    await page.clock.install();
    for (const [shape, size, scanA11y] of shapes()) {
      await test.step(shape, async () => {
        await openKiosk(page, host.url(), size, language);
        await pauseClock(page);
        await page.getByRole('button', { name: labels.haveAppointment }).click();
        await tapKeys(page, 'FALLO1', language);
        await page.getByRole('button', { name: labels.accept }).click();

        const number = page.getByTestId('turn-number');
        await expect(number).toHaveText('E-007');
        expect(await linesWhenSqueezed(number)).toBe(1);
        await expect(page.getByTestId('print-status')).not.toContainText(/anote|note your/i);
        expect(await decodeQr(page.getByTestId('paperless').getByRole('img'))).toBe(PAPERLESS);
        const confirm = page.getByRole('button', { name: labels.confirm });
        await expectInViewport(page, confirm);
        if (scanA11y) await expectNoA11yViolations(page, { pausedClock: true });

        // Well past the outcome time: the warning, and the number still there behind it.
        await page.clock.runFor(SESSION.outcomeSeconds * 1000);
        const dialog = page.getByRole('alertdialog', { name: labels.moreTime });
        await expect(dialog).toBeVisible();
        await page.clock.runFor((SESSION.warningSeconds - 1) * 1000);
        await expect(page.getByTestId('screen-result')).toBeAttached();
        await expect(number).toHaveText('E-007');
        await dialog.getByRole('button', { name: labels.extend }).click();
        await expect(dialog).toHaveCount(0);

        // The printer is now out of paper: no reprint is offered, the number stays.
        await expect(page.getByRole('button', { name: /imprimir|Print again/ })).toBeVisible();
        host.setState({ printer: { transport: 'tcp', status: 'paper-out' } });
        await expect(page.getByRole('button', { name: /imprimir|Print again/ })).toHaveCount(0);
        await confirm.click();
        // The next person starts in the default language, told the printer is down.
        await expect(page.getByTestId('printer-notice')).toBeVisible();
        await expectInViewport(page, page.getByTestId('start-walk-in'));
        host.setState(STATE);
      });
    }
  });

  test(`the time-limit warning: a countdown, focus on the extension, one tap for more time (${language})`, async ({
    page,
  }) => {
    await page.clock.install();
    for (const [shape, size, scanA11y] of shapes()) {
      await test.step(shape, async () => {
        await openKiosk(page, host.url(), size, language);
        await pauseClock(page);
        await page.getByRole('button', { name: labels.haveAppointment }).click();
        await tapKeys(page, '7K4', language);

        await page.clock.runFor(SESSION.idleSeconds * 1000);
        const dialog = page.getByRole('alertdialog', { name: labels.moreTime });
        await expect(dialog).toBeVisible();
        const extend = dialog.getByRole('button', { name: labels.extend });
        await expect(extend).toBeFocused();
        await expect(page.getByTestId('time-limit-seconds')).toHaveText('20');
        await expectInViewport(page, extend);
        if (scanA11y) await expectNoA11yViolations(page, { pausedClock: true });
        await page.clock.runFor(5_000);
        await expect(page.getByTestId('time-limit-seconds')).toHaveText('15');

        await extend.click();
        await expect(dialog).toHaveCount(0);
        await expect(page.getByTestId('code-field')).toHaveText('7K4');

        // Nobody answers this time: what was typed is gone, and so is the language.
        await page.clock.runFor((SESSION.idleSeconds + SESSION.warningSeconds) * 1000);
        await expect(page.getByTestId('screen-home')).toBeVisible();
        await expect(page.locator('html')).toHaveAttribute('lang', 'es');
      });
    }
  });

  test(`each refusal ends in a next step (${language})`, async ({ page }) => {
    const refusals = [
      { error: { code: 'booking-cancelled' }, primary: labels.takeTicket, then: 'screen-walk-in' },
      {
        error: {
          code: 'booking-not-today',
          params: { day: '2025-11-28', time: '10:30', when: 'tomorrow' },
        },
        primary: labels.takeTicket,
        then: 'screen-walk-in',
        shows: language === 'es' ? 'mañana' : 'tomorrow',
        scan: true,
      },
      { error: { code: 'too-late' }, primary: labels.takeTicket, then: 'screen-walk-in' },
      {
        error: { code: 'already-checked-in-elsewhere', params: { number: 'E-003' } },
        primary: labels.done,
        then: 'screen-home',
        shows: 'E-003',
        // The citizen has a turn: no "we could not give you a turn" above it.
        never: language === 'es' ? 'No hemos podido darle turno' : 'We could not give you a turn',
        scan: true,
      },
      {
        error: { code: 'booking-not-found', params: { offline: 'true' } },
        primary: labels.takeTicket,
        then: 'screen-walk-in',
        shows: language === 'es' ? 'sin conexión' : 'no connection',
        scan: true,
      },
    ] as const;
    for (const [shape, size, scanA11y] of shapes()) {
      await test.step(shape, async () => {
        await openKiosk(page, host.url(), size, language);
        for (const refusal of refusals) {
          host.emit('checkin:completed', { ok: false, error: refusal.error });
          const primary = page.getByTestId('primary-action');
          await expect(primary).toHaveText(refusal.primary);
          if ('shows' in refusal)
            await expect(page.getByTestId('screen-error')).toContainText(refusal.shows);
          if (refusal.then === 'screen-home') {
            expect(await linesWhenSqueezed(page.getByTestId('known-number'))).toBe(1);
          }
          if ('never' in refusal) {
            await expect(page.getByTestId('screen-error')).not.toContainText(refusal.never);
          }
          await expectInViewport(page, primary);
          // The screens that differ most (facts, a number, a hint) are scanned; the rest share them.
          if (scanA11y && 'scan' in refusal) await expectNoA11yViolations(page);
          await primary.click();
          await expect(page.getByTestId(refusal.then)).toBeVisible();
          // "Terminar" ends the session: the next person starts in the default language.
          if (refusal.then === 'screen-home') {
            await page.getByRole('button', { name: labels.language }).click();
          }
        }

        // From the DNI screen, "try again" goes back to the DNI screen.
        await page.getByRole('button', { name: labels.back }).click();
        await page.getByRole('button', { name: labels.idDocument }).click();
        await tapKeys(page, '12345678Z', language);
        await page.getByRole('button', { name: labels.accept }).click();
        await expect(page.getByRole('button', { name: labels.typeCode })).toHaveCount(0);
        await page.getByRole('button', { name: labels.typeDocument }).click();
        await expect(page.getByTestId('screen-id-entry')).toBeVisible();
      });
    }
  });
}
