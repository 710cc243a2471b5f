/**
 * The wizard's "scan anything" test on a serial scanner: the port is opened with the scanner the
 * kiosk will use (same framing and repeat filter), and each scan is kept, recognised, for the
 * screen to read (it polls; the reads never go out as events, so a citizen screen never sees
 * them). Only the last few are kept and nothing is logged: a test scan may be someone's DNI.
 */
import type { ScanRecognition } from '../../src-shared/contract/setup';
import { recogniseScan } from '../../src-shared/domain/scan-recognition';
import type { SerialTransportConfig } from '../config/schema';
import { createSerialScanner, type SerialScanner } from '../scanner/serial-scanner';

const KEPT_READS = 20;

export type NumberedRead = ScanRecognition & { seq: number };

export class ScannerTest {
  private readonly scanner: SerialScanner;
  private readonly reads: NumberedRead[] = [];
  private seq = 0;
  private readonly unsubscribe: () => void;

  constructor(line: SerialTransportConfig) {
    this.scanner = createSerialScanner({
      path: line.path,
      baud: line.baud,
      dataBits: line.dataBits,
      parity: line.parity,
      stopBits: line.stopBits,
      flow: line.flow,
    });
    this.unsubscribe = this.scanner.onScan((text) => {
      this.seq += 1;
      this.reads.push({ seq: this.seq, ...recogniseScan(text) });
      if (this.reads.length > KEPT_READS) this.reads.shift();
    });
  }

  /** Opens the port; not ok (with why) when it cannot be opened now: then stop() it. */
  async start(): Promise<{ ok: true } | { ok: false; detail: string }> {
    await this.scanner.start();
    const status = this.scanner.getStatus();
    return status.connected
      ? { ok: true }
      : { ok: false, detail: (status.lastError ?? `cannot open ${status.path}`).slice(0, 300) };
  }

  /** Scans read after `after` (a seq the screen has seen), oldest first. */
  readsAfter(after: number): NumberedRead[] {
    return this.reads.filter((read) => read.seq > after);
  }

  get count(): number {
    return this.seq;
  }

  connected(): boolean {
    return this.scanner.isConnected();
  }

  async stop(): Promise<void> {
    this.unsubscribe();
    await this.scanner.stop();
  }
}
