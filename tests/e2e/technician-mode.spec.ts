/**
 * The technician mode on real parts: the built web host as its own process (real SQLite, a real
 * data folder with a PIN set), the reference town hall, the built renderer in Chromium. The
 * hidden gesture and the inactivity limit run on the page's fake clock (`page.clock`).
 */
import { expect, test, type Page } from '@playwright/test';
import { accessOf, requestChannels, type RequestChannel } from '../../src-shared/contract/ipc';
import {
  expectNoA11yViolations,
  invokeFromPage,
  makeHiddenGesture,
  openCitizenHome,
  startTechnicianKiosk,
  TECHNICIAN_PIN,
  typePin,
  type TechnicianKiosk,
} from './support/technician-kiosk';

let rig: TechnicianKiosk;

// Several axe scans per test, on a page whose clock the test moves: more than the default minute.
test.describe.configure({ timeout: 150_000 });

test.beforeAll(async () => {
  rig = await startTechnicianKiosk('e2e-technician');
});

// eslint-disable-next-line no-empty-pattern
test.afterEach(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) console.log(rig?.kiosk.log());
});

test.afterAll(async () => {
  await rig?.close();
});

async function enterTechnicianMode(page: Page): Promise<void> {
  await openCitizenHome(page, rig.kiosk, { pausedClock: true });
  await makeHiddenGesture(page);
  await expectNoA11yViolations(page);
  await typePin(page, TECHNICIAN_PIN);
  await expect(page.getByTestId('technician-mode')).toBeVisible();
}

async function leaveTechnicianMode(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Salir del modo técnico' }).click();
  await expect(page.getByTestId('screen-home')).toBeVisible();
}

/** A settings file as the page would upload it. */
const settingsFile = (document: unknown) => ({
  name: 'otro-totem.json',
  mimeType: 'application/json',
  buffer: Buffer.from(JSON.stringify(document)),
});

test('every technician channel is refused from the citizen screen, before its payload is read', async ({
  page,
}) => {
  await openCitizenHome(page, rig.kiosk);
  const technicianChannels = (Object.keys(requestChannels) as RequestChannel[]).filter(
    (channel) => accessOf(channel) === 'technician',
  );
  expect(technicianChannels.length).toBeGreaterThan(5);
  for (const channel of technicianChannels) {
    // A payload no schema accepts: the refusal comes before any parsing.
    expect(await invokeFromPage(page, channel, { anything: 'at all' }), channel).toEqual({
      ok: false,
      error: { code: 'technician-session-required' },
    });
  }
  // The session-opening channels stay callable from the citizen screen.
  expect(await invokeFromPage(page, 'tech:session-get', {})).toMatchObject({
    ok: true,
    value: { phase: 'closed', pinSet: true },
  });
  expect(rig.kiosk.log()).toMatch(/refused tech:settings-get: technician channel outside/);
});

