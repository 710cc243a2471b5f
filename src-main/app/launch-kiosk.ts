/**
 * What both hosts start from their launch plan (src-main/setup/launch-plan.ts): the kiosk on its
 * configuration, or setup mode, whose wizard ends with that kiosk started in its place.
 */
import type { SecretStoreFactory } from '../secrets/secret-store';
import type { LaunchPlan } from '../setup/launch-plan';
import type { HostCapabilities, Kiosk } from './kiosk';
import { startKiosk } from './start-kiosk';
import { startSetup } from './start-setup';

export interface LaunchOptions {
  /** The data folder when the configuration names none (and always in setup mode). */
  defaultDataDir: string;
  log?: (line: string) => void;
  secretStore?: SecretStoreFactory;
  /** What the host offers (restart, downloads); the kiosk started after the wizard gets it too. */
  host?: HostCapabilities;
  /** Setup mode: the technician asked for the demo. */
  requestDemo: () => void;
}

export function launchKiosk(plan: LaunchPlan, options: LaunchOptions): Promise<Kiosk> {
  const { defaultDataDir, log, secretStore, host } = options;
  const common = {
    ...(log ? { log } : {}),
    ...(secretStore ? { secretStore } : {}),
    ...(host ? { host } : {}),
  };
  if (plan.mode === 'kiosk') return startKiosk({ config: plan.config, defaultDataDir, ...common });
  return startSetup({
    configPath: plan.configPath,
    dataDir: defaultDataDir,
    offerDemo: plan.offerDemo,
    requestDemo: options.requestDemo,
    ...common,
  });
}
