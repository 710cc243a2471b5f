/**
 * The composition root of setup mode (a totem without a configuration): the wizard, the kiosk the
 * screen sees while it runs, and the switch to the real kiosk once the wizard has written the
 * configuration — started here with `startKiosk`, in this process: no restart.
 */
import { dirname } from 'node:path';
import { createFileLog, teeLog } from '../logging/file-log';
import { fileSecretStore } from '../secrets/file-secret-store';
import type { SecretStoreFactory } from '../secrets/secret-store';
import { deviceRoot } from '../setup/device-detection';
import { SetupWizard } from '../setup/setup-wizard';
import { SwitchableKiosk } from '../setup/switchable-kiosk';
import { createWizardKiosk } from '../setup/wizard-kiosk';
import { prepareDataFolder } from '../store/data-folder';
import type { HostCapabilities, Kiosk } from './kiosk';
import { startKiosk } from './start-kiosk';

export interface StartSetupOptions {
  /** Where the wizard writes the configuration. */
  configPath: string;
  /** The data folder the configuration will name (database, credential, logo). */
  dataDir: string;
  offerDemo: boolean;
  /** Called when the technician asks for the demo: the host exits for its launcher. */
  requestDemo: () => void;
  log?: (line: string) => void;
  secretStore?: SecretStoreFactory;
  /** What the host offers the kiosk the wizard starts (restart, downloads). */
  host?: HostCapabilities;
  env?: NodeJS.ProcessEnv;
}

export async function startSetup(options: StartSetupOptions): Promise<Kiosk> {
  const { dataDir, configPath } = options;
  prepareDataFolder(dataDir);
  const consoleLog = options.log ?? ((line: string) => console.log(`[turnero] ${line}`));
  const log = teeLog(consoleLog, createFileLog(dataDir));
  const secretStore = options.secretStore ?? fileSecretStore;
  let host: SwitchableKiosk | null = null;
  const wizard = new SetupWizard({
    configPath,
    dataDir,
    offerDemo: options.offerDemo,
    secretStore,
    logoFolders: [dirname(configPath), dataDir],
    detection: { devRoot: deviceRoot(options.env) },
    startKiosk: (config) =>
      startKiosk({
        config,
        defaultDataDir: dataDir,
        log: consoleLog,
        secretStore,
        ...(options.host ? { host: options.host } : {}),
      }),
    switchTo: (kiosk) => host?.switchTo(kiosk),
    requestDemo: options.requestDemo,
    log,
  });
  host = new SwitchableKiosk(createWizardKiosk(wizard, log), log);
  log(`setup: no configuration yet; the first-run wizard will write ${configPath}`);
  return host;
}
