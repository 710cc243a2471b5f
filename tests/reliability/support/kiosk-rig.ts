/**
 * What every kiosk-process test sets up and audits the same way: a temporary folder with a seed
 * of bookings, a TCP printer emulator, a pty serial scanner and the kiosk process pointed at a
 * given server (in-process, or the rig's own server process); at the end, the kiosk's database
 * (read after it stopped) and the ledger of the run. Parts are released by `close()` whatever
 * point the setup reached.
 */
import { join } from 'node:path';
import type { CheckInRecord } from '../../../src-shared/contract/townhall-api';
import { makeTempDir } from '../../support/temp-dir';
import {
  startTcpPrinterEmulator,
  type TcpPrinterEmulator,
} from '../../support/tcp-printer-emulator';
import { SITE_ID, writeBookingSeed, type Bookings } from './booking-seed';
import { inspectKioskDatabase, type KioskDatabaseReport } from './kiosk-database';
import { KioskProcess, type ScanOutcome } from './kiosk-process';
import { auditLedger, type LedgerReport } from './ledger';
import { openScannerDevice, type ScannerDevice } from '../../support/scanner-device';
import { freePort } from './child-process';
import { ServerProcess } from './server-process';

export interface RigParts {
  printer: TcpPrinterEmulator;
  scanner: ScannerDevice;
  kiosk: KioskProcess;
}

export class KioskRig {
  readonly bookings: Bookings;
  private readonly temp: ReturnType<typeof makeTempDir>;
  private printer: TcpPrinterEmulator | null = null;
  private scanner: ScannerDevice | null = null;
  private kiosk: KioskProcess | null = null;
  private server: ServerProcess | null = null;

  constructor(label: string, codeCount: number) {
    this.temp = makeTempDir(`reliability-${label}`);
    this.bookings = writeBookingSeed(join(this.temp.path, 'seed.json'), codeCount);
  }

  /** A file in the rig's folder (the server's database, say). */
  file(name: string): string {
    return join(this.temp.path, name);
  }

  /** The server's SQLite file when it runs as a process (`serverProcess`). */
  get serverDbFile(): string {
    return this.file('townhall.sqlite');
  }

  /** The Turnero server as a process on a free port with the rig's seed (not started yet). */
  async serverProcess(): Promise<ServerProcess> {
    this.server = new ServerProcess({
      port: await freePort(),
      seedFile: this.bookings.seedFile,
      dbFile: this.serverDbFile,
    });
    return this.server;
  }

  /** Starts printer, scanner and the kiosk against `apiBaseUrl`; resolves once it is ready. */
  async start(apiBaseUrl: string): Promise<RigParts> {
    const printer = await startTcpPrinterEmulator();
    this.printer = printer;
    const scanner = await openScannerDevice();
    this.scanner = scanner;
    const kiosk = new KioskProcess({
      dir: this.temp.path,
      siteId: SITE_ID,
      apiBaseUrl,
      printerUri: printer.uri,
      scannerPath: scanner.kioskPath,
    });
    this.kiosk = kiosk;
    await kiosk.start();
    return { printer, scanner, kiosk };
  }

  /** The last lines of the kiosk and the server process, for a failing test's message. */
  recentOutput(): string {
    return `${this.kiosk?.recentOutput() ?? ''}\n${this.server?.recentOutput() ?? ''}`;
  }

  /** The books of the run; call once the kiosk has stopped (its file is read as it was left). */
  audit(
    answers: ReadonlyMap<string, ScanOutcome>,
    serverCheckIns: readonly CheckInRecord[],
  ): { database: KioskDatabaseReport; ledger: LedgerReport } {
    if (!this.kiosk || !this.printer) throw new Error('the rig was not started');
    if (this.kiosk.running) throw new Error('stop the kiosk before reading its database');
    const database = inspectKioskDatabase(this.kiosk.databaseFile);
    const ledger = auditLedger({
      bookings: this.bookings,
      papers: this.printer.tickets,
      confirmed: answers,
      kioskTickets: database.tickets,
      serverCheckIns,
    });
    return { database, ledger };
  }

  async close(): Promise<void> {
    await this.kiosk?.kill();
    await this.server?.kill();
    await this.scanner?.close();
    await this.printer?.close();
    this.temp.remove();
  }
}

/** Answers that gave the booking a number (issued now, or already issued). */
export const numberedAnswers = (answers: ReadonlyMap<string, ScanOutcome>): number =>
  [...answers.values()].filter((answer) => answer.number !== null).length;
