/**
 * The administrator's pages through the REAL server in Chromium (support/office-server.ts): a
 * service's name and daily cap edited on the page (a bad cap gets its translated message and
 * changes nothing), and the change in the site info a kiosk pulls; a kiosk enrolment code made,
 * shown once, working once for its kiosk, and gone from the open list; axe at 1366×768.
 */
import { expect, test } from '@playwright/test';
import type { TurneroServer } from '../../server/server';
import {
  EnrolmentResponseSchema,
  SiteInfoResponseSchema,
  apiPaths,
} from '../../src-shared/contract/townhall-api';
import { expectNoAxeViolations } from './support/office-axe';
import {
  OFFICE_SITE,
  OFFICE_VIEWPORT,
  signInOnPage,
  startOfficeServer,
} from './support/office-server';

let server: TurneroServer;

test.afterEach(async () => {
  await server.close();
});

const kioskService = async (serviceId: string) => {
  const response = await fetch(server.url + apiPaths.siteInfo(OFFICE_SITE));
  const info = SiteInfoResponseSchema.parse(await response.json());
  return info.services.find((service) => service.id === serviceId);
};

test('an administrator edits a service; the kiosks get it in their site info', async ({ page }) => {
  server = await startOfficeServer();
  await page.setViewportSize(OFFICE_VIEWPORT);
  await page.goto(`${server.url}/office/admin`);
  await signInOnPage(page, 'admin');
  await expect(page.getByRole('heading', { name: 'Servicios' })).toBeVisible();
  const registro = page.getByTestId('service-registro');
  await expect(registro.getByLabel('Nombre en español (obligatorio)')).toHaveValue(
    'Registro general',
  );
  await expectNoAxeViolations(page);

  // A cap out of range: the translated message, and nothing sent.
  await registro.getByLabel('Máximo de turnos al día (vacío: sin límite)').fill('1000');
  await registro.getByRole('button', { name: 'Guardar servicio' }).click();
  await expect(registro.getByRole('alert')).toHaveText(
    'El máximo diario es un número entero entre 1 y 999, o vacío para no poner límite.',
  );
  expect((await kioskService('registro'))?.dailyCap ?? null).toBeNull();

  await registro.getByLabel('Nombre en español (obligatorio)').fill('Registro de entrada');
  await registro.getByLabel('Nombre en inglés').fill('Registry');
  await registro.getByLabel('Máximo de turnos al día (vacío: sin límite)').fill('40');
  await registro.getByRole('button', { name: 'Guardar servicio' }).click();
  await expect(page.getByTestId('service-registro-message')).toHaveText(
    'Servicio registro guardado.',
  );
  await expect(registro.getByRole('alert')).toHaveCount(0);
  expect(await kioskService('registro')).toMatchObject({
    names: { es: 'Registro de entrada', en: 'Registry' },
    dailyCap: 40,
    prefix: 'R',
  });
  await expectNoAxeViolations(page);

  // A prefix the other service has: refused, with its own message.
  await registro.getByLabel('Prefijo (de 1 a 3 letras mayúsculas)').fill('E');
  await registro.getByRole('button', { name: 'Guardar servicio' }).click();
  await expect(page.getByTestId('service-registro-message')).toHaveText(
    'Otro servicio ya usa ese prefijo.',
  );
  expect((await kioskService('registro'))?.prefix).toBe('R');

  await page.reload();
  await expect(
    page.getByTestId('service-registro').getByLabel('Nombre en español (obligatorio)'),
  ).toHaveValue('Registro de entrada');
});

test('an administrator makes a kiosk enrolment code, shown once, that enrols that kiosk once', async ({
  page,
}) => {
  server = await startOfficeServer();
  await page.setViewportSize(OFFICE_VIEWPORT);
  await page.goto(`${server.url}/office/admin`);
  await signInOnPage(page, 'admin');
  await expect(page.getByRole('heading', { name: 'Códigos de alta de quioscos' })).toBeVisible();
  await page.getByLabel('Identificador del quiosco').fill('Bad Kiosk!');
  await page.getByRole('button', { name: 'Crear código' }).click();
  await expect(page.getByTestId('codes-message')).toHaveText(
    'El identificador del quiosco son de 1 a 32 letras, cifras o guiones, empezando por letra o cifra.',
  );
  await page.getByLabel('Identificador del quiosco').fill('quiosco-7');
  await page.getByLabel('Validez').fill('2');
  await page.getByLabel('Unidad').selectOption('days');
  await page.getByRole('button', { name: 'Crear código' }).click();
  await expect(page.getByTestId('new-code')).toContainText('quiosco-7');
  const code = (await page.getByTestId('new-code').locator('strong').textContent()) ?? '';
  expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await expect(page.getByTestId('open-codes')).toContainText('quiosco-7');
  await expectNoAxeViolations(page);

  const enrol = () =>
    fetch(server.url + apiPaths.enrol(OFFICE_SITE), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ enrolmentCode: code, kioskId: 'quiosco-7' }),
    });
  const first = await enrol();
  expect(first.status).toBe(201);
  expect(EnrolmentResponseSchema.parse(await first.json()).kioskId).toBe('quiosco-7');
  expect((await enrol()).status).toBe(401);
  // Shown once: after a reload the code is nowhere on the page, and the used code is not open.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Códigos de alta de quioscos' })).toBeVisible();
  await expect(page.getByTestId('new-code')).toHaveCount(0);
  await expect(page.getByTestId('open-codes')).not.toContainText('quiosco-7');
  expect(await page.content()).not.toContain(code);
});

test('an administrator sets the lobby notice; an open lobby screen shows it without a reload', async ({
  page,
  context,
}) => {
  server = await startOfficeServer();
  const lobby = await context.newPage();
  await lobby.goto(`${server.url}/lobby?site=${OFFICE_SITE}`);
  await expect(lobby.locator('.lobby-body')).toBeVisible();
  await expect(lobby.locator('.lobby-ticker')).toHaveCount(0);

  await page.setViewportSize(OFFICE_VIEWPORT);
  await page.goto(`${server.url}/office/admin`);
  await signInOnPage(page, 'admin');
  const notice = page.getByLabel(/Texto del aviso/);
  await expect(page.getByTestId('notice-current')).toHaveText('Ahora no hay ningún aviso.');
  await notice.fill('   ');
  await page.getByRole('button', { name: 'Publicar aviso' }).click();
  await expect(page.getByTestId('notice-message')).toHaveText(
    'El aviso tiene que tener entre 1 y 500 caracteres.',
  );

  const text = 'Hoy la oficina cierra a las 13:00.';
  await notice.fill(text);
  await page.getByRole('button', { name: 'Publicar aviso' }).click();
  await expect(page.getByTestId('notice-current')).toHaveText(`Aviso actual: ${text}`);
  // The screen reconnects by itself and reads its state again, now with the notice.
  await expect(lobby.locator('.lobby-ticker')).toContainText(text, { timeout: 15_000 });
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: 'Quitar aviso' }).click();
  await expect(page.getByTestId('notice-message')).toHaveText('Aviso quitado.');
  await expect(lobby.locator('.lobby-ticker')).toHaveCount(0, { timeout: 15_000 });
  const log = await server.staff.auditLog();
  expect(log.filter((entry) => entry.action === 'lobby-notice')).toHaveLength(2);
});
