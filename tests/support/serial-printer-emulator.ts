/**
 * The printer end of a serial line: opens the device side of a pty pair (see pty-pair.ts) with
 * serialport, collects tickets as they arrive (one per cut), and answers DLE EOT status queries
 * from a script the test can change at any time (see printer-status-script.ts).
 */
import { SerialPort } from 'serialport';
import { TicketCapture, type CapturedTicket } from './escpos-capture';
import { PrinterStatusScript, type ScriptedPrinterStatus } from './printer-status-script';

export interface SerialPrinterEmulator {
  /** Every print byte received so far (status queries taken out). */
  readonly received: Buffer;
  readonly tickets: readonly CapturedTicket[];
  /** The status it reports; set `script.status` to change it. */
  readonly script: PrinterStatusScript;
  waitForTicket(timeoutMs?: number): Promise<CapturedTicket>;
  /** Sends bytes nobody asked for (XOFF 0x13, automatic status back…). */
  sendUnsolicited(bytes: Buffer): Promise<void>;
  close(): Promise<void>;
}

export interface SerialPrinterEmulatorOptions {
  status?: ScriptedPrinterStatus;
  script?: PrinterStatusScript;
  /**
   * Reads the line no faster than this, as a printer on a real line at that speed would receive
   * (a pty does not pace the baud rate): 960 plays 9600 baud 8N1. Unpaced when omitted.
   */
  bytesPerSecond?: number;
}

/** Bytes read at a time when paced: small, so the pacing is smooth. */
const PACED_CHUNK = 64;

export async function openSerialPrinterEmulator(
  devicePath: string,
  baud = 19200,
  options: SerialPrinterEmulatorOptions = {},
): Promise<SerialPrinterEmulator> {
  const capture = new TicketCapture();
  const feed = capture.stream();
  const script = options.script ?? new PrinterStatusScript(options.status);
  const parse = script.stream();
  const { bytesPerSecond } = options;
  let received = Buffer.alloc(0);
  const port = new SerialPort({
    path: devicePath,
    baudRate: baud,
    autoOpen: false,
    ...(bytesPerSecond ? { highWaterMark: PACED_CHUNK } : {}),
  });
  port.on('error', () => undefined);
  await new Promise<void>((resolve, reject) =>
    port.open((error) => (error ? reject(error) : resolve())),
  );
  port.on('data', (chunk: Buffer) => {
    const { data, reply } = parse(chunk);
    if (reply.length > 0 && port.isOpen) port.write(reply);
    if (data.length > 0) {
      received = Buffer.concat([received, data]);
      feed(data);
    }
    if (bytesPerSecond) {
      // What is left waits in the kernel and socat, as bytes wait in a slow UART.
      port.pause();
      setTimeout(() => port.resume(), (chunk.length * 1000) / bytesPerSecond);
    }
  });
  return {
    get received() {
      return received;
    },
    tickets: capture.tickets,
    script,
    waitForTicket: (timeoutMs) => capture.waitForTicket(timeoutMs),
    sendUnsolicited: (bytes) =>
      new Promise<void>((resolve, reject) => {
        port.write(bytes);
        port.drain((error) => (error ? reject(error) : resolve()));
      }),
    close: () =>
      new Promise<void>((resolve) => {
        if (port.isOpen) port.close(() => resolve());
        else resolve();
      }),
  };
}

/** Reads from a pty's device end until one ticket (a cut) has arrived, then lets go of the port. */
export async function readTicketFromPty(
  devicePath: string,
  timeoutMs = 5000,
): Promise<CapturedTicket> {
  const emulator = await openSerialPrinterEmulator(devicePath);
  try {
    return await emulator.waitForTicket(timeoutMs);
  } finally {
    await emulator.close();
  }
}
