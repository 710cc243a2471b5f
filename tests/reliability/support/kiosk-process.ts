/**
 * The built kiosk (`dist/main/web-host.mjs --config FILE --headless`) as its own process, on a
 * data dir that outlives it: killed and started again, it must carry on from its SQLite file.
 * A scan's outcome is read from the kiosk's log line (`scan: issued E-014`), which carries the
 * outcome and the number, never the scanned text.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ManagedProcess } from './child-process';
import Database from 'better-sqlite3';

export interface KioskSetup {
  /** A folder for the config file and the kiosk's data dir. */
  dir: string;
  siteId: string;
  apiBaseUrl: string;
  printerUri: string;
  scannerPath: string;
  pollSeconds?: number;
}

/** How long a kiosk may take for its first sync after its process is up. */
const FIRST_SYNC_TIMEOUT_MS = 30_000;

/** What the kiosk did with one scan: `issued` / `already-issued` with its number, or a refusal. */
export interface ScanOutcome {
  outcome: string;
  number: string | null;
}

/** Printed on every ticket, so the test can tell which ticket a paper is: `{ticketId}`. */
export const TICKET_QR_URL = 'https://turnos.example/t?id={ticketId}&n={number}';

const SCAN_LINE = /\[turnero\] scan: (\S+)(?: (\S+))?\s*$/;

export class KioskProcess {
  readonly dataDir: string;
  readonly databaseFile: string;
  /** Every scan outcome the kiosk logged, over all its lives, in order. */
  readonly outcomes: ScanOutcome[] = [];
  private readonly process: ManagedProcess;
  private readonly waiters = new Set<() => void>();

  constructor(setup: KioskSetup) {
    this.dataDir = join(setup.dir, 'kiosk-data');
    this.databaseFile = join(this.dataDir, 'turnero.sqlite');
    const configFile = join(setup.dir, 'kiosk.json');
    writeFileSync(
      configFile,
      JSON.stringify({
        dataDir: this.dataDir,
        siteId: setup.siteId,
        kioskId: 'sac-1',
        api: { baseUrl: setup.apiBaseUrl, pollSeconds: setup.pollSeconds ?? 5 },
        printer: { transport: setup.printerUri, qrUrl: TICKET_QR_URL },
        scanner: { transport: `serial:${setup.scannerPath}?baud=9600` },
      }),
    );
    this.process = new ManagedProcess({
      name: 'kiosk',
      args: ['dist/main/web-host.mjs', '--config', configFile, '--headless'],
      readyPattern: /^Turnero kiosk: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/,
    });
    this.process.onStderrLine((line) => {
      const match = SCAN_LINE.exec(line);
      if (!match) return;
      this.outcomes.push({ outcome: match[1] as string, number: match[2] ?? null });
      for (const wake of this.waiters) wake();
    });
  }

  get kills(): number {
    return this.process.kills;
  }

  get running(): boolean {
    return this.process.running;
  }

  /**
   * Starts the kiosk and waits until it has synced once: the kiosk serves its page at once and
   * says "preparing" until its first sync has brought the office in, so a scan before that is
   * refused as not ready, which these runs do not mean to test.
   */
  async start(): Promise<void> {
    await this.process.start();
    const deadline = Date.now() + FIRST_SYNC_TIMEOUT_MS;
    while (!this.hasSyncedOnce()) {
      if (Date.now() > deadline) {
        throw new Error(`the kiosk did not sync within ${FIRST_SYNC_TIMEOUT_MS} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Whether the kiosk's database records a complete sync (sync_state 'last-success-at'). */
  private hasSyncedOnce(): boolean {
    let db: Database.Database | null = null;
    try {
      db = new Database(this.databaseFile, { readonly: true, fileMustExist: true });
      return (
        db.prepare(`SELECT value FROM sync_state WHERE key = 'last-success-at'`).get() !== undefined
      );
    } catch {
      return false; // not created yet, or busy: ask again
    } finally {
      db?.close();
    }
  }

  kill(): Promise<void> {
    return this.process.kill();
  }

  stop(): Promise<void> {
    return this.process.stop();
  }

  recentOutput(): string {
    return this.process.recentOutput();
  }

  /** The `index`-th scan outcome (0-based, over all lives), waiting for it if need be. */
  async outcome(index: number, timeoutMs: number): Promise<ScanOutcome> {
    const deadline = Date.now() + timeoutMs;
    while (this.outcomes.length <= index) {
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(
          `no outcome for scan #${index} within ${timeoutMs} ms:\n${this.recentOutput()}`,
        );
      }
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, left);
        this.waiters.add(wake);
      });
    }
    return this.outcomes[index] as ScanOutcome;
  }

  /** Resolves once no scan outcome has been logged for `quietMs` (late scans have settled). */
  async settled(quietMs: number): Promise<void> {
    let seen = -1;
    while (seen !== this.outcomes.length) {
      seen = this.outcomes.length;
      await new Promise((resolve) => setTimeout(resolve, quietMs));
    }
  }
}
