import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where a kiosk run outside Electron keeps its data when the config names no dataDir. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(base, 'turnero');
}
