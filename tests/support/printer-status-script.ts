/**
 * The status side of the printer emulators (serial and TCP): answers `DLE EOT n` (10 04 n) as an
 * EPSON TM does, from a state the test sets at any time, and `GS ( H` fn 48 (process ID
 * response, `1D 28 48 06 00 30 30 d1 d2 d3 d4`) with `37 22 d1 d2 d3 d4 00` once the data before
 * it has arrived, as a TM does once that data is printed (the emulator prints instantly). It
 * takes both out of the byte stream so what is left is the print data, which decodes as before.
 * Like a real printer it answers a status query wherever it appears in the stream. Free of
 * vitest so Playwright can use it.
 */

/** What the emulated printer reports; 'silent' never answers (hung, or no return wire). */
export type ScriptedPrinterStatus =
  'ok' | 'paper-near-end' | 'paper-out' | 'cover-open' | 'offline' | 'error' | 'silent';

const FINE = 0x12;
const OFFLINE = 0x08;
const DLE = 0x10;
const GS = 0x1d;
/** `GS ( H` pL=6 pH=0 fn=48 m=48, then the four ID bytes. */
const PROCESS_ID_REQUEST = Buffer.from([GS, 0x28, 0x48, 0x06, 0x00, 0x30, 0x30]);
const PROCESS_ID_REQUEST_LENGTH = PROCESS_ID_REQUEST.length + 4;

/** States in which a printer goes on printing, and so answers a process ID request. */
const PRINTING_STATES: readonly ScriptedPrinterStatus[] = ['ok', 'paper-near-end'];

/** The `37 22 d1 d2 d3 d4 00` answer to the process ID request `id`. */
export function processIdResponse(id: Buffer): Buffer {
  return Buffer.concat([Buffer.from([0x37, 0x22]), id, Buffer.from([0x00])]);
}

/** The reply byte to DLE EOT `n` in `status`, or null when the printer does not answer. */
export function scriptedStatusReply(status: ScriptedPrinterStatus, n: number): number | null {
  if (status === 'silent') return null;
  switch (n) {
    case 1: // printer status: bit 3 off-line
      return ['ok', 'paper-near-end'].includes(status) ? FINE : FINE | OFFLINE;
    case 2: // off-line cause: bit 2 cover, bit 5 stopped at paper end, bit 6 error
      if (status === 'cover-open') return FINE | 0x04;
      if (status === 'paper-out') return FINE | 0x20;
      if (status === 'error') return FINE | 0x40;
      return FINE;
    case 3: // error cause: bit 3 auto-cutter
      return status === 'error' ? FINE | 0x08 : FINE;
    case 4: // paper sensor: 0x0C near end, 0x60 paper end
      if (status === 'paper-near-end') return FINE | 0x0c;
      if (status === 'paper-out') return FINE | 0x0c | 0x60;
      return FINE;
    default:
      return null;
  }
}

export class PrinterStatusScript {
  status: ScriptedPrinterStatus;
  /**
   * Unsolicited bytes sent before every reply (e.g. XOFF 0x13 and XON 0x11, or an automatic
   * status back block), to prove the host ignores what is not a reply.
   */
  noiseBeforeReplies: Buffer = Buffer.alloc(0);
  /** The `n` of every query received, in order. */
  readonly queries: number[] = [];
  /**
   * Whether it answers `GS ( H` (EPSON TM: yes; an older TM or a clone: no). It answers only in
   * a printing state ('ok', 'paper-near-end'): a printer stopped by a fault or silent does not.
   */
  answersProcessId = true;
  /** The ID of every process ID request received, in order. */
  readonly processIdRequests: string[] = [];
  private readonly dataHooks: Array<(data: Buffer) => void> = [];

  constructor(status: ScriptedPrinterStatus = 'ok') {
    this.status = status;
  }

  /**
   * Runs `hook` (once) when the next print data arrives, before any query that follows that data
   * is answered: "the cover is opened while the ticket prints", "the cable is pulled mid-job".
   */
  onNextData(hook: (data: Buffer) => void): void {
    this.dataHooks.push(hook);
  }

  /**
   * A parser for one byte stream (a serial line, a TCP connection): feed it what arrives, it
   * returns the print data with the queries taken out, and the bytes to send back.
   */
  stream(): (chunk: Buffer) => { data: Buffer; reply: Buffer } {
    let held = Buffer.alloc(0);
    return (chunk) => {
      const bytes = Buffer.concat([held, chunk]);
      held = Buffer.alloc(0);
      const data: Buffer[] = [];
      const reply: Buffer[] = [];
      let segmentStart = 0;
      const flushData = (end: number): void => {
        if (end > segmentStart) {
          const segment = bytes.subarray(segmentStart, end);
          data.push(segment);
          for (const hook of this.dataHooks.splice(0)) hook(Buffer.from(segment));
        }
      };
      let i = 0;
      while (i < bytes.length) {
        if (bytes[i] === GS) {
          const rest = bytes.subarray(i, i + PROCESS_ID_REQUEST_LENGTH);
          const prefix = rest.subarray(0, PROCESS_ID_REQUEST.length);
          if (!PROCESS_ID_REQUEST.subarray(0, prefix.length).equals(prefix)) {
            i += 1;
            continue;
          }
          // A request cut by the chunk boundary: keep its start for the next chunk.
          if (rest.length < PROCESS_ID_REQUEST_LENGTH) {
            flushData(i);
            held = Buffer.from(bytes.subarray(i));
            segmentStart = bytes.length;
            break;
          }
          flushData(i);
          const id = Buffer.from(rest.subarray(PROCESS_ID_REQUEST.length));
          this.processIdRequests.push(id.toString('latin1'));
          if (this.answersProcessId && PRINTING_STATES.includes(this.status)) {
            reply.push(processIdResponse(id));
          }
          i += PROCESS_ID_REQUEST_LENGTH;
          segmentStart = i;
          continue;
        }
        if (bytes[i] !== DLE) {
          i += 1;
          continue;
        }
        // A query cut by the chunk boundary: keep its start for the next chunk.
        if (i + 1 >= bytes.length || (bytes[i + 1] === 0x04 && i + 2 >= bytes.length)) {
          flushData(i);
          held = Buffer.from(bytes.subarray(i));
          segmentStart = bytes.length;
          break;
        }
        const n = bytes[i + 2] as number;
        if (bytes[i + 1] === 0x04 && n >= 1 && n <= 4) {
          flushData(i);
          this.queries.push(n);
          const answer = scriptedStatusReply(this.status, n);
          if (answer !== null) reply.push(this.noiseBeforeReplies, Buffer.from([answer]));
          i += 3;
          segmentStart = i;
        } else {
          i += 1;
        }
      }
      if (segmentStart < bytes.length) flushData(bytes.length);
      return { data: Buffer.concat(data), reply: Buffer.concat(reply) };
    };
  }
}
