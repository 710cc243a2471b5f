/**
 * The office app through the REAL server in Chromium (tests/e2e/support/office-server.ts): sign-in
 * (a wrong password's message, the lockout, the per-client rate limit), a desk calling, calling
 * again, marking a no-show, finishing and transferring, with the queue updated live (a kiosk's
 * new ticket appears without a reload) and the served lobby page receiving the calls in order,
 * the repeat marked; the supervisor and administrator pages; axe at 1366×768 on every page.
 */
import { expect, test } from '@playwright/test';
import { LobbySnapshotSchema } from '../../src-shared/contract/lobby';
import type { TurneroServer } from '../../server/server';
import { expectNoAxeViolations } from './support/office-axe';
import {
  issueWalkIn,
  OFFICE_SITE,
  OFFICE_VIEWPORT,
  signInOnPage,
  startOfficeServer,
  STAFF_PASSWORD,
} from './support/office-server';

let server: TurneroServer;

test.afterEach(async () => {
  await server.close();
});

test('sign-in: a wrong password says so, and repeated failures lock the account', async ({
  page,
}) => {
  server = await startOfficeServer({ staffSignIn: { maxFailures: 3 } });
  await page.setViewportSize(OFFICE_VIEWPORT);
  const response = await page.goto(`${server.url}/staff`);
  expect(response?.url()).toBe(`${server.url}/office/desk`);
  expect(response?.headers()['referrer-policy']).toBe('same-origin');
  await expect(page.getByRole('heading', { name: 'Acceso del personal' })).toBeVisible();
  await expectNoAxeViolations(page);

  await signInOnPage(page, 'mesa', 'no-es-la-contraseña');
  await expect(page.getByRole('alert')).toHaveText('Usuario o contraseña incorrectos.');
  await signInOnPage(page, 'mesa', 'tampoco-es-esta');
  await expect(page.getByRole('alert')).toHaveText('Usuario o contraseña incorrectos.');
  await signInOnPage(page, 'mesa', 'la-tercera-falla');
  await expect(page.getByRole('alert')).toContainText(
    'Cuenta bloqueada por demasiados intentos fallidos',
  );
  // Locked: even the right password is refused now.
  await signInOnPage(page, 'mesa');
  await expect(page.getByRole('alert')).toContainText('Cuenta bloqueada');
  const log = await server.staff.auditLog();
  expect(log.map((entry) => entry.action)).toContain('account-locked');
  // Another account is not locked by it.
  await signInOnPage(page, 'super');
  await expect(page.getByRole('heading', { name: 'Mesa de atención' })).toBeVisible();
});

test('sign-in: one client making too many attempts is rate limited', async ({ page }) => {
  server = await startOfficeServer({ staffSignIn: { perClientPerMinute: 2 } });
  await page.goto(`${server.url}/office/desk`);
  await signInOnPage(page, 'nadie', 'mal-1-xxxxxx');
  await expect(page.getByRole('alert')).toHaveText('Usuario o contraseña incorrectos.');
  await signInOnPage(page, 'otro', 'mal-2-xxxxxx');
  await expect(page.getByRole('alert')).toHaveText('Usuario o contraseña incorrectos.');
  await signInOnPage(page, 'mesa');
  await expect(page.getByRole('alert')).toHaveText(
    'Demasiados intentos desde este equipo. Espere un minuto y vuelva a intentarlo.',
  );
});

