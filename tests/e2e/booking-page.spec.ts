/**
 * The public booking page in Chromium through a real Turnero server (the built page, the real
 * booking API, a fixed server clock), at a phone viewport and at 1366×768: book step by step
 * with axe clean on every step; the holiday is not offered; the DNI/NIE letter is checked in the
 * browser; the last place taken by someone else reads "Ese hueco se acaba de ocupar" and goes
 * back to the times; the manage page moves and cancels (after a confirmation); the calendar
 * file downloads; the first load stays under 150 KB.
 */
import { expect, test, type Page } from '@playwright/test';
import { startTurneroServer, type TurneroServer } from '../../server/server';
import { readIcsEvent } from '../support/ics-reader';
import { expectNoA11yViolations } from './support/citizen-flows-page';
import {
  BOOKING_SITE,
  bookingSiteSeed,
  bookThroughApi,
  DESKTOP,
  PHONE,
} from './support/booking-server';
import { RENDERER_DIR } from './support/office-server';
import { firstLoadWeight, isBookingPageFile } from './support/page-weight';

// Tuesday 10 February 2026, 10:00 in Madrid.
const NOW = new Date('2026-02-10T09:00:00Z');
const weekdays = { opens: '09:00', closes: '11:00' };
const week = {
  1: [weekdays],
  2: [weekdays],
  3: [weekdays],
  4: [weekdays],
  5: [weekdays],
  6: [],
  7: [],
};
const schedule = (serviceId: string, overrides: Record<string, unknown> = {}) => ({
  serviceId,
  online: true,
  week,
  slotMinutes: 30,
  desks: 1,
  daysAhead: 14,
  cutoffMinutes: 60,
  requiresCitizenId: false,
  ...overrides,
});

let server: TurneroServer;

test.beforeAll(async () => {
  server = await startTurneroServer({
    seed: bookingSiteSeed(
      [schedule('empadronamiento'), schedule('padron', { requiresCitizenId: true })],
      [{ day: '2026-02-12', name: 'Fiesta local', scope: 'local', serviceId: null }],
    ),
    now: () => NOW,
    lobbyPageDir: RENDERER_DIR,
    booking: { proofMaxCounter: 200 },
    log: () => undefined,
  });
});

test.afterAll(async () => {
  await server.close();
});

const open = (page: Page) => page.goto(`${server.url}/book?site=${BOOKING_SITE}&lang=es`);

async function chooseService(page: Page, name: string) {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    '¿Para qué trámite quiere cita?',
  );
  await page.getByRole('button', { name: new RegExp(name) }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Elija el día');
}

const dayButton = (page: Page, day: string) =>
  page.locator(`button.booking-day[data-day="${day}"]`);