test('gesture → PIN → a settings change shows on the citizen screen at once and in the audit log', async ({
  page,
}) => {
  await enterTechnicianMode(page);
  // The mode opens on its diagnostics; the settings are the next section.
  await page.getByRole('button', { name: 'Ajustes', exact: true }).click();
  const settings = page.getByTestId('technician-panel-settings');
  const offered = settings.getByRole('group', { name: 'Idiomas que se ofrecen' });
  await expect(offered).toBeVisible();
  await expectNoA11yViolations(page);

  await offered.getByLabel('Français').uncheck();
  await settings.getByLabel(/Nombre de la oficina en pantalla/).fill('SAC Plaza Mayor');
  await settings.getByRole('button', { name: 'Guardar cambios' }).click();
  await expect(page.getByTestId('settings-outcome')).toHaveText('Se han guardado 2 cambios.');
  await expect(settings.getByTestId('setting-branding-siteName')).toHaveAttribute(
    'data-source',
    'technician',
  );

  await page.getByRole('button', { name: 'Registro de cambios' }).click();
  const audit = page.getByTestId('audit-table');
  const languagesRow = audit.getByRole('row', { name: /citizen\.languages/ });
  await expect(languagesRow).toContainText('["es","en","fr","de"]');
  await expect(languagesRow).toContainText('["es","en","de"]');
  await expect(audit.getByRole('row', { name: /branding\.siteName/ })).toContainText(
    '"SAC Plaza Mayor"',
  );
  await expect(audit.getByRole('row', { name: /Entrada/ })).toContainText('technician');
  await expectNoA11yViolations(page);

  await page.getByRole('button', { name: 'Cambiar el PIN' }).click();
  await expect(page.getByRole('group', { name: 'Teclado del PIN' })).toBeVisible();
  await expectNoA11yViolations(page);

  await leaveTechnicianMode(page);
  // Applied without a restart: the citizen screen shows both changes.
  await expect(page.getByTestId('site-name')).toHaveText('SAC Plaza Mayor');
  const languages = page.getByRole('navigation', { name: 'Idioma' });
  await expect(languages.getByRole('button')).toHaveCount(3);
  await expect(languages.getByRole('button', { name: /Français/ })).toHaveCount(0);
  // Nothing of the technician's screens is left behind.
  await expect(page.getByTestId('technician-mode')).toHaveCount(0);
  await expect(page.getByText('Registro de cambios')).toHaveCount(0);
});

test('a bad settings file is refused naming the field, and changes nothing', async ({ page }) => {
  await enterTechnicianMode(page);
  await page.getByRole('button', { name: 'Importar y exportar' }).click();
  await expect(page.getByRole('heading', { name: 'Exportar los ajustes' })).toBeVisible();
  await expectNoA11yViolations(page);

  // The kiosk's own export, with one field out of range.
  const exported = (await invokeFromPage(page, 'tech:config-export', {})) as {
    value: { content: string };
  };
  expect(exported.value.content).not.toMatch(/kioskId|enrolmentCode|credential/);
  const file = JSON.parse(exported.value.content) as {
    settings: Record<string, Record<string, unknown>>;
  };
  file.settings.checkIn = { ...file.settings.checkIn, minutesBefore: 5000 };
  await page.getByLabel('Archivo de ajustes').setInputFiles(settingsFile(file));
  await expect(page.getByTestId('import-outcome')).toContainText(
    'settings.checkIn.minutesBefore: el valor es demasiado grande (máximo 720).',
  );
  await expect(page.getByRole('button', { name: 'Importar estos cambios' })).toHaveCount(0);
  await expectNoA11yViolations(page);

  // Corrected, it shows its changes (old → new) before anything is applied.
  file.settings.checkIn = { ...file.settings.checkIn, minutesBefore: 45 };
  await page.getByLabel('Archivo de ajustes').setInputFiles(settingsFile(file));
  const row = page
    .getByTestId('changes-table')
    .getByRole('row', { name: /checkIn\.minutesBefore/ });
  await expect(row).toContainText('120');
  await expect(row).toContainText('45');
  await expectNoA11yViolations(page);

  await page.getByRole('button', { name: 'Ajustes', exact: true }).click();
  await expect(page.getByLabel(/Minutos antes de la cita/)).toHaveValue('120');
  await leaveTechnicianMode(page);
});

test('two minutes without a touch go back to the citizen home', async ({ page }) => {
  await enterTechnicianMode(page);
  await page.clock.runFor(119_000);
  await expect(page.getByTestId('technician-mode')).toBeVisible();
  await page.clock.runFor(2_000);
  await expect(page.getByTestId('screen-home')).toBeVisible();
  await expect(page.getByTestId('technician-mode')).toHaveCount(0);
  await expect
    .poll(() => invokeFromPage(page, 'tech:session-get', {}))
    .toMatchObject({ ok: true, value: { phase: 'closed' } });
});
