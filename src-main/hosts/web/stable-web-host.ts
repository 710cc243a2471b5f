/**
 * The web host as an installation runs it: the same secret and, when it is free, the same port
 * at every launch, both kept in the data folder. A kiosk page left open while the host restarts
 * (a crash, an update, a SIGKILL) therefore reconnects by itself: its address, its origin and its
 * proof are all still valid.
 */
import { errorText } from '../../logging/error-text';
import {
  loadHostSecret,
  readRememberedPort,
  rememberPort,
  webHostFiles,
  type WebHostFiles,
} from './host-files';
import { startWebHost, type WebHost, type WebHostOptions } from './web-host';

export interface StableWebHostOptions extends Omit<WebHostOptions, 'secret' | 'preferredPort'> {
  dataDir: string;
}

export interface StableWebHost extends WebHost {
  /** Where this installation's web host and its browser keep their files. */
  readonly files: WebHostFiles;
  /** The port served last time when this launch could not have it again, else null. */
  readonly movedFrom: number | null;
}

/** `port` (the CLI's `--port`) wins; without it the remembered port is tried first. */
export async function startStableWebHost(options: StableWebHostOptions): Promise<StableWebHost> {
  const { dataDir, ...hostOptions } = options;
  const log = options.log ?? (() => undefined);
  const files = webHostFiles(dataDir);
  const remembered = readRememberedPort(files);
  const host = await startWebHost({
    ...hostOptions,
    secret: loadHostSecret(files, log),
    ...(remembered ? { preferredPort: remembered } : {}),
  });
  try {
    rememberPort(files, host.port);
  } catch (error) {
    log(`web host: cannot remember port ${host.port}: ${errorText(error)}`);
  }
  return {
    ...host,
    files,
    movedFrom: remembered !== null && remembered !== host.port ? remembered : null,
  };
}
