/**
 * The Turnero server as its own process (`server/cli.ts` under tsx), always on the same port and
 * the same SQLite file: killed and started again, the kiosk finds it where it was, with what it
 * had stored. The seed is loaded only into the empty database of the first start.
 */
import { ManagedProcess } from './child-process';
import type { AuthMode } from '../../../server/server';

export interface ServerProcessSetup {
  port: number;
  seedFile: string;
  dbFile: string;
}

export class ServerProcess {
  readonly url: string;
  private readonly processes: Record<AuthMode, ManagedProcess>;
  private current: ManagedProcess | null = null;

  constructor(setup: ServerProcessSetup) {
    this.url = `http://127.0.0.1:${setup.port}`;
    const withAuth = (auth: AuthMode) =>
      new ManagedProcess({
        name: `server(auth ${auth})`,
        args: [
          '--import',
          'tsx',
          'server/cli.ts',
          ...['--port', String(setup.port), '--seed', setup.seedFile, '--db', setup.dbFile],
          ...['--auth', auth],
        ],
        readyPattern: /listening on (http:\/\/\S+)/,
      });
    this.processes = { optional: withAuth('optional'), required: withAuth('required') };
  }

  /** Kills across both authentication modes. */
  get kills(): number {
    return this.processes.optional.kills + this.processes.required.kills;
  }

  get running(): boolean {
    return this.current?.running ?? false;
  }

  /** `optional`: the kiosk needs no credential; `required`: a kiosk without one gets 401. */
  async start(auth: AuthMode = 'optional'): Promise<void> {
    if (this.current?.running) throw new Error('the server is already running');
    this.current = this.processes[auth];
    await this.current.start();
  }

  kill(): Promise<void> {
    return this.current?.kill() ?? Promise.resolve();
  }

  stop(): Promise<void> {
    return this.current?.stop() ?? Promise.resolve();
  }

  recentOutput(): string {
    return `${this.processes.optional.recentOutput()}\n${this.processes.required.recentOutput()}`;
  }
}
