/**
 * The developer's window: framed, not full screen, DevTools open, shortcuts not guarded. Asked
 * for with `--dev-window` or TURNERO_DEV_WINDOW=1, and only ever granted to an unpackaged app
 * (`npm start`): a packaged kiosk refuses it with a log line, so nothing on a totem's command
 * line or environment can turn the kiosk back into a browser window with DevTools.
 */

export const DEV_WINDOW_FLAG = '--dev-window';

export interface DevWindowDecision {
  enabled: boolean;
  /** Why a request was refused, for the log; null when nothing was asked or it was granted. */
  refusal: string | null;
}

export function devWindowDecision(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  isPackaged: boolean,
): DevWindowDecision {
  const requested = argv.includes(DEV_WINDOW_FLAG) || env.TURNERO_DEV_WINDOW === '1';
  if (!requested) return { enabled: false, refusal: null };
  if (isPackaged) {
    return {
      enabled: false,
      refusal: 'the developer window was asked for, but a packaged kiosk never opens one',
    };
  }
  return { enabled: true, refusal: null };
}
