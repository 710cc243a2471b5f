/**
 * The real Turnero server for the office app's end-to-end tests: startTurneroServer on SQLite in
 * memory, the BUILT renderer (office.html, lobby.html), one site with two services and three
 * desks, staff accounts of each role, and tickets issued through the Town Hall API as a kiosk
 * would, and signing in through the page. Free of the test runner, so that
 * scripts/screenshots.ts can use it too (the axe check is in office-axe.ts).
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { parseSeed } from '../../../server/seed';
import {
  startTurneroServer,
  type TurneroServer,
  type TurneroServerOptions,
} from '../../../server/server';
import { apiPaths } from '../../../src-shared/contract/townhall-api';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const RENDERER_DIR = path.join(ROOT, 'dist/renderer');
export const OFFICE_SITE = 'sede-oficina';
export const STAFF_PASSWORD = 'contraseña-de-prueba';

/** The office's 1366×768 screen. */
export const OFFICE_VIEWPORT = { width: 1366, height: 768 } as const;

export const officeSeed = parseSeed({
  site: { id: OFFICE_SITE, name: 'Ayuntamiento de Oficina', timeZone: 'Europe/Madrid' },
  services: [
    { id: 'empadronamiento', prefix: 'E', names: { es: 'Empadronamiento' }, walkInsAllowed: true },
    { id: 'registro', prefix: 'R', names: { es: 'Registro general' }, walkInsAllowed: true },
  ],
  appointments: [],
  enrolmentCodes: [],
  desks: ['Mesa 1', 'Mesa 2', 'Mesa 3'],
});

export async function startOfficeServer(
  options: TurneroServerOptions = {},
): Promise<TurneroServer> {
  const server = await startTurneroServer({
    seed: officeSeed,
    lobbyPageDir: RENDERER_DIR,
    log: () => undefined,
    ...options,
  });
  for (const [username, role] of [
    ['mesa', 'desk'],
    ['super', 'supervisor'],
    ['admin', 'admin'],
  ] as const) {
    await server.staff.createAccount({ username, role, password: STAFF_PASSWORD });
  }
  return server;
}

/** A walk-in issued by a kiosk through the API, issued `minutesAgo` before now. */
export async function issueWalkIn(
  server: Pick<TurneroServer, 'url'>,
  ticketNumber: string,
  serviceId = 'empadronamiento',
  minutesAgo = 0,
): Promise<void> {
  const ticketId = randomUUID();
  const response = await fetch(`${server.url}${apiPaths.walkIns(OFFICE_SITE)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': ticketId },
    body: JSON.stringify({
      ticketId,
      serviceId,
      kioskId: 'kiosk-1',
      ticketNumber,
      issuedAt: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
    }),
  });
  if (response.status !== 201) throw new Error(`walk-in ${ticketNumber}: ${response.status}`);
}

/** Signs in through the page's own form, and waits for the server's answer. */
export async function signInOnPage(
  page: Page,
  username: string,
  password = STAFF_PASSWORD,
): Promise<void> {
  await page.getByLabel('Usuario').fill(username);
  await page.getByLabel('Contraseña').fill(password);
  await Promise.all([
    page.waitForResponse((response) => response.url().endsWith('/office/api/sign-in')),
    page.getByRole('button', { name: 'Entrar' }).click(),
  ]);
}
