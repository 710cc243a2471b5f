/**
 * The lobby screen as the Turnero server serves it to a smart-TV browser: the REAL server
 * (startTurneroServer, real SQLite in memory, real HTTP and SSE) and the BUILT lobby.html in real
 * Chromium. A ticket is issued through the API, called through the API's call-next (the desk
 * app's calls are tested in office-desk.spec.ts), and must appear on the screen and be spoken. Sound is mocked at the browser API (speechSynthesis,
 * AudioContext), as in lobby-screen.spec.ts, here ending each utterance at once; nothing is ever
 * delivered into the page, so the announcement ran without any user gesture.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { apiPaths } from '../../src-shared/contract/townhall-api';
import { LobbySnapshotSchema } from '../../src-shared/contract/lobby';
import { parseSeed } from '../../server/seed';
import { startTurneroServer, type TurneroServer } from '../../server/server';
import { LANDSCAPE } from './support/browser';
import { recordSoundReports, spoken } from './support/lobby-sound-mock';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SITE = 'sede-lobby';

const seed = parseSeed({
  site: { id: SITE, name: 'Ayuntamiento de Pantalla', timeZone: 'Europe/Madrid' },
  services: [
    { id: 'empadronamiento', prefix: 'E', names: { es: 'Empadronamiento' }, walkInsAllowed: true },
  ],
  appointments: [],
  enrolmentCodes: [],
  desks: ['Mesa 1', 'Mesa 3'],
});

let server: TurneroServer;

test.beforeEach(async () => {
  server = await startTurneroServer({
    seed,
    lobbyPageDir: path.join(ROOT, 'dist/renderer'),
    log: () => undefined,
  });
});

test.afterEach(async () => {
  await server.close();
});

async function issueWalkIn(ticketNumber: string): Promise<void> {
  const ticketId = randomUUID();
  const response = await fetch(`${server.url}${apiPaths.walkIns(SITE)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': ticketId },
    body: JSON.stringify({
      ticketId,
      serviceId: 'empadronamiento',
      kioskId: 'kiosk-1',
      ticketNumber,
      issuedAt: new Date().toISOString(),
    }),
  });
  expect(response.status).toBe(201);
}

test('a called turn appears on the served lobby page and is announced', async ({ page }) => {
  await page.setViewportSize(LANDSCAPE);
  const reports = await recordSoundReports(page);
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await issueWalkIn('E-007');

  const response = await page.goto(`${server.url}/lobby?site=${SITE}`);
  expect(response?.url()).toBe(
    `${server.url}/lobby/lobby.html?feed=${encodeURIComponent(`/lobby/feed/${SITE}`)}`,
  );
  const csp = response?.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("connect-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  // Nothing is checked in the page before the sounds: a locator check counts as a user gesture.
  // The screen is ready once it holds its event stream and has fetched a snapshot.
  await expect.poll(() => server.admin.openStreams()).toBe(1);
  await expect
    .poll(() => requests.some((url) => url.includes(`/lobby/feed/${SITE}/snapshot`)))
    .toBe(true);

  const called = await fetch(`${server.url}${apiPaths.callNext(SITE)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ desk: 'Mesa 3' }),
  });
  expect(called.status).toBe(200);

  await expect.poll(() => spoken(reports)).toEqual(['Turno E 7, Mesa 3.']);
  expect(reports.some((report) => report.kind === 'tone')).toBe(true);
  expect(reports.filter((report) => report.userActivated)).toEqual([]);
  await expect(page.locator('.lobby-current-number')).toHaveText('E-007');
  await expect(page.locator('.lobby-body')).toContainText('Mesa 3');
  await expect(page.locator('.lobby-body')).toContainText('Empadronamiento');
  // The call's event carried the waiting counts after it.
  await expect(page.locator('.lobby-body')).toContainText('0 personas');
  expect(reports.filter((report) => report.kind === 'csp')).toEqual([]);
  // Only the page's own origin was asked for anything.
  expect(requests.filter((url) => !url.startsWith(server.url))).toEqual([]);
  expect(requests.some((url) => url.includes(`/lobby/feed/${SITE}/snapshot`))).toBe(true);

  const snapshot = LobbySnapshotSchema.parse(
    await (await fetch(`${server.url}/lobby/feed/${SITE}/snapshot?highContrast=1`)).json(),
  );
  expect(snapshot.calls.map((call) => [call.ticketNumber, call.desk])).toEqual([
    ['E-007', 'Mesa 3'],
  ]);
  expect(snapshot.waiting).toEqual([
    { serviceId: 'empadronamiento', serviceNames: { es: 'Empadronamiento' }, count: 0 },
  ]);
  expect(snapshot.options.highContrast).toBe(true);
});

test("a TV's options in its address reach the page: high contrast, no chime", async ({ page }) => {
  await page.setViewportSize(LANDSCAPE);
  const response = await page.goto(`${server.url}/lobby?site=${SITE}&highContrast=1&chime=0`);
  const feed = new URL(response?.url() ?? '').searchParams.get('feed') ?? '';
  expect(new URL(feed, server.url).searchParams.get('highContrast')).toBe('1');
  await expect(page.locator('.lobby')).toHaveAttribute('data-contrast', 'high');

  const plain = await page.goto(`${server.url}/lobby?site=${SITE}`);
  expect(new URL(plain?.url() ?? '').searchParams.get('feed')).toBe(`/lobby/feed/${SITE}`);
  await expect(page.locator('.lobby')).not.toHaveAttribute('data-contrast', 'high');
});
