/**
 * The administrator's pages through the REAL server in Chromium (support/office-server.ts): a
 * service's name and daily cap edited on the page (a bad cap gets its translated message and
 * changes nothing), and the change in the site info a kiosk pulls; axe at 1366×768.
 */
import { expect, test } from '@playwright/test';
import type { TurneroServer } from '../../server/server';
import { SiteInfoResponseSchema, apiPaths } from '../../src-shared/contract/townhall-api';
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
  await expect(registro.getByRole('status')).toHaveText('Servicio registro guardado.');
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
  await expect(registro.getByRole('status')).toHaveText('Otro servicio ya usa ese prefijo.');
  expect((await kioskService('registro'))?.prefix).toBe('R');

  await page.reload();
  await expect(
    page.getByTestId('service-registro').getByLabel('Nombre en español (obligatorio)'),
  ).toHaveValue('Registro de entrada');
});
