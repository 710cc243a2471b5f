/**
 * Following a turn on the phone through the REAL Turnero server (startTurneroServer on an SQLite
 * file, real HTTP and SSE) and the BUILT follow page in Chromium as a Pixel 5: the page opened
 * from a ticket's follow token updates live as the people ahead are called (through the API's
 * call-next), says "Es su turno: Mesa 3" with a beep and a vibration when its own ticket is
 * called (navigator.vibrate and AudioContext MOCKED AT THE BROWSER API: support/follow-alert-mock),
 * learns at once that a desk finished its turn (pushed, not polled), recovers after a server
 * restart, and has no axe violation on a phone and at 1366×768.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { devices, expect, test, type Page } from '@playwright/test';
import { apiPaths } from '../../src-shared/contract/townhall-api';
import { followPaths } from '../../src-shared/contract/follow';
import { parseSeed } from '../../server/seed';
import { startTurneroServer, type TurneroServer } from '../../server/server';
import { StaffClient } from '../integration/staff-kit';
import { mockFollowAlerts, recordedAlerts } from './support/follow-alert-mock';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SITE = 'sede-movil';
const DESK_PASSWORD = 'contraseña-de-mesa';
// The device's size, touch, scale and user agent; the browser stays the config's Chromium.
const PIXEL_5 = {
  viewport: devices['Pixel 5'].viewport,
  userAgent: devices['Pixel 5'].userAgent,
  deviceScaleFactor: devices['Pixel 5'].deviceScaleFactor,
  isMobile: devices['Pixel 5'].isMobile,
  hasTouch: devices['Pixel 5'].hasTouch,
};

const seed = parseSeed({
  site: { id: SITE, name: 'Ayuntamiento de Prueba', timeZone: 'Europe/Madrid' },
  services: [
    {
      id: 'empadronamiento',
      prefix: 'E',
      names: { es: 'Empadronamiento', en: 'Census registration', fr: 'Recensement' },
      walkInsAllowed: true,
    },
  ],
  appointments: [],
  enrolmentCodes: [],
  desks: ['Mesa 1', 'Mesa 3'],
});

let server: TurneroServer;
let dbFile: string;

const start = (port = 0) =>
  startTurneroServer({
    seed,
    port,
    dbFile,
    lobbyPageDir: path.join(ROOT, 'dist/renderer'),
    waitEstimate: { coldStartMinutes: 6 },
    log: () => undefined,
  });

test.use({ ...PIXEL_5 });

test.beforeEach(async () => {
  dbFile = path.join(mkdtempSync(path.join(tmpdir(), 'turnero-follow-')), 'townhall.sqlite');
  server = await start();
});

test.afterEach(async () => {
  await server.close();
});

/** A walk-in as a kiosk reports it, with its follow token (as printed in its QR). */
async function issueWalkIn(ticketNumber: string): Promise<string> {
  const ticketId = randomUUID();
  const followToken = randomBytes(18).toString('base64url');
  const response = await fetch(`${server.url}${apiPaths.walkIns(SITE)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': ticketId },
    body: JSON.stringify({
      ticketId,
      serviceId: 'empadronamiento',
      kioskId: 'kiosk-1',
      ticketNumber,
      issuedAt: new Date().toISOString(),
      followToken,
    }),
  });
  expect(response.status).toBe(201);
  return followToken;
}

async function callNext(desk: string): Promise<void> {
  const response = await fetch(`${server.url}${apiPaths.callNext(SITE)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ desk }),
  });
  expect(response.status).toBe(200);
}

