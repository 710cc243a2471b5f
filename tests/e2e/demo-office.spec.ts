/**
 * The whole office on the demo, as the README tells a new user to try it: `dist/demo/launch.mjs
 * web` with no configuration (the demo town hall beside a kiosk), a walk-in ticket at the kiosk,
 * its printed QR (read back from the virtual printer's bytes) opened on a phone, the lobby page on
 * a TV, the desk app calling the ticket with the demo's desk account, the chime and the call on
 * the lobby (speech and Web Audio mocked at the browser API: lobby-sound-mock.ts), "your turn"
 * on the phone, and the day's statistics for the demo's supervisor.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { devices, expect, test } from '@playwright/test';
import { decodeEscPos } from '../../src-main/printer/preview/escpos-decoder';
import { makeTempDir } from '../support/temp-dir';
import { LANDSCAPE } from './support/browser';
import { recordSoundReports, spoken } from './support/lobby-sound-mock';
import { OFFICE_VIEWPORT, signInOnPage } from './support/office-server';
import { startWebHostProcess, type WebHostProcess } from './support/web-host-process';

const DEMO_PASSWORD = 'turnero-demo';

let dir: ReturnType<typeof makeTempDir>;
let demo: WebHostProcess | undefined;

test.describe.configure({ timeout: 180_000 });

test.beforeEach(() => {
  dir = makeTempDir('demo-office');
});

// eslint-disable-next-line no-empty-pattern
test.afterEach(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) console.log(demo?.log());
  await demo?.stop();
  dir.remove();
});

/** The QR codes of the tickets the demo's virtual printer printed, oldest first. */
function printedQrCodes(dataDir: string): string[] {
  const tickets = join(dataDir, 'tickets');
  return readdirSync(tickets)
    .filter((file) => file.endsWith('.bin'))
    .sort()
    .flatMap((file) => decodeEscPos(readFileSync(join(tickets, file))).qrCodes);
}

test('kiosk → desk → lobby → follow page → statistics, on the demo', async ({ browser }) => {
  const xdg = join(dir.path, 'xdg-data');
  mkdirSync(xdg);
  demo = await startWebHostProcess({
    entry: ['dist/demo/launch.mjs', 'web'],
    configFile: null,
    env: { XDG_DATA_HOME: xdg, TURNERO_DEVICE_ROOT: join(dir.path, 'dev') },
  });
  await demo.waitForLog(/demo town hall at http:\/\/127\.0\.0\.1:\d+/);
  const server = /demo town hall at (http:\/\/127\.0\.0\.1:\d+)/.exec(demo.log())?.[1] ?? '';

  // The lobby screen on a TV, before anything is called.
  const tv = await browser.newContext({ viewport: LANDSCAPE });
  const lobby = await tv.newPage();
  const sounds = await recordSoundReports(lobby);
  await lobby.goto(`${server}/lobby`);

  // A walk-in at the kiosk.
  const kioskContext = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
  const kiosk = await kioskContext.newPage();
  await kiosk.goto(demo.url);
  await kiosk.getByTestId('start-walk-in').click({ timeout: 30_000 });
  await kiosk.getByTestId('walk-in-empadronamiento').click();
  const number = (await kiosk.getByTestId('turn-number').textContent())?.trim() ?? '';
  expect(number).toMatch(/^E-\d{3}$/);
  await expect(kiosk.getByTestId('print-status')).toBeVisible();

  // Its printed QR opens the follow page on a phone: never the number in the address.
  await expect.poll(() => printedQrCodes(join(xdg, 'turnero')).length).toBe(1);
  const [followUrl] = printedQrCodes(join(xdg, 'turnero'));
  expect(followUrl).toMatch(new RegExp(`^${server}/t/[A-Za-z0-9_-]{22,}$`));
  expect(followUrl).not.toContain(number);
  const phoneContext = await browser.newContext({ ...devices['Pixel 5'] });
  const phone = await phoneContext.newPage();
  // The kiosk reports the ticket on its next push; the page says so until then.
  await expect(async () => {
    await phone.goto(followUrl ?? '');
    await expect(phone.getByTestId('follow-number')).toHaveText(number, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });

  // The desk calls it with the demo's desk account.
  const office = await browser.newContext({ viewport: OFFICE_VIEWPORT });
  const desk = await office.newPage();
  await desk.goto(`${server}/staff`);
  await signInOnPage(desk, 'mesa', DEMO_PASSWORD);
  await desk.getByLabel('Mesa', { exact: true }).selectOption('Mesa 2');
  await desk.getByRole('button', { name: 'Empezar a atender' }).click();
  await expect(desk.getByTestId('waiting')).toContainText(number);
  await desk.getByRole('button', { name: 'Llamar siguiente' }).click();
  await expect(desk.getByTestId('current-number')).toHaveText(number);

  // The lobby chimes, then says the call, with no user gesture on the TV.
  await expect(lobby.locator('.lobby-current-number')).toHaveText(number);
  const spokenNumber = `Turno ${number.replace('-', ' ').replace(/ 0+/, ' ')}, Mesa 2.`;
  await expect.poll(() => spoken(sounds)).toEqual([spokenNumber]);
  expect(sounds.some((report) => report.kind === 'tone')).toBe(true);
  expect(sounds.filter((report) => report.userActivated)).toEqual([]);

  // The phone says it is their turn.
  await expect(phone.getByTestId('follow-called')).toContainText('Es su turno: Mesa 2');

  await desk.getByRole('button', { name: 'Terminar' }).click();
  await expect(desk.getByTestId('current-number')).toHaveCount(0);

  // The day's statistics count it, for the demo's supervisor.
  const supervisor = await (await browser.newContext({ viewport: OFFICE_VIEWPORT })).newPage();
  await supervisor.goto(`${server}/staff`);
  await signInOnPage(supervisor, 'supervisora', DEMO_PASSWORD);
  await supervisor.goto(`${server}/office/statistics`);
  await expect(supervisor.getByTestId('table-by-desk')).toContainText('Mesa 2');
  await expect(supervisor.getByTestId('summary')).toBeVisible();
});
