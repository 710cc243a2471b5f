/**
 * What a host starts, decided from its command line: the kiosk on its configuration, or the
 * first-run wizard (setup mode) that writes one. Setup mode is:
 *
 * - `--config FILE` (or TURNERO_CONFIG) naming a file that does not exist yet: a totem installed
 *   with its service already pointing at its future configuration;
 * - `--setup`: the wizard even when FILE exists (it is replaced at the end, the old one kept as
 *   FILE.previous); without `--config`, FILE is `~/.config/turnero/kiosk.json`.
 *
 * Anything else is as before: no configuration at all stops the host (exit 2) with a line that
 * points to the demo and to `--setup`; a file that exists is read and validated, and a bad one
 * stops it naming the field. `npm start` without a configuration still runs the demo
 * (demo/launch.ts), which adds `--offer-demo` when it starts a kiosk in setup mode.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  ConfigError,
  configPathFrom,
  loadKioskConfig,
  NO_CONFIGURATION_MESSAGE,
} from '../config/load-config';
import type { Config } from '../config/schema';

export const SETUP_FLAG = '--setup';
/** Set by demo/launch.ts: the wizard may offer "Try the demo" (see DEMO_REQUESTED_EXIT_CODE). */
export const OFFER_DEMO_FLAG = '--offer-demo';
/**
 * The kiosk exits with this code when the technician taps "Try the demo"; the launcher that
 * offered it starts the demo town hall and the kiosk again on it.
 */
export const DEMO_REQUESTED_EXIT_CODE = 10;

export type LaunchPlan =
  | { mode: 'kiosk'; config: Config; source: string | null }
  | { mode: 'setup'; configPath: string; offerDemo: boolean };

/** Where `--setup` writes the configuration when no `--config` names a file. */
export function defaultConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(base, 'turnero', 'kiosk.json');
}

/** Throws ConfigError (exit code 2) for a configuration that exists and is not valid. */
export function planLaunch(argv: readonly string[], env: NodeJS.ProcessEnv): LaunchPlan {
  const path = configPathFrom(argv, env);
  const setup = argv.includes(SETUP_FLAG);
  const offerDemo = argv.includes(OFFER_DEMO_FLAG);
  if (setup)
    return { mode: 'setup', configPath: resolve(path ?? defaultConfigPath(env)), offerDemo };
  if (path === null) throw new ConfigError(NO_CONFIGURATION_MESSAGE);
  if (!existsSync(resolve(path))) return { mode: 'setup', configPath: resolve(path), offerDemo };
  return { mode: 'kiosk', ...loadKioskConfig(argv, env) };
}
