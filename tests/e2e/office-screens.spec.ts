/**
 * The administrator's lobby screens through the REAL server (support/office-server.ts, a fixed
 * test clock: Tuesday 11:00 in Madrid) and the BUILT pages in Chromium. A TV page opened at
 * `/lobby?screen=entrada` before the screen exists says so in Spanish; the administrator adds it
 * with quiet hours covering now, and the page starts by itself: a call is shown but nothing is
 * heard. The administrator then lifts the quiet hours and turns on high contrast: the open page
 * takes both without being reloaded, and the next call is chimed and spoken (the first never
 * is: the announcer speaks calls in order). Speech and Web Audio are mocked at the browser API
 * (support/lobby-sound-mock.ts). axe on the administrator's section at 1366×768.
 */
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import type { TurneroServer } from '../../server/server';
import { apiPaths } from '../../src-shared/contract/townhall-api';
import { LANDSCAPE } from './support/browser';
import { recordSoundReports, spoken } from './support/lobby-sound-mock';
import { expectNoAxeViolations } from './support/office-axe';
import {
  OFFICE_SITE,
  OFFICE_VIEWPORT,
  signInOnPage,
  startOfficeServer,
} from './support/office-server';

/** The server's clock: a Tuesday, 11:00 on the site's wall clock (Europe/Madrid, UTC+1). */
const NOW = new Date('2026-03-03T10:00:00.000Z');

let server: TurneroServer;

test.afterEach(async () => {
  await server.close();
});

async function issueWalkIn(ticketNumber: string, minutesAgo: number): Promise<void> {
  const ticketId = randomUUID();
  const response = await fetch(`${server.url}${apiPaths.walkIns(OFFICE_SITE)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': ticketId },
    body: JSON.stringify({
      ticketId,
      serviceId: 'empadronamiento',
      kioskId: 'kiosk-1',
      ticketNumber,
      issuedAt: new Date(NOW.getTime() - minutesAgo * 60_000).toISOString(),
    }),
  });
  expect(response.status).toBe(201);
}

async function callNext(): Promise<void> {
  const response = await fetch(`${server.url}${apiPaths.callNext(OFFICE_SITE)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ desk: 'Mesa 1' }),
  });
  expect(response.status).toBe(200);
}

test('an administered screen takes its options from the server, quiet hours and changes included', async ({
  page,
  context,
}) => {
  server = await startOfficeServer({ now: () => NOW });
  await issueWalkIn('E-001', 2);
  await issueWalkIn('E-002', 1);

  const lobby = await context.newPage();
  await lobby.setViewportSize(LANDSCAPE);
  const reports = await recordSoundReports(lobby);
  let lobbyLoads = 0;
  lobby.on('load', () => (lobbyLoads += 1));
  await lobby.goto(`${server.url}/lobby?screen=entrada`);
  await expect(lobby.getByTestId('lobby-unknown-screen')).toContainText('Pantalla no registrada');

  await page.setViewportSize(OFFICE_VIEWPORT);
  await page.goto(`${server.url}/office/admin`);
  await signInOnPage(page, 'admin');
  await expect(page.getByRole('heading', { name: 'Pantallas', exact: true })).toBeVisible();
  await expect(page.getByText('Todavía no hay ninguna pantalla.')).toBeVisible();
  const adding = page.getByTestId('new-screen');
  await adding.getByLabel(/^Identificador/).fill('entrada');
  await adding.getByLabel('Nombre de la pantalla').fill('Entrada');
  // A range that is not a time: its own message, and nothing sent.
  await adding.getByLabel('Martes', { exact: true }).fill('25:00-26:00');
  await adding.getByRole('button', { name: 'Añadir pantalla' }).click();
  await expect(adding.getByRole('alert')).toHaveText(/^Horas de silencio del Martes:/);
  await expectNoAxeViolations(page);
  // 10:00–12:00 on Tuesdays covers the server's 11:00.
  await adding.getByLabel('Martes', { exact: true }).fill('10:00 - 12:00');
  await adding.getByRole('button', { name: 'Añadir pantalla' }).click();
  await expect(page.getByTestId('new-screen-message')).toHaveText('Pantalla Entrada añadida.');
  const entrada = page.getByTestId('screen-entrada');
  await expect(entrada.getByTestId('screen-entrada-address')).toHaveText(
    `${server.url}/lobby?screen=entrada`,
  );
  await expect(entrada.getByLabel('Martes', { exact: true })).toHaveValue('10:00-12:00');
  await expectNoAxeViolations(page);

  // The waiting page started by itself: its stream was ended when the screen was added.
  await expect(lobby.getByTestId('lobby-unknown-screen')).toHaveCount(0, { timeout: 15_000 });
  await expect(lobby.locator('.lobby-empty')).toBeVisible();
  await callNext();
  await expect(lobby.locator('.lobby-current-number')).toHaveText('E-001');

  await entrada.getByLabel('Martes', { exact: true }).fill('');
  await entrada.getByLabel('Alto contraste').check();
  await entrada.getByRole('button', { name: 'Guardar pantalla' }).click();
  await expect(page.getByTestId('screen-entrada-message')).toHaveText(
    'Pantalla Entrada guardada: la verá en unos segundos.',
  );
  await expect(lobby.locator('.lobby')).toHaveAttribute('data-contrast', 'high', {
    timeout: 15_000,
  });
  await callNext();
  await expect(lobby.locator('.lobby-current-number')).toHaveText('E-002');
  // Only the call after the quiet hours was heard: E-001 was shown, never announced.
  await expect.poll(() => spoken(reports)).toEqual(['Turno E 2, Mesa 1.']);
  expect(reports.some((report) => report.kind === 'tone')).toBe(true);
  expect(lobbyLoads).toBe(1);

  const log = await server.staff.auditLog();
  expect(log.filter((entry) => entry.action.startsWith('screen-')).map((e) => e.action)).toEqual([
    'screen-update',
    'screen-create',
  ]);
});
