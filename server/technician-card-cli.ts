/**
 * Issues a technician card from the town hall's back office: `npm run technician-card --
 * --signing-key FILE --site SITE --card ID [--days 30] [--svg FILE]`. The key file is the running
 * server's (`npm run server -- --signing-key FILE`), so kiosks that trust its booking keys accept
 * the card. Prints the QR code's text; with `--svg`, also writes the QR code to print.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import QRCode from 'qrcode';
import { loadOrCreateSigningKeys } from './booking-tokens';
import { issueTechnicianCard } from './technician-cards';

const USAGE =
  'usage: npm run technician-card -- --signing-key FILE --site SITE --card ID [--days 30] [--svg FILE]';

export interface TechnicianCardCliIo {
  out(line: string): void;
  err(line: string): void;
}

export async function runTechnicianCardCli(
  argv: readonly string[],
  io: TechnicianCardCliIo = { out: console.log, err: console.error },
  now = new Date(),
): Promise<number> {
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        'signing-key': { type: 'string' },
        site: { type: 'string' },
        card: { type: 'string' },
        days: { type: 'string', default: '30' },
        svg: { type: 'string' },
      },
      strict: true,
    });
    const keyFile = values['signing-key'];
    if (!keyFile || !values.site || !values.card) {
      io.err(USAGE);
      return 2;
    }
    // Never a fresh key: a card signed with a key no kiosk knows would open nothing.
    if (!existsSync(keyFile)) throw new Error(`no signing key file at ${keyFile}`);
    const [key] = loadOrCreateSigningKeys(keyFile);
    if (!key) throw new Error(`no key in ${keyFile}`);
    const issued = issueTechnicianCard(
      key,
      { siteId: values.site, cardId: values.card, validDays: Number(values.days) },
      now,
    );
    if (values.svg) {
      writeFileSync(values.svg, await QRCode.toString(issued.card, { type: 'svg', margin: 4 }));
    }
    io.out(issued.card);
    io.err(
      `technician card ${issued.cardId} for site ${issued.siteId}, valid until ${issued.expiresAt}` +
        `${values.svg ? `; QR code in ${values.svg}` : ''}`,
    );
    return 0;
  } catch (error) {
    io.err(`technician-card: ${error instanceof Error ? error.message : String(error)}`);
    io.err(USAGE);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  void runTechnicianCardCli(process.argv.slice(2)).then((exitCode) => {
    process.exitCode = exitCode;
  });
}
