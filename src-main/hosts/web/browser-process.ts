/**
 * Starts the kiosk's Chromium as its own process and says, in one line, when it does not stay up.
 * Chromium refuses some starts at once (as root without --no-sandbox, with a bad display, with a
 * locked profile) and says why only on stderr, so stderr goes to a file in the data folder
 * (`chromium.log`) and its first lines are the reason logged. A file, not a pipe: Chromium
 * outlives a host that is killed.
 */
import { spawn } from 'node:child_process';
import { closeSync, readFileSync } from 'node:fs';
import { openFreshLog } from '../../logging/capped-log-file';
import { errorText } from '../../logging/error-text';
import { DEFAULT_ROTATION, type RotationLimits } from '../../logging/rotating-file';

/** An exit sooner than this after the start is a refusal to start, not a closed window. */
export const EARLY_EXIT_MS = 5_000;

export interface BrowserLaunch {
  executable: string;
  args: readonly string[];
  /** Where its stderr goes: a fresh file at each launch, the previous ones kept as a chain. */
  logFile: string;
  /** The chain's cap (default: the kiosk log's defaults). */
  logLimits?: RotationLimits;
  log: (line: string) => void;
  earlyExitMs?: number;
}

export interface BrowserExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  early: boolean;
}

export interface BrowserProcess {
  readonly pid: number | undefined;
  /** Settles when the browser exits, or could not be run at all (then with code null). */
  readonly exited: Promise<BrowserExit>;
}

const WHAT_TO_DO =
  'Run the kiosk as an unprivileged user, or pass Chromium switches in TURNERO_CHROMIUM_FLAGS.';

/** How many of the first stderr lines of a browser that exited at once are logged. */
export const REASON_LINES = 3;
const REASON_LINE_MAX = 200;

/**
 * The first non-empty lines, without Chromium's `[pid:tid:time:LEVEL:file(line)]` prefix, each
 * cut to a readable length: what a technician reads in the journal to see why.
 */
export function firstReasons(output: string, count = REASON_LINES): string[] {
  return output
    .split('\n')
    .map((line) => line.replace(/^\[[^\]]*\]\s*/, '').trim())
    .filter((line) => line !== '')
    .slice(0, count)
    .map((line) => (line.length > REASON_LINE_MAX ? `${line.slice(0, REASON_LINE_MAX)}…` : line));
}

function readLog(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function describeExit(exit: BrowserExit, logFile: string): string {
  const how = exit.signal ? `signal ${exit.signal}` : `code ${exit.code}`;
  if (!exit.early) return `Chromium exited (${how})`;
  const reasons = firstReasons(readLog(logFile));
  const advice = exit.code === 0 ? '' : ` ${WHAT_TO_DO}`;
  const because = reasons.length > 0 ? `: ${reasons.join(' / ').replace(/\.$/, '')}` : '';
  return `Chromium exited at once (${how})${because}.${advice}`;
}

export function launchBrowser(launch: BrowserLaunch): BrowserProcess {
  const { executable, args, logFile, log } = launch;
  const earlyExitMs = launch.earlyExitMs ?? EARLY_EXIT_MS;
  const started = Date.now();
  let stderr: number | 'ignore' = 'ignore';
  try {
    stderr = openFreshLog(logFile, launch.logLimits ?? DEFAULT_ROTATION);
  } catch (error) {
    log(`cannot write Chromium's log ${logFile}: ${errorText(error)}`);
  }
  // Its own process group: Ctrl-C or a stop of the host does not close the screen with it.
  const child = spawn(executable, [...args], {
    stdio: ['ignore', 'ignore', stderr],
    detached: true,
  });
  if (typeof stderr === 'number') closeSync(stderr);
  child.unref();

  const exited = new Promise<BrowserExit>((resolve) => {
    child.once('error', (error) => {
      log(`cannot run Chromium (${executable}): ${errorText(error)}`);
      resolve({ code: null, signal: null, early: true });
    });
    child.once('exit', (code, signal) => {
      const exit = { code, signal, early: Date.now() - started < earlyExitMs };
      log(describeExit(exit, logFile));
      resolve(exit);
    });
  });
  return { pid: child.pid, exited };
}
