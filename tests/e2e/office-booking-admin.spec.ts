/**
 * The administrator's online-booking settings through the REAL server in Chromium: the admin
 * closes a day (a holiday for the whole office) and the public booking API's free days no longer
 * list it; a schedule with a malformed span gets its translated message and changes nothing;
 * a saved schedule is what the API offers. axe at 1366×768.
 */
import { expect, test } from '@playwright/test';
import { FreeDaysSchema, type BookingSchedule } from '../../src-shared/contract/booking';
import { parseSeed } from '../../server/seed';
import type { TurneroServer } from '../../server/server';
import { expectNoAxeViolations } from './support/office-axe';
import {
  OFFICE_SITE,
  OFFICE_VIEWPORT,
  officeSeed,
  signInOnPage,
  startOfficeServer,
} from './support/office-server';

let server: TurneroServer;

test.afterEach(async () => {
  await server.close();
});

const weekdays = [{ opens: '09:00', closes: '14:00' }];
const schedule: BookingSchedule = {
  serviceId: 'empadronamiento',
  online: true,
  week: { 1: weekdays, 2: weekdays, 3: weekdays, 4: weekdays, 5: weekdays, 6: [], 7: [] },
  slotMinutes: 10,
  desks: 2,
  daysAhead: 30,
  cutoffMinutes: 0,
  requiresCitizenId: false,
};

const freeDays = async (serviceId: string) => {
  const response = await fetch(
    `${server.url}/book/api/sites/${OFFICE_SITE}/services/${serviceId}/days`,
  );
  return FreeDaysSchema.parse(await response.json()).days.map((entry) => entry.day);
};

test('an administrator closes a day; the booking page no longer offers it', async ({ page }) => {
  server = await startOfficeServer({
    seed: parseSeed({ ...officeSeed, booking: { schedules: [schedule], holidays: [] } }),
  });
  const before = await freeDays('empadronamiento');
  // A day after today (today's slots may be over by the time the test runs).
  const closing = before[1] as string;
  expect(closing).toMatch(/^\d{4}-\d{2}-\d{2}$/);

  await page.setViewportSize(OFFICE_VIEWPORT);
  await page.goto(`${server.url}/office/admin`);
  await signInOnPage(page, 'admin');
  await expect(page.getByRole('heading', { name: 'Festivos y cierres' })).toBeVisible();
  await expect(page.getByText('No hay festivos ni cierres.')).toBeVisible();
  await expectNoAxeViolations(page);

  const holidays = page.getByRole('region', { name: 'Festivos y cierres' });
  await holidays.getByLabel('Fecha').fill(closing);
  await holidays.getByLabel('Nombre del festivo').fill('Fiesta patronal');
  await holidays.getByLabel('Tipo').selectOption({ label: 'Local' });
  await holidays.getByRole('button', { name: 'Añadir festivo' }).click();
  await expect(page.getByTestId('booking-settings-message')).toHaveText(
    `Festivo del ${closing} añadido.`,
  );
  await expect(page.getByTestId('booking-holidays')).toContainText('Fiesta patronal');
  expect(await freeDays('empadronamiento')).not.toContain(closing);
  expect(await freeDays('empadronamiento')).toContain(before[0]);
  await expectNoAxeViolations(page);

  // Removed again: the day is offered again.
  await holidays.getByRole('button', { name: `Quitar el festivo del ${closing}` }).click();
  await expect(page.getByTestId('booking-settings-message')).toHaveText(
    `Festivo del ${closing} quitado.`,
  );
  expect(await freeDays('empadronamiento')).toContain(closing);
});

test('an administrator edits a schedule; a malformed span is refused with its message', async ({
  page,
}) => {
  server = await startOfficeServer({
    seed: parseSeed({ ...officeSeed, booking: { schedules: [schedule], holidays: [] } }),
  });
  await page.setViewportSize(OFFICE_VIEWPORT);
  await page.goto(`${server.url}/office/admin`);
  await signInOnPage(page, 'admin');
  const form = page.getByTestId('booking-schedule-empadronamiento');
  await expect(form.getByLabel('Lunes')).toHaveValue('09:00-14:00');
  await form.getByLabel('Lunes').fill('14:00-09:00');
  await form.getByRole('button', { name: 'Guardar horario' }).click();
  await expect(form.getByRole('alert')).toHaveText(
    'Revise el horario del Lunes: escriba tramos como 09:00-14:00 separados por comas, cada uno con la apertura antes del cierre.',
  );
  await expectNoAxeViolations(page);

  // The registry was not bookable online; now it is, on Saturdays only.
  await page.getByLabel('Servicio', { exact: true }).selectOption({ label: 'Registro general' });
  const registro = page.getByTestId('booking-schedule-registro');
  await registro.getByLabel('Se puede pedir cita por internet').check();
  await registro.getByLabel('Sábado').fill('10:00-12:00');
  await registro.getByRole('button', { name: 'Guardar horario' }).click();
  await expect(page.getByTestId('booking-settings-message')).toHaveText(
    'Horario de Registro general guardado.',
  );
  const days = await freeDays('registro');
  expect(days.length).toBeGreaterThan(0);
  for (const day of days) {
    expect(new Date(`${day}T12:00:00Z`).getUTCDay()).toBe(6);
  }
});
