/**
 * Getting into the technician mode on real parts (the built web host as its own process, the
 * reference town hall, the built renderer in Chromium): a technician card the town hall issued,
 * read by the serial scanner (a socat pseudo-terminal); and the PIN lockout with its countdown on the page's fake
 * clock. A kiosk of its own: the lockout outlives the spec.
 */
import { expect, test } from '@playwright/test';
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
  rig = await startTechnicianKiosk('e2e-technician-entry');
});

// eslint-disable-next-line no-empty-pattern
test.afterEach(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) console.log(rig?.kiosk.log());
});

test.afterAll(async () => {
  await rig?.close();
});

test('a technician card read by the serial scanner brings up the PIN pad, then the mode', async ({
  page,
}) => {
  await openCitizenHome(page, rig.kiosk);
  const { card } = await rig.townhall.admin.issueTechnicianCard({
    cardId: 'TEC-0042',
    validDays: 7,
  });
  await rig.scan(card);
  await expect(page.getByText('Tarjeta TEC-0042: introduzca el PIN de técnico.')).toBeVisible();
  await typePin(page, TECHNICIAN_PIN);
  await expect(page.getByTestId('technician-mode')).toContainText('Tarjeta de técnico TEC-0042');
  await page.getByRole('button', { name: 'Salir del modo técnico' }).click();
  await expect(page.getByTestId('screen-home')).toBeVisible();
  // Nothing was checked in with it.
  expect(await rig.townhall.admin.checkIns()).toEqual([]);
});

test('five wrong PINs lock the mode for five minutes, with a countdown', async ({ page }) => {
  await openCitizenHome(page, rig.kiosk, { pausedClock: true });
  await makeHiddenGesture(page);
  const message = page.getByTestId('technician-pin-message');
  for (let left = 4; left >= 1; left--) {
    await typePin(page, '111111');
    await expect(message).toHaveText(
      `PIN incorrecto. ${left === 1 ? 'Queda 1 intento' : `Quedan ${left} intentos`} antes del bloqueo.`,
    );
  }
  await typePin(page, '111111');
  await expect(message).toHaveText(
    'Demasiados intentos fallidos. Podrá intentarlo de nuevo dentro de 5:00.',
  );
  await expect(page.getByRole('group', { name: 'Teclado del PIN' })).toHaveCount(0);

  await page.clock.runFor(60_000);
  await expect(message).toHaveText(
    'Demasiados intentos fallidos. Podrá intentarlo de nuevo dentro de 4:00.',
  );
  await page.clock.runFor(49_000);
  await expect(message).toContainText('dentro de 3:11.');

  // Main does not even check a PIN while locked, the right one included.
  expect(await invokeFromPage(page, 'tech:pin-enter', { pin: TECHNICIAN_PIN })).toMatchObject({
    ok: true,
    value: { outcome: 'locked' },
  });
  await rig.kiosk.waitForLog(/technician: locked by technician/);
  await expectNoA11yViolations(page);

  await page.getByRole('button', { name: 'Volver al inicio' }).click();
  await expect(page.getByTestId('screen-home')).toBeVisible();
});