async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).setLegacyMode(true).analyze();
  return results.violations.map(
    (violation) =>
      `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
}

test('the follow page updates live and says when it is your turn', async ({ page }) => {
  await mockFollowAlerts(page);
  await issueWalkIn('E-001');
  await issueWalkIn('E-002');
  const mine = await issueWalkIn('E-003');
  let loads = 0;
  page.on('load', () => (loads += 1));

  await page.goto(server.url + followPaths.page(mine));
  await expect(page.getByRole('heading', { name: 'Siga su turno' })).toBeVisible();
  await expect(page.getByTestId('follow-number')).toHaveText('E-003');
  await expect(page.getByTestId('follow-service')).toHaveText('Empadronamiento');
  await expect(page.getByTestId('follow-ahead')).toHaveText('2');
  await expect(page.getByTestId('follow-wait')).toHaveText('12 min');
  await expect(page.getByTestId('follow-status')).toContainText('Se actualiza solo');
  expect(await axeViolations(page)).toEqual([]);

  await callNext('Mesa 1');
  await expect(page.getByTestId('follow-ahead')).toHaveText('1');
  await expect(page.getByTestId('follow-wait')).toHaveText('6 min');
  // The citizen asks for the sound (a tap: phones play nothing before one).
  await page.getByRole('button', { name: 'Avisarme con sonido' }).tap();
  await expect(page.getByRole('button', { name: 'Aviso con sonido activado' })).toBeVisible();
  await callNext('Mesa 1');
  await expect(page.getByTestId('follow-ahead')).toHaveText('0');
  expect((await recordedAlerts(page)).vibrations).toEqual([]);

  await callNext('Mesa 3');
  await expect(page.getByTestId('follow-called')).toContainText('Es su turno: Mesa 3');
  await expect(page.getByTestId('follow-ahead')).toHaveCount(0);
  const alerts = await recordedAlerts(page);
  expect(alerts.vibrations).toHaveLength(1);
  expect(alerts.tones).toHaveLength(2);
  expect(alerts.contexts).toBe(1);
  expect(loads).toBe(1);
  expect(await axeViolations(page)).toEqual([]);
});

test('a desk’s finish reaches the page at once, not at its next poll', async ({ page }) => {
  const mine = await issueWalkIn('E-001');
  await server.staff.createAccount({ username: 'mesa', role: 'desk', password: DESK_PASSWORD });
  const desk = new StaffClient(server);
  expect((await desk.signIn('mesa', DESK_PASSWORD)).status).toBe(200);
  const act = async (action: string, body: object = {}) =>
    expect(
      (await desk.send('POST', `/office/api/desk/${action}`, { site: SITE, ...body })).status,
    ).toBe(200);
  await act('open', { desk: 'Mesa 3', serviceIds: ['empadronamiento'] });

  await page.goto(server.url + followPaths.page(mine));
  await expect(page.getByTestId('follow-ahead')).toHaveText('0');
  await act('call-next');
  await expect(page.getByTestId('follow-called')).toContainText('Es su turno: Mesa 3');
  await act('finish');
  // The page polls once a minute: within the 10 s of this check, only the push can tell it.
  await expect(page.getByText('Este turno ya ha sido atendido. Gracias.')).toBeVisible();
});

test('the follow page recovers after a server restart', async ({ page }) => {
  await issueWalkIn('E-001');
  const mine = await issueWalkIn('E-002');
  await page.goto(server.url + followPaths.page(mine));
  await expect(page.getByTestId('follow-ahead')).toHaveText('1');
  await expect(page.getByTestId('follow-status')).toContainText('Se actualiza solo');

  const port = server.port;
  await server.close();
  await expect(page.getByTestId('follow-status')).toContainText('Sin conexión');
  // The last known state stays on screen meanwhile.
  await expect(page.getByTestId('follow-number')).toHaveText('E-002');

  server = await start(port);
  await expect(page.getByTestId('follow-status')).toContainText('Se actualiza solo');
  // Live again: each call after the restart reaches the page.
  await callNext('Mesa 1');
  await expect(page.getByTestId('follow-ahead')).toHaveText('0');
  await callNext('Mesa 3');
  await expect(page.getByTestId('follow-called')).toContainText('Es su turno: Mesa 3');
});

test('an unknown token reveals nothing, in the phone’s language', async ({ browser }) => {
  const context = await browser.newContext({ ...PIXEL_5, locale: 'fr-FR' });
  const page = await context.newPage();
  const mine = await issueWalkIn('E-001');
  await page.goto(server.url + followPaths.page(mine));
  await expect(page.getByRole('heading', { name: 'Suivez votre tour' })).toBeVisible();
  await expect(page.getByTestId('follow-service')).toHaveText('Recensement');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');

  await page.goto(server.url + followPaths.page(randomBytes(18).toString('base64url')));
  await expect(page.getByRole('heading', { name: 'Tour non disponible' })).toBeVisible();
  await expect(page.getByTestId('follow-number')).toHaveCount(0);
  expect(await axeViolations(page)).toEqual([]);
  await context.close();
});

test('no axe violation at 1366×768, waiting and called', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  const mine = await issueWalkIn('E-001');
  await page.goto(server.url + followPaths.page(mine));
  await expect(page.getByTestId('follow-ahead')).toHaveText('0');
  expect(await axeViolations(page)).toEqual([]);
  await callNext('Mesa 1');
  await expect(page.getByTestId('follow-called')).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await context.close();
});
