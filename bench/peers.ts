/**
 * Turnero against the way peer kiosks do it, in the same run and on the same machine
 * (`runPeersBench(report)`, called from bench/run.ts; alone: `npx tsx bench/peers.ts`):
 *
 * - driver printing (./peers-driver.ts): the ticket as a rasterised page against our ESC/POS;
 * - online-first (./peers-online-first.ts): waiting for the server before printing against
 *   committing locally and pushing later.
 *
 * Printed, never asserted. Both sides print the same ticket, rendered by the same template with
 * an NV logo and a native QR, as bench/printer.ts measures it.
 */
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { NV_LOGO_KEY } from '../src-main/printer/logo/logo-commands';
import { prepareLogo } from '../src-main/printer/logo/logo-store';
import type { TicketTemplateOptions } from '../src-main/printer/ticket-template';
import { sampleLogoPng } from '../tests/support/logo-fixture';
import { sampleTicket } from '../tests/support/ticket-fixtures';
import { runDriverPrintingBench } from './peers-driver';
import { runOnlineFirstBench } from './peers-online-first';
import type { Report } from './results';

export async function runPeersBench(report: Report): Promise<void> {
  const logoPng = sampleLogoPng();
  const raster = prepareLogo(logoPng, { paperWidth: 80, profile: 'epson', dataDir: null });
  const template: TicketTemplateOptions = {
    paperWidth: 80,
    codePage: 'PC858',
    profile: 'epson',
    logo: { ...raster, nv: { method: 'gs-l', key: NV_LOGO_KEY } },
  };
  const ticket = sampleTicket({
    qrUrl: 'https://sede.villanueva.example.es/turno?n=C-014&t=3f1c9a52',
    estimatedWaitMinutes: 15,
  });
  await runDriverPrintingBench(report, ticket, template, logoPng);
  await runOnlineFirstBench(report, template);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await runPeersBench((what, figure) => console.log(`${what.padEnd(62)} ${figure}`));
}
