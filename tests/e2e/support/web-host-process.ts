/**
 * The real, built web host (`dist/main/web-host.mjs`) as its own process, the way a service
 * manager runs it: the specs read the address it prints and its log, and stop or kill it.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface WebHostProcess {
  /** The address it printed (`http://127.0.0.1:PORT/?token=…`). */
  readonly url: string;
  readonly port: number;
  readonly child: ChildProcess;
  /** Everything it wrote to stderr so far. */
  log(): string;
  /** Resolves once its log matches `pattern`. */
  waitForLog(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** Sends `signal` and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface WebHostProcessOptions {
  /** `--config FILE`; null: none (the demo launcher then starts the demo). */
  configFile: string | null;
  /** Besides `--config FILE`; `--headless` unless told otherwise. */
  args?: readonly string[];
  env?: NodeJS.ProcessEnv;
  /** What runs: the web host itself by default, or e.g. `['dist/demo/launch.mjs', 'web']`. */
  entry?: readonly string[];
}

export async function startWebHostProcess(options: WebHostProcessOptions): Promise<WebHostProcess> {
  const child = spawn(
    process.execPath,
    [
      ...(options.entry ?? ['dist/main/web-host.mjs']),
      ...(options.configFile === null ? [] : ['--config', options.configFile]),
      ...(options.args ?? ['--headless']),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env } },
  );
  let stderr = '';
  const logWatchers = new Set<() => void>();
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    for (const watcher of [...logWatchers]) watcher();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /^Turnero kiosk: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/m.exec(out);
      if (match) resolve(match[1] as string);
    });
    child.once('exit', (code) => reject(new Error(`web host exited with ${code}: ${stderr}`)));
  });

  return {
    url,
    port: Number(new URL(url).port),
    child,
    log: () => stderr,
    waitForLog: (pattern, timeoutMs = 10_000) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!pattern.test(stderr)) return;
          logWatchers.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          logWatchers.delete(check);
          reject(new Error(`the web host never logged ${pattern}:\n${stderr}`));
        }, timeoutMs);
        logWatchers.add(check);
        check();
      }),
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
