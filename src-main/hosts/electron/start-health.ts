/**
 * The app's half of the update rollback (docs/deployment.md): the service manager counts every
 * start of the kiosk in `<appliance dir>/start-count` (resources/appliance/turnero-update,
 * `record-start`), and the app removes that file once it has served its page for HEALTHY_AFTER_MS
 * without the renderer dying. A new version whose starts keep failing leaves the count climbing,
 * and the root helper reinstalls the previous package.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { errorText } from '../../logging/error-text';

export const HEALTHY_AFTER_MS = 60_000;
export const START_COUNT_FILE = 'start-count';

/** The part of Electron's WebContents this uses. */
export interface ServedContents {
  on(event: 'did-finish-load' | 'render-process-gone', listener: () => void): unknown;
}

export interface StartHealthOptions {
  contents: ServedContents;
  /** TURNERO_APPLIANCE_DIR: shared with the root helper. */
  applianceDir: string;
  log: (line: string) => void;
  healthyAfterMs?: number;
}

export function clearStartCountWhenServing(options: StartHealthOptions): void {
  const { contents, applianceDir, log } = options;
  const healthyAfterMs = options.healthyAfterMs ?? HEALTHY_AFTER_MS;
  let timer: NodeJS.Timeout | null = null;
  let done = false;

  contents.on('did-finish-load', () => {
    if (done || timer) return;
    timer = setTimeout(() => {
      timer = null;
      done = true;
      try {
        rmSync(join(applianceDir, START_COUNT_FILE), { force: true });
        log(`served the page for ${healthyAfterMs / 1000} s: this start counts as good`);
      } catch (error) {
        log(`cannot clear the start counter in ${applianceDir}: ${errorText(error)}`);
      }
    }, healthyAfterMs);
    timer.unref();
  });
  contents.on('render-process-gone', () => {
    if (timer) clearTimeout(timer);
    timer = null;
  });
}