test('a desk calls, calls again, marks a no-show, finishes and transfers; the lobby follows', async ({
  page,
  context,
}) => {
  server = await startOfficeServer();
  await issueWalkIn(server, 'E-001', 'empadronamiento', 20);
  await issueWalkIn(server, 'E-002', 'empadronamiento', 10);
  await issueWalkIn(server, 'R-001', 'registro', 5);

  const lobby = await context.newPage();
  await lobby.goto(`${server.url}/lobby?site=${OFFICE_SITE}`);
  await expect(lobby.locator('.lobby-body')).toContainText('Empadronamiento');

  await page.setViewportSize(OFFICE_VIEWPORT);
  await page.goto(`${server.url}/office/desk`);
  await signInOnPage(page, 'mesa');
  await expect(page.getByRole('heading', { name: 'Elegir mesa y servicios' })).toBeVisible();
  await page.getByLabel('Mesa', { exact: true }).selectOption('Mesa 3');
  await page.getByLabel('Registro general').uncheck();
  await page.getByRole('button', { name: 'Empezar a atender' }).click();
  await expect(page.getByRole('heading', { name: 'Mesa 3: Empadronamiento' })).toBeVisible();
  const waiting = page.getByTestId('waiting');
  await expect(waiting.locator('tbody tr')).toHaveCount(2);
  await expectNoAxeViolations(page);

  // Live: a kiosk's new ticket shows without a reload.
  await issueWalkIn(server, 'E-003', 'empadronamiento', 0);
  await expect(waiting.locator('tbody tr')).toHaveCount(3);

  const current = page.getByTestId('current-number');
  await page.getByRole('button', { name: 'Llamar siguiente' }).click();
  await expect(current).toHaveText('E-001');
  await expect(page.getByRole('status')).toHaveText('Llamado el turno E-001.');
  await expect(lobby.locator('.lobby-current-number')).toHaveText('E-001');
  await page.getByRole('button', { name: 'Volver a llamar' }).click();
  await expect(page.getByText('Llamado 2 veces')).toBeVisible();
  // The screen shows the repeat as the current call, marked.
  await expect(lobby.locator('.lobby-current-call .lobby-repeat')).toHaveText('Repetición');
  await page.getByRole('button', { name: 'No se presenta' }).click();
  await expect(page.getByText('Ningún turno llamado.')).toBeVisible();

  await page.getByRole('button', { name: 'Llamar siguiente' }).click();
  await expect(current).toHaveText('E-002');
  await page.getByRole('button', { name: 'Terminar' }).click();
  await expect(page.getByRole('status')).toHaveText('Turno E-002 terminado.');

  await page.getByRole('button', { name: 'Llamar siguiente' }).click();
  await expect(current).toHaveText('E-003');
  await page.getByLabel('Transferir a').selectOption('registro');
  await page.getByRole('button', { name: 'Transferir', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText('Turno E-003 transferido.');
  expect(
    (await server.admin.waiting()).map((ticket) => [ticket.ticketNumber, ticket.serviceId]),
  ).toEqual([
    // The transferred ticket keeps its number and its issue time (after R-001's).
    ['R-001', 'registro'],
    ['E-003', 'registro'],
  ]);

  // The lobby page received every call in order, the repeat marked as such.
  await expect(lobby.locator('.lobby-current-number')).toHaveText('E-003');
  const snapshot = LobbySnapshotSchema.parse(
    await (await fetch(`${server.url}/lobby/feed/${OFFICE_SITE}/snapshot`)).json(),
  );
  expect(snapshot.calls.map((call) => [call.ticketNumber, call.desk, call.repeat])).toEqual([
    ['E-003', 'Mesa 3', false],
    ['E-002', 'Mesa 3', false],
    ['E-001', 'Mesa 3', true],
    ['E-001', 'Mesa 3', false],
  ]);
  const actions = (await server.staff.auditLog()).map((entry) => entry.action).reverse();
  expect(actions).toEqual([
    'sign-in',
    'desk-open',
    'call-next',
    'call-again',
    'no-show',
    'call-next',
    'finish',
    'call-next',
    'transfer',
  ]);
});

test('the supervisor sees the desks, the waiting and the devices; the admin manages accounts', async ({
  page,
}) => {
  server = await startOfficeServer();
  await issueWalkIn(server, 'R-001', 'registro', 12);
  await page.setViewportSize(OFFICE_VIEWPORT);
  await page.goto(`${server.url}/office/supervisor`);
  await signInOnPage(page, 'super');
  await expect(page.getByRole('heading', { name: /Supervisión/, level: 1 })).toBeVisible();
  await expect(page.getByTestId('waiting-per-service')).toContainText('Registro general');
  await expect(page.getByTestId('waiting-per-service')).toContainText('12 min');
  await expect(page.getByRole('link', { name: 'Abrir las estadísticas' })).toHaveAttribute(
    'href',
    '/office/statistics',
  );
  await expectNoAxeViolations(page);
  // A supervisor may not open the administration.
  await page.goto(`${server.url}/office/admin`);
  await expect(page.getByRole('alert')).toHaveText('Su cuenta no tiene permiso para esta sección.');
  await page.getByRole('button', { name: 'Cerrar sesión' }).click();

  await signInOnPage(page, 'admin');
  await expect(page.getByRole('link', { name: 'Administración' })).toBeVisible();
  await page.getByRole('link', { name: 'Administración' }).click();
  await expect(page.getByRole('heading', { name: 'Cuentas del personal' })).toBeVisible();
  await page.getByLabel('Usuario').fill('nuevo');
  await page.getByLabel('Nombre', { exact: true }).fill('Persona Nueva');
  await page.getByLabel('Contraseña (mínimo 10 caracteres)').fill('una-clave-larga');
  await page.getByRole('button', { name: 'Crear cuenta' }).click();
  await expect(page.getByTestId('accounts')).toContainText('Persona Nueva');
  const row = page.getByTestId('accounts').locator('tr', { hasText: 'Persona Nueva' });
  await row.getByRole('button', { name: 'Desactivar' }).click();
  await expect(row).toContainText('Desactivada');
  // The office's settings: a fourth desk and the issue order.
  await expect(page.getByLabel('Mesas (una por línea)')).toHaveValue('Mesa 1\nMesa 2\nMesa 3');
  await page.getByLabel('Mesas (una por línea)').fill('Mesa 1\nMesa 2\nMesa 3\nMesa 4');
  await page.getByLabel('Orden de llamada').selectOption('issue-order');
  await page.getByRole('button', { name: 'Guardar ajustes' }).click();
  await expect(page.getByRole('status')).toHaveText('Cambios guardados.');
  await expectNoAxeViolations(page);
  await page.reload();
  await expect(page.getByLabel('Mesas (una por línea)')).toHaveValue(
    'Mesa 1\nMesa 2\nMesa 3\nMesa 4',
  );
  await expect(page.getByLabel('Orden de llamada')).toHaveValue('issue-order');
  expect(STAFF_PASSWORD).not.toBe('una-clave-larga');
});
