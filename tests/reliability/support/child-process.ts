/**
 * A service run as its own process, as it runs in production: started, waited for until it
 * prints its ready line, and then stopped politely (SIGTERM) or killed outright (SIGKILL, the
 * power cut). What it writes is kept line by line, across restarts, for the test to read.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export interface ChildSpec {
  /** For messages: "kiosk", "server". */
  name: string;
  args: readonly string[];
  /** Matched against stdout; the process is ready when it matches. */
  readyPattern: RegExp;
  cwd?: string;
  startTimeoutMs?: number;
}

/** The last lines written by a process, for the message of a failing test. */
const KEPT_LINES = 400;

export class ManagedProcess {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  private readonly recent: string[] = [];
  private readonly lineListeners = new Set<(line: string) => void>();
  starts = 0;
  kills = 0;

  constructor(private readonly spec: ChildSpec) {}

  get running(): boolean {
    return this.child !== null;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Every line the process writes to stderr from now on (all restarts). */
  onStderrLine(listener: (line: string) => void): () => void {
    this.lineListeners.add(listener);
    return () => this.lineListeners.delete(listener);
  }

  /** The last lines of stdout and stderr, oldest first. */
  recentOutput(): string {
    return this.recent.join('\n');
  }

  /** Starts the process; resolves with the ready line's match, rejects if it exits first. */
  async start(): Promise<RegExpExecArray> {
    if (this.child) throw new Error(`${this.spec.name} is already running`);
    const child = spawn(process.execPath, this.spec.args, {
      cwd: this.spec.cwd ?? process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.starts += 1;
    this.exited = new Promise((resolve) =>
      child.once('exit', () => {
        if (this.child === child) this.child = null;
        resolve();
      }),
    );
    this.pipeLines(child.stderr, (line) => {
      for (const listener of this.lineListeners) listener(line);
    });
    const timeoutMs = this.spec.startTimeoutMs ?? 30_000;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(
          new Error(`${this.spec.name} not ready after ${timeoutMs} ms:\n${this.recentOutput()}`),
        );
      }, timeoutMs);
      this.pipeLines(child.stdout, (line) => {
        const match = this.spec.readyPattern.exec(line);
        if (!match) return;
        clearTimeout(timer);
        resolve(match);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(
          new Error(
            `${this.spec.name} exited (${signal ?? code}) before it was ready:\n${this.recentOutput()}`,
          ),
        );
      });
    });
  }

  /** SIGKILL: no handler runs, nothing is flushed; as a power cut. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.kills += 1;
    child.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM, and SIGKILL when it has not exited after `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  private pipeLines(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void {
    let pending = '';
    stream?.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        this.recent.push(`[${this.spec.name}] ${line}`);
        if (this.recent.length > KEPT_LINES) this.recent.shift();
        onLine(line);
      }
    });
  }
}

/** A TCP port free right now on 127.0.0.1 (a restarted server must come back on the same one). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}
