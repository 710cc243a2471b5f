/**
 * A printer emulator on a line, for tests of the real printer against faults: a serial one on a
 * socat pty pair, or a TCP one, both answering status from a script the test changes at any
 * time; and a watch on the states a ticket printer announces.
 */
import type { PrinterState } from '../../src-shared/contract/ipc';
import type { PrinterTransportConfig, SerialTransportConfig } from '../../src-main/config/schema';
import type { TicketPrinter } from '../../src-main/printer/ticket-printer';
import type { CapturedTicket } from './escpos-capture';
import { PrinterStatusScript } from './printer-status-script';
import { openPtyPair, type PtyPair } from './pty-pair';
import { openSerialPrinterEmulator, type SerialPrinterEmulator } from './serial-printer-emulator';
import { startTcpPrinterEmulator, type TcpPrinterEmulator } from './tcp-printer-emulator';

/** A printer on serial line `path` at `baud`, 8N1, without flow control, DTR raised. */
export function serialLine(path: string, baud = 19200): SerialTransportConfig {
  return {
    kind: 'serial',
    path,
    baud,
    dataBits: 8,
    parity: 'none',
    stopBits: 1,
    flow: 'none',
    dtr: 'on',
  };
}

/** One printer on one line, and the hands that pull its cable. */
export interface Rig {
  transport: PrinterTransportConfig;
  script: PrinterStatusScript;
  /** Print bytes the printer has received so far on its current line. */
  receivedBytes(): number;
  waitForTicket(): Promise<CapturedTicket>;
  sendUnsolicited(bytes: Buffer): Promise<void>;
  unplug(): Promise<void>;
  replug(): Promise<void>;
  close(): Promise<void>;
}

export async function serialRig(): Promise<Rig> {
  const script = new PrinterStatusScript();
  const pair: PtyPair = await openPtyPair();
  let device: SerialPrinterEmulator = await openSerialPrinterEmulator(pair.devicePath, 19200, {
    script,
  });
  return {
    transport: serialLine(pair.appPath),
    script,
    receivedBytes: () => device.received.length,
    waitForTicket: () => device.waitForTicket(3000),
    sendUnsolicited: (bytes) => device.sendUnsolicited(bytes),
    unplug: async () => {
      await pair.unplug();
      await device.close();
    },
    replug: async () => {
      await pair.replug();
      device = await openSerialPrinterEmulator(pair.devicePath, 19200, { script });
    },
    close: async () => {
      await device.close();
      await pair.close();
    },
  };
}

export async function tcpRig(): Promise<Rig> {
  const emulator: TcpPrinterEmulator = await startTcpPrinterEmulator();
  return {
    transport: { kind: 'tcp', host: emulator.host, port: emulator.port },
    script: emulator.script,
    receivedBytes: () => emulator.connections.reduce((sum, bytes) => sum + bytes.length, 0),
    waitForTicket: () => emulator.waitForTicket(3000),
    sendUnsolicited: async (bytes) => emulator.sendUnsolicited(bytes),
    unplug: () => emulator.unplug(),
    replug: () => emulator.replug(),
    close: () => emulator.close(),
  };
}

/** Every state the printer announced, and a way to wait for one. */
export function watch(printer: TicketPrinter): {
  seen: PrinterState[];
  until: (state: PrinterState) => Promise<void>;
} {
  const seen: PrinterState[] = [];
  printer.onStateChange((state) => seen.push(state));
  return {
    seen,
    until: async (state) => {
      const deadline = Date.now() + 4000;
      while (printer.getState() !== state) {
        if (Date.now() > deadline) {
          throw new Error(`printer never became ${state}; states seen: ${seen.join(' → ')}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
  };
}

/** The turn number of a captured ticket: its one line at 8× width. */
export const turnNumber = (ticket: CapturedTicket): string | undefined =>
  ticket.lines.find((line) => line.width === 8)?.text;
