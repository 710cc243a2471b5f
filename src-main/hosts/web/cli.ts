/**
 * `npm run start:web [-- --config FILE] [--setup] [--headless] [--port N]`: the kiosk's services
 * with the renderer served on 127.0.0.1. Prints its URL on one line so it can run as a service;
 * that URL holds the installation's secret, so the line is for the readers of the service's
 * journal. A FILE that does not exist yet (or `--setup`) serves the first-run wizard instead
 * (src-main/setup/launch-plan.ts).
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultDataDir } from '../../app/data-dir';
import { launchKiosk } from '../../app/launch-kiosk';
import { ConfigError } from '../../config/load-config';
import { LogsSchema } from '../../config/schema';
import { DEMO_REQUESTED_EXIT_CODE, planLaunch } from '../../setup/launch-plan';
import { StartupError } from '../../store/startup-errors';
import { capLogFile } from '../../logging/capped-log-file';
import { findChromium } from './browser';
import { openKioskBrowser } from './kiosk-browser';
import { startRestartableKiosk } from './restartable-kiosk';
import { startStableWebHost } from './stable-web-host';

function rendererDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  // Built: dist/main/web-host.mjs beside dist/renderer; from source: <root>/src-main/hosts/web.
  const candidates = [resolve(here, '../renderer'), resolve(here, '../../../dist/renderer')];
  const found = candidates.find((dir) => existsSync(join(dir, 'index.html')));
  if (!found) throw new Error('The renderer is not built: run "npm run build" first.');
  return found;
}

/** `--port N`, or undefined to reuse the port of the last launch. */
function portFrom(argv: readonly string[]): number | undefined {
  const index = argv.indexOf('--port');
  if (index === -1) return undefined;
  const port = Number(argv[index + 1]);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError('--port needs a number from 0 to 65535');
  }
  return port;
}

async function main(argv: readonly string[]): Promise<void> {
  // Everything the kiosk writes (database, logs, tickets, credential) is for its own user only.
  process.umask(0o077);
  const plan = planLaunch(argv, process.env);
  const log = (line: string) => console.error(`[turnero] ${line}`);
  if (plan.mode === 'kiosk') log(`configuration from ${plan.source}`);
  const dataDir = (plan.mode === 'kiosk' ? plan.config.dataDir : undefined) ?? defaultDataDir();
  let stop: (exitCode: number) => void = (exitCode) => process.exit(exitCode);
  const app = await startRestartableKiosk({
    start: (host) =>
      launchKiosk(plan, {
        defaultDataDir: dataDir,
        log,
        host,
        requestDemo: () => stop(DEMO_REQUESTED_EXIT_CODE),
      }),
    log,
    // The kiosk did not come back after a restart: exit, so a service manager can start it.
    onFatal: () => process.exit(1),
  });
  const port = portFrom(argv);
  const host = await startStableWebHost({
    app,
    rendererDir: rendererDir(),
    dataDir,
    ...(port === undefined ? {} : { port }),
    log,
  });
  console.log(`Turnero kiosk: ${host.url}`);
  // Open pages reconnect to the restarted kiosk and read its state afresh.
  app.onRestarted(() => host.dropConnections());
  // Setup mode has no configuration yet: the schema's defaults.
  const logs = plan.mode === 'kiosk' ? plan.config.logs : LogsSchema.parse({});
  const logLimits = { maxBytes: logs.maxFileBytes, files: logs.files };

  if (!argv.includes('--headless')) {
    const executable = findChromium();
    if (executable) {
      openKioskBrowser({
        executable,
        files: host.files,
        launchUrl: host.launchUrl,
        movedFrom: host.movedFrom,
        logLimits,
        log,
      });
      // Also when a Chromium of an earlier launch is still writing it.
      capLogFile(host.files.browserLog, logLimits, log);
    } else log('no Chromium found: open the URL above in a browser');
  }

  let stopping = false;
  stop = (exitCode) => {
    if (stopping) return;
    stopping = true;
    void host
      .close()
      .then(() => app.stop())
      .finally(() => process.exit(exitCode));
  };
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`Turnero: ${error.message}`);
    process.exit(2);
  }
  if (error instanceof StartupError) {
    // A damaged database or an unusable data folder: one line a technician can act on.
    console.error(`Turnero: ${error.message}`);
    process.exit(3);
  }
  console.error(`Turnero failed to start: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
