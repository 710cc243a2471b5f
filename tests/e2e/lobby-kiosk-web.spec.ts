/**
 * The lobby screen fed through the kiosk (issue 12 item 2 a): the REAL reference server, the
 * BUILT web host as its own process (its main process follows the server's lobby feed), and
 * `lobby.html?feed=bridge` from the web host in Chromium. A turn called at the server reaches
 * the page over the kiosk's bridge and is announced; the page never asks the server's origin
 * for anything. Sound is mocked at the browser API (support/lobby-sound-mock.ts).
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { parseSeed } from '../../server/seed';
import { startTurneroServer, type TurneroServer } from '../../server/server';
import { apiPaths } from '../../src-shared/contract/townhall-api';
import { makeTempDir } from '../support/temp-dir';
import { LANDSCAPE } from './support/browser';
import { recordSoundReports, spoken } from './support/lobby-sound-mock';
import { startWebHostProcess, type WebHostProcess } from './support/web-host-process';

const SITE = 'e2e-lobby';
const SEED = parseSeed({
  site: { id: SITE, name: 'Ayuntamiento de la Sala de Espera', timeZone: 'Europe/Madrid' },
  services: [
    { id: 'registro', prefix: 'R', names: { es: 'Registro general' }, walkInsAllowed: true },
  ],
  appointments: [],
  desks: ['Mesa 1', 'Mesa 4'],
});

let dir: ReturnType<typeof makeTempDir>;
let townhall: TurneroServer;
let kiosk: WebHostProcess;

test.describe.configure({ timeout: 120_000 });

test.beforeAll(async () => {
  dir = makeTempDir('e2e-lobby-kiosk');
  townhall = await startTurneroServer({ seed: SEED, log: () => undefined });
  const configFile = join(dir.path, 'kiosk.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      dataDir: join(dir.path, 'data'),
      siteId: SITE,
      kioskId: 'sala-1',
      api: { baseUrl: townhall.url },
    }),
  );
  kiosk = await startWebHostProcess({ configFile });
});

// Playwright needs the fixtures argument destructured even when no fixture is used.
// eslint-disable-next-line no-empty-pattern
test.afterEach(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) console.log(kiosk?.log());
});

test.afterAll(async () => {
  await kiosk?.stop();
  await townhall?.close();
  dir?.remove();
});

test('a turn called at the server reaches the lobby page through the kiosk, and is announced', async ({
  page,
}) => {
  await page.setViewportSize(LANDSCAPE);
  const reports = await recordSoundReports(page);
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  const ticketId = randomUUID();
  const walkIn = await fetch(`${townhall.url}${apiPaths.walkIns(SITE)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': ticketId },
    body: JSON.stringify({
      ticketId,
      serviceId: 'registro',
      kioskId: 'sala-1',
      ticketNumber: 'R-021',
      issuedAt: new Date().toISOString(),
    }),
  });
  expect(walkIn.status).toBe(201);

  const token = new URL(kiosk.url).searchParams.get('token') ?? '';
  const kioskOrigin = new URL(kiosk.url).origin;
  await page.goto(`${kioskOrigin}/lobby.html?feed=bridge&token=${encodeURIComponent(token)}`);
  // Nothing is checked in the page before the sounds (a locator check is a user gesture): the
  // kiosk's main process holds the server's lobby stream once the page has asked for it.
  await expect.poll(() => townhall.admin.openStreams()).toBe(1);

  expect(await townhall.admin.callNext('Mesa 4')).toMatchObject({ ticketNumber: 'R-021' });
  await expect.poll(() => spoken(reports)).toEqual(['Turno R 21, Mesa 4.']);
  expect(reports.filter((report) => report.userActivated)).toEqual([]);
  expect(reports.filter((report) => report.kind === 'csp')).toEqual([]);

  await expect(page.locator('.lobby-current-number')).toHaveText('R-021');
  await expect(page.locator('.lobby-body')).toContainText('Mesa 4');
  await expect(page.locator('.lobby-body')).toContainText('Registro general');
  await expect(page.locator('.lobby-body')).toContainText('Ayuntamiento de la Sala de Espera');
  // Everything came from the kiosk: the page asked the server's origin for nothing.
  expect(requests.length).toBeGreaterThan(0);
  expect(requests.filter((url) => !url.startsWith(kioskOrigin))).toEqual([]);
});
