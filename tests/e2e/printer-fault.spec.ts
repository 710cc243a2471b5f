/**
 * Paper out at the totem, end to end: the ticket is committed and shown with the reason, the
 * one reprint prints it once the paper is back, and the town hall hears of it exactly once.
 * Real web host process, real SQLite, the reference API, a TCP printer emulator that answers
 * DLE EOT status with a scripted state, and the built renderer in Chromium.
 */
import { expect, test, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTurneroServer } from '../../server/server';
import { parseSeed } from '../../server/seed';
import { makeTempDir } from '../support/temp-dir';
import { startTcpPrinterEmulator, type TcpPrinterEmulator } from '../support/tcp-printer-emulator';
import { tapOnScreenKeys } from './support/kiosk-page';

const SITE_NAME = 'Ayuntamiento de Villanueva de la Peña';

let dir: ReturnType<typeof makeTempDir>;
let townhall: Awaited<ReturnType<typeof startTurneroServer>>;
let printer: TcpPrinterEmulator;
let kiosk: ChildProcess;
let kioskUrl: string;

test.beforeAll(async () => {
  dir = makeTempDir('e2e-fault');
  townhall = await startTurneroServer({
    port: 0,
    seed: parseSeed({
      site: { id: 'e2e-sac', name: SITE_NAME, timeZone: 'Europe/Madrid' },
      services: [
        {
          id: 'empadronamiento',
          prefix: 'E',
          names: { es: 'Certificado de empadronamiento' },
          walkInsAllowed: true,
        },
      ],
      appointments: [{ code: 'TRN-7K4P9Q', serviceId: 'empadronamiento', offsetMinutes: 10 }],
    }),
  });
  printer = await startTcpPrinterEmulator({ status: 'paper-out' });
  const configFile = join(dir.path, 'kiosk.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      dataDir: join(dir.path, 'data'),
      siteId: 'e2e-sac',
      api: { baseUrl: townhall.url },
      printer: { transport: printer.uri, statusPollSeconds: 1 },
    }),
  );
  kiosk = spawn(
    process.execPath,
    ['dist/main/web-host.mjs', '--config', configFile, '--headless'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  kioskUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    kiosk.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /^Turnero kiosk: (\S+)$/m.exec(out);
      if (match) resolve(match[1] as string);
    });
    kiosk.once('exit', (code) => reject(new Error(`web host exited with ${code}`)));
  });
});

test.afterAll(async () => {
  if (kiosk && kiosk.exitCode === null) {
    const exited = new Promise((resolve) => kiosk.once('exit', resolve));
    kiosk.kill('SIGTERM');
    await exited;
  }
  await printer?.close();
  await townhall?.close();
  dir?.remove();
});

async function typeBookingCode(page: Page, code: string): Promise<void> {
  await page.getByRole('button', { name: 'Tengo cita' }).click();
  await tapOnScreenKeys(page, code);
  await page.getByRole('button', { name: 'Aceptar' }).click();
}

test('paper out: the number is shown with the reason, and the one reprint prints it once the paper is back', async ({
  page,
}) => {
  await page.goto(kioskUrl);
  await expect(page.getByTestId('site-name')).toHaveText(SITE_NAME);

  await typeBookingCode(page, 'TRN7K4P9Q');
  await expect(page.getByTestId('turn-number')).toHaveText('E-001');
  await expect(page.getByTestId('print-status')).toHaveText(
    'Se ha agotado el papel: anote su número E-001.',
  );
  expect(printer.tickets).toHaveLength(0);
  // The ticket is committed and reported although it did not print.
  await expect.poll(() => townhall.admin.checkIns().map((c) => c.ticketNumber)).toEqual(['E-001']);

  printer.script.status = 'ok';
  await page.getByRole('button', { name: 'Volver a imprimir' }).click();
  const ticket = await printer.waitForTicket(15_000);
  expect(ticket.text).toContain('E-001');
  expect(ticket.text).toContain('Certificado de empadronamiento');
  await expect(page.getByTestId('print-status')).toHaveText('Recoja su tique impreso.');
  await expect(page.getByRole('button', { name: 'Volver a imprimir' })).toHaveCount(0);
  expect(printer.tickets).toHaveLength(1);
  expect(townhall.admin.checkIns()).toHaveLength(1);
});
