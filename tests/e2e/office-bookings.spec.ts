/**
 * The booking back office through the REAL server in Chromium: a desk clerk books for a citizen
 * who phones (a service not bookable online), sees the booking in the day's list and its slot
 * (one desk) no longer offered, changes its time, cancels it, and the kiosks' feed has it
 * cancelled. axe at 1366×768.
 */
import { expect, test } from '@playwright/test';
import type { BookingSchedule } from '../../src-shared/contract/booking';
import { AppointmentsPageSchema, apiPaths } from '../../src-shared/contract/townhall-api';
import { parseSeed } from '../../server/seed';
import type { TurneroServer } from '../../server/server';
import { everyDay } from './support/booking-server';
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

const schedule: BookingSchedule = {
  serviceId: 'registro',
  online: false,
  week: everyDay('00:00', '23:50'),
  slotMinutes: 10,
  desks: 1,
  daysAhead: 30,
  cutoffMinutes: 0,
  requiresCitizenId: false,
};

const tomorrow = (): string => {
  const day = new Date(Date.now() + 24 * 3600_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Madrid' }).format(day);
};

test('a desk clerk books for a caller, changes and cancels it; the kiosks see it', async ({
  page,
}) => {
  server = await startOfficeServer({
    seed: parseSeed({ ...officeSeed, booking: { schedules: [schedule], holidays: [] } }),
  });
  await page.setViewportSize(OFFICE_VIEWPORT);
  await page.goto(`${server.url}/office/bookings`);
  await signInOnPage(page, 'mesa');
  await expect(page.getByRole('heading', { name: 'Citas del día', level: 1 })).toBeVisible();
  await expect(page.getByText('No hay citas este día.')).toBeVisible();
  await expectNoAxeViolations(page);

  const form = page.getByTestId('staff-booking-form');
  const day = tomorrow();
  await form.getByLabel('Día').fill(day);
  await form.getByLabel('Hora libre').selectOption({ label: '09:00 (1)' });
  await form.getByLabel('Nombre').fill('Antonio García');
  await form.getByLabel('Teléfono').fill('600 123 456');
  await form.getByRole('button', { name: 'Dar cita' }).click();
  await expect(page.getByTestId('bookings-message')).toContainText(`el ${day} a las 09:00`);
  const code = /TRN-[0-9A-Z]{6}/.exec(
    (await page.getByTestId('bookings-message').textContent()) ?? '',
  )?.[0] as string;
  const row = page.getByTestId('day-bookings').getByRole('row', { name: new RegExp(code) });
  await expect(row).toContainText('Antonio García');
  await expect(row).toContainText('600 123 456');
  await expect(row).toContainText('Oficina');
  await expectNoAxeViolations(page);

  // The same slot again: it has one desk, so it is no longer offered; 09:10 is.
  await expect(form.getByLabel('Hora libre').locator('option', { hasText: '09:00' })).toHaveCount(
    0,
  );

  await row.getByRole('button', { name: `Cambiar la cita ${code}` }).click();
  const moveForm = page.getByTestId('staff-booking-form');
  await expect(page.getByRole('heading', { name: `Cambiar la cita ${code}` })).toBeVisible();
  await moveForm.getByLabel('Hora libre').selectOption({ label: '10:30 (1)' });
  await moveForm.getByRole('button', { name: 'Cambiar a esta hora' }).click();
  await expect(page.getByTestId('bookings-message')).toHaveText(`Cita ${code} cambiada.`);
  await expect(row).toContainText('10:30');

  await row.getByRole('button', { name: `Anular la cita ${code}` }).click();
  await expect(page.getByTestId('bookings-message')).toHaveText(`Cita ${code} anulada.`);
  await expect(row).toContainText('Anulada');
  await expectNoAxeViolations(page);

  const response = await fetch(
    `${server.url}${apiPaths.appointments(OFFICE_SITE)}?from=${day}&days=1`,
  );
  const pulled = AppointmentsPageSchema.parse(await response.json()).appointments.find(
    (appointment) => appointment.code === code,
  );
  expect(pulled?.status).toBe('cancelled');
});
