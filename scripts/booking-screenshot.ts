/**
 * The booking page's pictures for `npm run screenshots` (docs/screenshots/booking-*.png): a
 * real Turnero server (in memory, its clock on a Tuesday morning) with online booking, the
 * built booking page on a phone-sized viewport (393×851 CSS pixels): the calendar of free days,
 * and the confirmation with its QR.
 */
import type { Browser, Page } from 'playwright-core';
import { startTurneroServer } from '../server/server';
import {
  BOOKING_SITE,
  bookingSiteSeed,
  everyDay,
  PHONE,
} from '../tests/e2e/support/booking-server';

// Tuesday 10 February 2026, 10:00 in Madrid.
const NOW = new Date('2026-02-10T09:00:00Z');

export async function shootBookingPage(
  browser: Browser,
  rendererDir: string,
  shoot: (page: Page, name: string, fullPage?: boolean) => Promise<void>,
): Promise<void> {
  const week = everyDay('09:00', '14:00');
  const server = await startTurneroServer({
    seed: bookingSiteSeed(
      [
        {
          serviceId: 'empadronamiento',
          online: true,
          week: { ...week, 6: [], 7: [] },
          slotMinutes: 15,
          desks: 2,
          daysAhead: 30,
          cutoffMinutes: 60,
          requiresCitizenId: false,
        },
      ],
      [{ day: '2026-02-12', name: 'Fiesta local', scope: 'local', serviceId: null }],
    ),
    now: () => NOW,
    lobbyPageDir: rendererDir,
    booking: { proofMaxCounter: 200 },
    log: () => undefined,
  });
  const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2 });
  const page = await context.newPage();
  try {
    await page.goto(`${server.url}/book?site=${BOOKING_SITE}&lang=es`);
    await page.getByRole('button', { name: /Certificado de empadronamiento/ }).click();
    await page.locator('button.booking-day').first().waitFor();
    await shoot(page, 'booking-calendar');
    await page.locator('button.booking-day[data-day="2026-02-13"]').click();
    await page.getByRole('button', { name: /^10:15/ }).click();
    await page.getByLabel(/Nombre y apellidos/).fill('Lucía Pérez');
    await page.getByLabel('Correo electrónico').fill('lucia@example.org');
    await page.getByLabel(/He leído la información/).check();
    await page.getByRole('button', { name: 'Confirmar la cita' }).click();
    await page.locator('.booking-qr[data-ready="true"]').waitFor();
    await shoot(page, 'booking-confirmed', true);
  } finally {
    await context.close();
    await server.close();
  }
}
