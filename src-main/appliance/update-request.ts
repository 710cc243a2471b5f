/**
 * The kiosk's half of updates (docs/deployment.md): when the town hall's heartbeat answer names a
 * `desiredVersion` other than this one, the kiosk writes `<appliance dir>/update-request` for the
 * root helper (resources/appliance/turnero-update), which installs the package only inside the
 * window given there. The window is the office's next closed stretch on the site's clock, ended
 * UPDATE_MARGIN_MS before the opening so that a slow install or a rollback is over by then: the
 * schedule and the time zone stay here, and the shell helper compares two integers.
 *
 * The file is small `key=value` lines, rewritten at each heartbeat answer (atomically), and
 * removed when the town hall wants nothing new.
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorText } from '../logging/error-text';
import { closedSpanFrom, type OpeningHours } from './opening-hours';

export const UPDATE_REQUEST_FILE = 'update-request';
/** An install (or a rollback) must be over this long before the office opens. */
export const UPDATE_MARGIN_MS = 30 * 60_000;

export interface UpdateRequestOptions {
  /** TURNERO_APPLIANCE_DIR, shared with the root helper. */
  applianceDir: string;
  currentVersion: string;
  openingHours: OpeningHours;
  timeZone: string;
  log: (line: string) => void;
  now?: () => Date;
}

export interface UpdateRequest {
  desiredVersion: string;
  /** Epoch seconds: install no earlier than this… */
  windowStart: number;
  /** …and no later. */
  windowEnd: number;
}

/** The request for `desired`, or null when there is nothing to ask (same version, never closed). */
export function updateRequestFor(
  desired: string | undefined,
  options: Omit<UpdateRequestOptions, 'applianceDir' | 'log'>,
): UpdateRequest | null {
  if (desired === undefined || desired === options.currentVersion) return null;
  const now = (options.now ?? (() => new Date()))();
  const closed = closedSpanFrom(options.openingHours, now, options.timeZone);
  if (closed === null) return null;
  const end = closed.end.getTime() - UPDATE_MARGIN_MS;
  if (end <= closed.start.getTime()) return null;
  return {
    desiredVersion: desired,
    windowStart: Math.floor(closed.start.getTime() / 1000),
    windowEnd: Math.floor(end / 1000),
  };
}

export function formatUpdateRequest(request: UpdateRequest): string {
  return [
    '# Written by the Turnero kiosk at each heartbeat; read by turnero-update (root).',
    `desired_version=${request.desiredVersion}`,
    `window_start=${request.windowStart}`,
    `window_end=${request.windowEnd}`,
    '',
  ].join('\n');
}

/** Keeps the request file in step with the town hall's answers. */
export function createUpdateRequester(options: UpdateRequestOptions) {
  const file = join(options.applianceDir, UPDATE_REQUEST_FILE);
  let lastLogged: string | null = null;
  return {
    desired(desiredVersion: string | undefined): void {
      const request = updateRequestFor(desiredVersion, options);
      try {
        if (request === null) {
          rmSync(file, { force: true });
          return;
        }
        const temporary = `${file}.tmp`;
        writeFileSync(temporary, formatUpdateRequest(request), { mode: 0o644 });
        renameSync(temporary, file);
        if (lastLogged !== request.desiredVersion) {
          lastLogged = request.desiredVersion;
          options.log(
            `update: the town hall wants version ${request.desiredVersion} (this is ` +
              `${options.currentVersion}); it is installed between ` +
              `${new Date(request.windowStart * 1000).toISOString()} and ` +
              `${new Date(request.windowEnd * 1000).toISOString()}`,
          );
        }
      } catch (error) {
        options.log(`update: cannot write ${file}: ${errorText(error)}`);
      }
    },
  };
}
