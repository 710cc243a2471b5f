/**
 * `npm start` and `npm run start:web` (bundled to dist/demo/launch.mjs): with a configuration
 * (`--config FILE` or TURNERO_CONFIG) or `--setup` they run that kiosk and nothing else; without
 * one they start the demo town hall first, write a kiosk configuration pointing at it, and run the
 * kiosk on that. The kiosk never contains the demo: it only gets a URL.
 *
 * A kiosk run here in setup mode (a FILE that does not exist yet, or `--setup`) is told it may
 * offer the demo (`--offer-demo`); when the technician taps "Try the demo" it exits with
 * DEMO_REQUESTED_EXIT_CODE, and this launcher starts the demo town hall and the kiosk on it.
 *
 *   node dist/demo/launch.mjs web|electron [kiosk arguments…]
 */
import { DEMO_STAFF, DEMO_STAFF_PASSWORD } from '../server/staff/staff-admin';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultDataDir } from '../src-main/app/data-dir';
import { configPathFrom } from '../src-main/config/load-config';
import {
  DEMO_REQUESTED_EXIT_CODE,
  OFFER_DEMO_FLAG,
  SETUP_FLAG,
} from '../src-main/setup/launch-plan';
import { startDemoServer, type DemoServer } from './demo-server';

const DEMO_TIME_ZONE = 'Europe/Madrid';
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function kioskCommand(host: string, args: readonly string[]): [string, string[]] {
  if (host === 'web') return [process.execPath, [join(root, 'dist/main/web-host.mjs'), ...args]];
  if (host === 'electron') {
    return [process.execPath, [join(root, 'scripts/start-electron.mjs'), ...args]];
  }
  throw new Error(`usage: launch.mjs web|electron [arguments…] (not "${host}")`);
}

const DEMO_KIOSK_ID = 'kiosk-1';

/**
 * The demo kiosk's configuration: everything on its defaults but the town hall's address and an
 * enrolment, as a real kiosk has (the town hall gives its ID-hash salt to enrolled kiosks only).
 * The demo town hall is new each day, so is the kiosk's credential.
 */
async function writeDemoConfig(dataDir: string, demo: DemoServer): Promise<string> {
  const file = join(dataDir, 'demo', 'kiosk.json');
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const config = {
    dataDir,
    kioskId: DEMO_KIOSK_ID,
    api: {
      baseUrl: demo.url,
      credentialFile: join('demo-townhall', `${demo.day}.credential`),
      enrolmentCode: await demo.enrolmentCode(DEMO_KIOSK_ID),
    },
    // The ticket's QR opens its follow page on the demo town hall (docs/follow.md).
    printer: { qrUrl: `${demo.url}/t/{token}` },
  };
  writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  return file;
}

/** Runs the kiosk until it exits; its exit code. Signals to this launcher go to the kiosk. */
async function runKiosk(host: string, args: readonly string[]): Promise<number> {
  const [command, commandArgs] = kioskCommand(host, args);
  const kiosk = spawn(command, commandArgs, { stdio: 'inherit' });
  const forward = (signal: NodeJS.Signals) => () => {
    if (kiosk.exitCode === null) kiosk.kill(signal);
  };
  const handlers = (['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map((signal) => {
    const handler = forward(signal);
    process.on(signal, handler);
    return () => process.off(signal, handler);
  });
  try {
    return await new Promise<number>((done) => {
      kiosk.on('error', (error) => {
        console.error(`Turnero: cannot start the kiosk: ${error.message}`);
        done(1);
      });
      kiosk.on('close', (exitCode) => done(exitCode ?? 1));
    });
  } finally {
    for (const off of handlers) off();
  }
}

/** The demo town hall, and the kiosk's arguments to run on it. */
async function startDemo(args: readonly string[]): Promise<{ demo: DemoServer; args: string[] }> {
  const dataDir = defaultDataDir();
  const demo = await startDemoServer({
    dir: join(dataDir, 'demo-townhall'),
    timeZone: DEMO_TIME_ZONE,
  });
  console.error(`[turnero] demo town hall at ${demo.url}`);
  console.error(
    `[turnero] desk app ${demo.url}/staff — demo staff (password ${DEMO_STAFF_PASSWORD}): ` +
      DEMO_STAFF.map((account) => `${account.username} (${account.role})`).join(', '),
  );
  const rest = args.filter((arg) => arg !== SETUP_FLAG && arg !== OFFER_DEMO_FLAG);
  return { demo, args: ['--config', await writeDemoConfig(dataDir, demo), ...withoutConfig(rest)] };
}

/** `args` without `--config FILE` / `--config=FILE`. */
function withoutConfig(args: readonly string[]): string[] {
  const kept: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] as string;
    if (arg === '--config') index += 1;
    else if (!arg.startsWith('--config=')) kept.push(arg);
  }
  return kept;
}

async function main(argv: readonly string[]): Promise<number> {
  const [host = '', ...args] = argv;
  const configured = configPathFrom(args, process.env) !== null || args.includes(SETUP_FLAG);
  if (!configured) console.error('[turnero] no configuration given: starting the demo');
  let demo: DemoServer | null = null;
  let kioskArgs = configured ? [...args, OFFER_DEMO_FLAG] : [];
  if (!configured) ({ demo, args: kioskArgs } = await startDemo(args));
  let code = await runKiosk(host, kioskArgs);
  if (code === DEMO_REQUESTED_EXIT_CODE && demo === null) {
    // The technician tapped "Try the demo" in the first-run wizard.
    ({ demo, args: kioskArgs } = await startDemo(args));
    code = await runKiosk(host, kioskArgs);
  }
  await demo?.close();
  return code;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`Turnero: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
