/**
 * The audit log viewer on the administrator's page, through the REAL server in Chromium
 * (support/office-server.ts): an action done in the test (the lobby notice published) appears
 * first, with what changed; the filters narrow the list to one account or one action; axe at
 * 1366×768.
 */
import { expect, test } from '@playwright/test';
import type { TurneroServer } from '../../server/server';
import { expectNoAxeViolations } from './support/office-axe';
import { OFFICE_VIEWPORT, signInOnPage, startOfficeServer } from './support/office-server';

let server: TurneroServer;

test.afterEach(async () => {
  await server.close();
});

test('an administrator finds the action just done in the audit log, and filters it', async ({
  page,
}) => {
  server = await startOfficeServer();
  await page.setViewportSize(OFFICE_VIEWPORT);
  await page.goto(`${server.url}/office/admin`);
  await signInOnPage(page, 'admin');
  const text = 'Mañana abrimos a las 10:00.';
  await expect(page.getByTestId('notice-current')).toHaveText('Ahora no hay ningún aviso.');
  await page.getByLabel(/Texto del aviso/).fill(text);
  await page.getByRole('button', { name: 'Publicar aviso' }).click();
  await expect(page.getByTestId('notice-current')).toHaveText(`Aviso actual: ${text}`);

  await page.reload();
  const audit = page.getByTestId('audit-log');
  await expect(audit.getByRole('heading', { name: 'Registro de actividad' })).toBeVisible();
  const rows = audit.getByTestId('audit-entries').locator('tbody tr');
  await expect(rows.first()).toContainText('lobby-notice');
  await expect(rows.first()).toContainText(`new: ${text}`);
  await expect(rows.first()).toContainText('admin');
  await expect(rows).toHaveCount(2);
  await expectNoAxeViolations(page);

  await audit.getByLabel('Acción').selectOption('sign-in');
  await audit.getByRole('button', { name: 'Filtrar' }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('sign-in');

  await audit.getByLabel('Acción').selectOption('');
  await audit.getByLabel('Cuenta').selectOption('admin');
  await audit.getByLabel('Desde el día').fill('2000-01-01');
  await audit.getByLabel('Hasta el día').fill('2000-01-02');
  await audit.getByRole('button', { name: 'Filtrar' }).click();
  await expect(audit.getByText('No hay ninguna entrada con estos filtros.')).toBeVisible();
  await expect(audit.getByRole('button', { name: 'Más antiguas' })).toBeDisabled();
  await expectNoAxeViolations(page);
});
