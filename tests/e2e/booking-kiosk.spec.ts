/**
 * Online booking to the totem, on real parts: a citizen books on the booking page (Chromium, a
 * phone and then a desktop viewport) of a real Turnero server that mails through a real SMTP
 * server (smtp-server on loopback); the QR is taken from the e-mail's inline image and scanned
 * at a real kiosk (the built web host as its own process, a socat pseudo-terminal as its serial
 * scanner, a TCP printer emulator) that prints the ticket. A booking cancelled from its manage
 * link is refused by the kiosk once its next pull has brought the cancellation (the pulls are
 * counted through a proxy between the kiosk and the server, so nothing waits on a clock).
 *
 * The server runs on the real clock (the kiosk does too): the schedule is open every day all
 * day in 10-minute slots, so the page's first free day is today and its first time the next
 * slot, within the kiosk's check-in window.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { apiPaths } from '../../src-shared/contract/townhall-api';
import { startTurneroServer, type TurneroServer } from '../../server/server';
import { startGatedProxy, type GatedProxy } from '../support/gated-proxy';
import { parseMime } from '../support/mime-message';
import { decodeQrPng } from '../support/qr-png';
import { openScannerDevice, type ScannerDevice } from '../support/scanner-device';
import { startSmtpInbox, type SmtpInbox } from '../support/smtp-inbox';
import { startTcpPrinterEmulator, type TcpPrinterEmulator } from '../support/tcp-printer-emulator';
import { makeTempDir } from '../support/temp-dir';
import { BOOKING_SITE, bookingSiteSeed, DESKTOP, everyDay, PHONE } from './support/booking-server';
import { RENDERER_DIR } from './support/office-server';
import { startWebHostProcess, type WebHostProcess } from './support/web-host-process';

let dir: ReturnType<typeof makeTempDir>;
let inbox: SmtpInbox;
let townhall: TurneroServer;
let proxy: GatedProxy;
let printer: TcpPrinterEmulator;
let kiosk: WebHostProcess;
let scanner: ScannerDevice;

test.describe.configure({ timeout: 120_000 });

/** The kiosk's appointment pulls answered so far. */
const pulls = () =>
  proxy.answered().filter((path) => path.startsWith(apiPaths.appointments(BOOKING_SITE))).length;

/** Waits until a pull that began after this call has been answered. */
async function nextPull(): Promise<void> {
  // The first pull answered may have begun before; the one after it cannot have.
  const target = pulls() + 2;
  await expect.poll(pulls, { timeout: 60_000 }).toBeGreaterThanOrEqual(target);
}

/** Books the first free slot of the first free day on the page; answers the booking code. */
async function bookOnPage(page: Page, email: string): Promise<string> {
  await page.goto(`${townhall.url}/book?site=${BOOKING_SITE}&lang=es`);
  await page.getByRole('button', { name: /Certificado de empadronamiento/ }).click();
  await page.locator('button.booking-day').first().click();
  await page.locator('button.booking-time').first().click();
  await page.getByLabel(/Nombre y apellidos/).fill('Lucía Pérez');
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByLabel(/He leído la información/).check();
  await page.getByRole('button', { name: 'Confirmar la cita' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cita confirmada');
  return (await page.getByTestId('booking-code').textContent()) ?? '';
}

/** The signed booking token in the QR of the next e-mail, read from the image's pixels. */
async function qrOfNextMail(to: string): Promise<string> {
  const mail = await inbox.next();
  expect(mail.to).toEqual([to]);
  const image = parseMime(mail.raw).parts.find((part) => part.type === 'image/png');
  if (!image) throw new Error('the e-mail has no inline QR');
  return decodeQrPng(image.body);
}

test.beforeAll(async () => {
  dir = makeTempDir('booking-kiosk');
  inbox = await startSmtpInbox();
  townhall = await startTurneroServer({
    seed: bookingSiteSeed([
      {
        serviceId: 'empadronamiento',
        online: true,
        week: everyDay('00:00', '23:59'),
        slotMinutes: 10,
        desks: 2,
        daysAhead: 2,
        cutoffMinutes: 0,
        requiresCitizenId: false,
      },
    ]),
    lobbyPageDir: RENDERER_DIR,
    smtpUrl: inbox.url,
    mailFrom: 'Ayuntamiento <citas@villanueva.example>',
    booking: { proofMaxCounter: 200 },
    log: () => undefined,
  });
  proxy = await startGatedProxy(townhall.url);
  proxy.open();
  printer = await startTcpPrinterEmulator();
  scanner = await openScannerDevice();
  const configFile = join(dir.path, 'kiosk.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      dataDir: join(dir.path, 'data'),
      siteId: BOOKING_SITE,
      kioskId: 'villanueva-1',
      api: { baseUrl: proxy.url, pollSeconds: 5 },
      printer: { transport: printer.uri, paperWidth: 80, codePage: 'PC858' },
      scanner: { transport: `serial:${scanner.kioskPath}?baud=9600` },
    }),
  );
  kiosk = await startWebHostProcess({ configFile });
});

