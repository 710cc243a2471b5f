/**
 * The printer end of a serial line: opens the device side of a pty pair (see pty-pair.ts) with
 * serialport and collects tickets as they arrive, one per cut.
 */
import { SerialPort } from 'serialport';
import { TicketCapture, type CapturedTicket } from './escpos-capture';

export interface SerialPrinterEmulator {
  /** Everything received so far. */
  readonly received: Buffer;
  readonly tickets: readonly CapturedTicket[];
  waitForTicket(timeoutMs?: number): Promise<CapturedTicket>;
  close(): Promise<void>;
}

export async function openSerialPrinterEmulator(
  devicePath: string,
  baud = 19200,
): Promise<SerialPrinterEmulator> {
  const capture = new TicketCapture();
  const feed = capture.stream();
  let received = Buffer.alloc(0);
  const port = new SerialPort({ path: devicePath, baudRate: baud, autoOpen: false });
  port.on('error', () => undefined);
  await new Promise<void>((resolve, reject) =>
    port.open((error) => (error ? reject(error) : resolve())),
  );
  port.on('data', (chunk: Buffer) => {
    received = Buffer.concat([received, chunk]);
    feed(chunk);
  });
  return {
    get received() {
      return received;
    },
    tickets: capture.tickets,
    waitForTicket: (timeoutMs) => capture.waitForTicket(timeoutMs),
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
