/**
 * Electron main entry (bundled to dist/main/electron-main.cjs). The renderer is served from
 * dist/renderer through app://turnero/; the preload sits next to this bundle.
 */
import path from 'node:path';
import { startKiosk } from '../../app/start-kiosk';
import { startSetup } from '../../app/start-setup';
import { planLaunch } from '../../setup/launch-plan';
import { startElectronHost } from './electron-host';
import { safeStorageSecretStore } from './safe-storage-secret-store';

// Everything the kiosk writes (database, logs, tickets, credential) is for its own user only.
process.umask(0o077);

startElectronHost({
  argv: process.argv,
  env: process.env,
  mainDir: __dirname,
  rendererDir: path.join(__dirname, '..', 'renderer'),
  loadConfig: planLaunch,
  startKiosk,
  startSetup,
  secretStore: safeStorageSecretStore({ log: (line) => console.log(`[turnero] ${line}`) }),
});
