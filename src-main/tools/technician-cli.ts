/**
 * Sets the technician PIN of a kiosk from its own machine: `npm run technician -- set-pin
 * --config FILE`, the PIN read from standard input (one line), so it never shows in the shell's
 * history or the process list: `printf '%s\n' 246810 | npm run technician -- set-pin …`. The
 * PIN is stored as its scrypt hash (docs/technician.md) and the change is audited.
 */
import { resolve, join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { NewPinSchema } from '../../src-shared/contract/technician';
import { defaultDataDir } from '../app/data-dir';
import { loadKioskConfig } from '../config/load-config';
import { errorText } from '../logging/error-text';
import { openStore } from '../store/store';
import { AuditLog } from '../technician/audit-log';
import { PinFile } from '../technician/pin-file';
import { isWeakPin } from '../technician/pin-rules';
import type { CliIo } from './cli-io';

const USAGE = 'usage: npm run technician -- set-pin --config FILE   (the PIN on standard input)';

/** The first line of `input`, without its line ending. */
export async function firstLine(input: NodeJS.ReadableStream): Promise<string> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return '';
}

export async function runTechnicianCli(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  input: NodeJS.ReadableStream,
  io: CliIo = { out: console.log, err: console.error },
): Promise<number> {
  if (argv[0] !== 'set-pin') {
    io.err(USAGE);
    return 2;
  }
  try {
    const { config } = loadKioskConfig(argv.slice(1), env);
    const pin = (await firstLine(input)).trim();
    if (!NewPinSchema.safeParse(pin).success || isWeakPin(pin)) {
      io.err('set-pin: the PIN must have 6 to 12 digits and not be an easy series (123456…)');
      return 1;
    }
    const dataDir = config.dataDir ?? defaultDataDir(env);
    const pins = new PinFile(dataDir);
    await pins.set(pin);
    const store = openStore(join(dataDir, 'turnero.sqlite'));
    try {
      new AuditLog(store.technicianAudit).write({ actor: 'command-line', action: 'pin-changed' });
    } finally {
      store.close();
    }
    io.out(`technician PIN set (${pins.file})`);
    return 0;
  } catch (error) {
    io.err(`set-pin: ${errorText(error)}`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  void runTechnicianCli(process.argv.slice(2), process.env, process.stdin).then((exitCode) => {
    process.exitCode = exitCode;
  });
}