for (const [shape, viewport] of [
  ['phone', PHONE],
  ['1366×768', DESKTOP],
] as const) {
  test(`books step by step with axe clean on every step (${shape})`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await open(page);
    await expect(page.getByText('Ayuntamiento de Villanueva de la Peña')).toBeVisible();
    await expectNoA11yViolations(page);
    await chooseService(page, 'Certificado de empadronamiento');
    // Today is past its cut-off after 10:00; Thursday the 12th is the holiday: neither offered.
    await expect(dayButton(page, '2026-02-11')).toBeVisible();
    await expect(dayButton(page, '2026-02-12')).toHaveCount(0);
    await expect(page.locator('.booking-day-closed', { hasText: /^12$/ })).toBeVisible();
    await expectNoA11yViolations(page);
    // The calendar is keyboard-usable: from Wednesday 11, the right arrow skips the holiday.
    await dayButton(page, '2026-02-11').focus();
    await page.keyboard.press('ArrowRight');
    await expect(dayButton(page, '2026-02-13')).toBeFocused();
    await page.keyboard.press('ArrowLeft');
    await expect(dayButton(page, '2026-02-11')).toBeFocused();
    await page.keyboard.press('Enter');

    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Elija la hora');
    await expectNoA11yViolations(page);
    await page.getByRole('button', { name: /^09:30/ }).click();

    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sus datos');
    await page.getByRole('button', { name: 'Confirmar la cita' }).click();
    await expect(page.getByText('Escriba su nombre.')).toBeVisible();
    await expect(page.getByLabel(/Nombre y apellidos/)).toBeFocused();
    await expectNoA11yViolations(page);
    await page.getByLabel(/Nombre y apellidos/).fill('Lucía Pérez');
    await page.getByLabel('Correo electrónico').fill(`lucia.${shape.length}@example.org`);
    await page.getByLabel(/He leído la información/).check();
    await page.getByRole('button', { name: 'Confirmar la cita' }).click();

    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cita confirmada');
    await expect(page.locator('.booking-qr')).toHaveAttribute('data-ready', 'true');
    const code = (await page.getByTestId('booking-code').textContent()) ?? '';
    expect(code).toMatch(/^TRN-[A-Z0-9]{6}$/);
    await expect(page.getByText('miércoles, 11 de febrero de 2026')).toBeVisible();
    await expectNoA11yViolations(page);

    // "Add to calendar" is the booking's calendar file.
    const calendarHref =
      (await page.getByRole('link', { name: 'Añadir al calendario' }).getAttribute('href')) ?? '';
    const ics = await (await fetch(new URL(calendarHref, page.url()))).text();
    expect(readIcsEvent(ics).start).toEqual(new Date('2026-02-11T08:30:00Z'));

    // The manage link: cancel, with a confirmation step.
    await page.getByTestId('manage-link').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Su cita');
    await expect(page.getByTestId('booking-code')).toHaveText(code);
    await expectNoA11yViolations(page);
    await page.getByRole('button', { name: 'Anular la cita' }).click();
    await expect(page.getByRole('heading', { name: '¿Anular la cita?' })).toBeVisible();
    await expectNoA11yViolations(page);
    await page.getByRole('button', { name: 'Sí, anular la cita' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cita anulada');
    await expect(page.locator('.booking-qr')).toHaveCount(0);
    await expectNoA11yViolations(page);
  });
}

test('the last place taken by someone else: "Ese hueco se acaba de ocupar", back to the times', async ({
  page,
}) => {
  await page.setViewportSize(PHONE);
  await open(page);
  await chooseService(page, 'Certificado de empadronamiento');
  await dayButton(page, '2026-02-13').click();
  await page.getByRole('button', { name: /^10:00/ }).click();
  await page.getByLabel(/Nombre y apellidos/).fill('Lucía Pérez');
  await page.getByLabel('Teléfono').fill('+34 600 123 456');
  await page.getByLabel(/He leído la información/).check();
  // One desk: someone else books the same slot first.
  await bookThroughApi(server, 'empadronamiento', '2026-02-13T09:00:00.000Z');
  await page.getByRole('button', { name: 'Confirmar la cita' }).click();

  await expect(page.getByRole('alert')).toHaveText(
    'Ese hueco se acaba de ocupar. Elija otra hora.',
  );
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Elija la hora');
  await expect(page.getByRole('button', { name: /^10:30/ })).toBeVisible();
  await expect(page.getByRole('button', { name: /^10:00/ })).toHaveCount(0);
  await expectNoA11yViolations(page);
});

test('moves a booking from the manage page, and speaks the page’s four languages', async ({
  page,
}) => {
  await page.setViewportSize(DESKTOP);
  const { manageToken, booking } = await bookThroughApi(
    server,
    'empadronamiento',
    '2026-02-16T08:00:00.000Z',
    'mover@example.org',
  );
  await page.goto(`${server.url}/book/m/${manageToken}`);
  await expect(page.getByTestId('booking-code')).toHaveText(booking.code);
  await page.getByRole('button', { name: 'Cambiar la hora' }).click();
  await dayButton(page, '2026-02-17').click();
  await page.getByRole('button', { name: /^09:30/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hora cambiada');
  await expect(page.getByText('martes, 17 de febrero de 2026')).toBeVisible();
  await expectNoA11yViolations(page);

  for (const [language, title] of [
    ['English', 'Time changed'],
    ['Français', 'Heure modifiée'],
    ['Deutsch', 'Uhrzeit geändert'],
  ] as const) {
    await page.getByRole('button', { name: language }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  }
});

test('checks the DNI/NIE letter in the browser, in the page’s language', async ({ page }) => {
  await page.setViewportSize(PHONE);
  await page.goto(`${server.url}/book?site=${BOOKING_SITE}&lang=en`);
  await page.getByRole('button', { name: /Register: new residents/ }).click();
  await dayButton(page, '2026-02-11').click();
  await page.getByRole('button', { name: /^09:00/ }).click();
  await page.getByLabel(/Full name/).fill('Lucía Pérez');
  await page.getByLabel('E-mail').fill('dni@example.org');
  await page.getByLabel(/DNI or NIE/).fill('12345678A');
  await page.getByLabel(/I have read/).check();
  await page.getByRole('button', { name: 'Confirm the appointment' }).click();
  await expect(
    page.getByText('The DNI or NIE is not valid: check the numbers and the letter.'),
  ).toBeVisible();
  await expect(page.getByLabel(/DNI or NIE/)).toBeFocused();
  await expectNoA11yViolations(page);
  await page.getByLabel(/DNI or NIE/).fill('12345678Z');
  await page.getByRole('button', { name: 'Confirm the appointment' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Appointment confirmed');
});

test('the first load stays under 150 KB', async ({ page }) => {
  await page.setViewportSize(PHONE);
  const weight = await firstLoadWeight(
    page,
    `${server.url}/book?site=${BOOKING_SITE}`,
    'button.booking-service',
    isBookingPageFile,
  );
  expect(weight.files.some((file) => file.path.endsWith('.js'))).toBe(true);
  expect(weight.bytes).toBeLessThan(150 * 1024);
});