// eslint-disable-next-line no-empty-pattern
test.afterEach(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) console.log(kiosk?.log());
});

test.afterAll(async () => {
  await kiosk?.stop();
  await scanner?.close();
  await printer?.close();
  await proxy?.close();
  await townhall?.close();
  await inbox?.close();
  dir?.remove();
});

test('book on the phone, take the QR from the e-mail, scan it at the kiosk, get the ticket', async ({
  browser,
  page,
}) => {
  await page.goto(kiosk.url);
  await expect(page.getByTestId('site-name')).toHaveText('Ayuntamiento de Villanueva de la Peña');

  const phone = await browser.newPage({ viewport: PHONE });
  const code = await bookOnPage(phone, 'lucia@example.org');
  const token = await qrOfNextMail('lucia@example.org');
  expect(token.split('.')).toHaveLength(3);

  await scanner.scan(token);
  const ticket = await printer.waitForTicket(30_000);
  const number = /\b(E-\d{3})\b/.exec(ticket.text)?.[1];
  expect(number).toMatch(/^E-\d{3}$/);
  expect(ticket.text).toContain('Certificado de empadronamiento');
  await expect(page.getByText(number ?? '', { exact: true }).first()).toBeVisible();
  // The town hall hears of the check-in of that booking.
  await expect
    .poll(async () => (await townhall.admin.checkIns()).length, { timeout: 30_000 })
    .toBeGreaterThanOrEqual(1);
  const appointments = await townhall.admin.listAppointments(BOOKING_SITE);
  expect(appointments.find((appointment) => appointment.code === code)?.status).toBe('checked-in');
});

test('cancelled from the manage link, the booking is refused by the kiosk after its next pull', async ({
  browser,
  page,
}) => {
  await page.goto(kiosk.url);
  await expect(page.getByTestId('site-name')).toHaveText('Ayuntamiento de Villanueva de la Peña');
  const desktop = await browser.newPage({ viewport: DESKTOP });
  await bookOnPage(desktop, 'anula@example.org');
  const token = await qrOfNextMail('anula@example.org');
  await nextPull();

  await desktop.getByTestId('manage-link').click();
  await desktop.getByRole('button', { name: 'Anular la cita' }).click();
  await desktop.getByRole('button', { name: 'Sí, anular la cita' }).click();
  await expect(desktop.getByRole('heading', { level: 1 })).toHaveText('Cita anulada');
  expect(parseMime((await inbox.next()).raw).headers.get('subject')).toMatch(/^Cita anulada/);
  await nextPull();

  const printed = printer.tickets.length;
  await scanner.scan(token);
  await expect(page.getByTestId('error-message')).toContainText('Esa cita está anulada.');
  expect(printer.tickets.length).toBe(printed);
});
