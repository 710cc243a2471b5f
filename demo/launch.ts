/**
 * `npm start` and `npm run start:web` (bundled to dist/demo/launch.mjs): with a configuration
 * (`--config FILE` or TURNERO_CONFIG) they run that kiosk and nothing else; without one they
 * start the demo town hall first, write a kiosk configuration pointing at it, and run the kiosk
 * on that. The kiosk never contains the demo: it only gets a URL.
 *
 *   node dist/demo/launch.mjs web|electron [kiosk arguments…]
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultDataDir } from '../src-main/app/data-dir';
import { configPathFrom } from '../src-main/config/load-config';
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
function writeDemoConfig(dataDir: string, demo: DemoServer): string {
  const file = join(dataDir, 'demo', 'kiosk.json');
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const config = {
    dataDir,
    kioskId: DEMO_KIOSK_ID,
    api: {
      baseUrl: demo.url,
      credentialFile: join('demo-townhall', `${demo.day}.credential`),
      enrolmentCode: demo.enrolmentCode(DEMO_KIOSK_ID),
    },
  };
  writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  return file;
}

async function main(argv: readonly string[]): Promise<number> {
  const [host = '', ...args] = argv;
  let demo: DemoServer | null = null;
  let kioskArgs = args;
  if (!configPathFrom(args, process.env)) {
    const dataDir = defaultDataDir();
    demo = await startDemoServer({ dir: join(dataDir, 'demo-townhall'), timeZone: DEMO_TIME_ZONE });
    console.error(`[turnero] demo town hall at ${demo.url} (no configuration given)`);
    kioskArgs = ['--config', writeDemoConfig(dataDir, demo), ...args];
  }
  const [command, commandArgs] = kioskCommand(host, kioskArgs);
  const kiosk = spawn(command, commandArgs, { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (kiosk.exitCode === null) kiosk.kill(signal);
    });
  }
  const code = await new Promise<number>((done) => {
    kiosk.on('error', (error) => {
      console.error(`Turnero: cannot start the kiosk: ${error.message}`);
      done(1);
    });
    kiosk.on('close', (exitCode) => done(exitCode ?? 1));
  });
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
