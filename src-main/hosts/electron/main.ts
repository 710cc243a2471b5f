/**
 * Electron main entry (bundled to dist/main/electron-main.cjs). The renderer is served from
 * dist/renderer through app://turnero/; the preload sits next to this bundle.
 */
import path from 'node:path';
import { startKiosk } from '../../app/start-kiosk';
import { loadKioskConfig } from '../../config/load-config';
import { startElectronHost } from './electron-host';

startElectronHost({
  argv: process.argv,
  env: process.env,
  mainDir: __dirname,
  rendererDir: path.join(__dirname, '..', 'renderer'),
  loadConfig: loadKioskConfig,
  startKiosk,
});
