/**
 * Start-up never waits for the first sync: the built web host, facing a town hall that holds its
 * answer (a gated proxy in front of the reference server), serves the page at once; a brand-new
 * kiosk shows citizens a calm "preparing" note while it has nothing to serve, and its home screen
 * as soon as the town hall answers.
 */
import { expect, test } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTurneroServer } from '../../server/server';
import { startGatedProxy, type GatedProxy } from '../support/gated-proxy';
import { makeTempDir } from '../support/temp-dir';
import { ONE_BOOKING_SEED, SITE_NAME } from './support/one-booking-seed';
import { expectNoA11yViolations } from './support/setup-wizard-page';
import { startWebHostProcess, type WebHostProcess } from './support/web-host-process';

let dir: ReturnType<typeof makeTempDir>;
let townhall: Awaited<ReturnType<typeof startTurneroServer>>;
let gate: GatedProxy;
let kiosk: WebHostProcess;

test.beforeAll(async () => {
  dir = makeTempDir('e2e-startup');
  townhall = await startTurneroServer({ port: 0, seed: ONE_BOOKING_SEED, log: () => undefined });
  gate = await startGatedProxy(townhall.url);
  const configFile = join(dir.path, 'kiosk.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      dataDir: join(dir.path, 'data'),
      siteId: 'e2e-sac',
      kioskId: 'sac-1',
      // The longest request timeout: a start-up waiting for this answer would not serve the page.
      api: { baseUrl: gate.url, timeoutMs: 60_000 },
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
  gate?.open();
  await kiosk?.stop();
  await gate?.close();
  await townhall?.close();
  dir?.remove();
});

test('the page is served and says "preparing" before the first sync has any answer', async ({
  page,
}) => {
  await page.goto(kiosk.url);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Estamos preparando el tótem' }),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Tengo cita' })).toHaveCount(0);
  // Still preparing because the town hall has not answered: its request waits at the gate.
  expect(gate.held()).toBeGreaterThan(0);
  await expectNoA11yViolations(page);

  gate.open();
  await expect(page.getByTestId('site-name')).toHaveText(SITE_NAME);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Escanee el código QR de su cita' }),
  ).toBeVisible();
});
