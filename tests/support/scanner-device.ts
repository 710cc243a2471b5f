/**
 * A serial barcode/QR scanner for tests: the device end of a socat pseudo-terminal pair, kept
 * open for the whole test like a plugged scanner; the kiosk opens the other end. What it sends
 * while the kiosk is down is lost, as with a real scanner whose host is down: the citizen sees
 * nothing and scans again.
 */
import { SerialPort } from 'serialport';
import { openPtyPair, type PtyPair } from './pty-pair';

export interface ScannerDevice {
  /** The end the kiosk opens (its `scanner.transport` path). */
  readonly kioskPath: string;
  /** Sends one scan, terminated as the scanner is set to (CR LF). */
  scan(code: string): Promise<void>;
  close(): Promise<void>;
}

export async function openScannerDevice(): Promise<ScannerDevice> {
  const pair: PtyPair = await openPtyPair();
  const port = await new Promise<SerialPort>((resolve, reject) => {
    const opened = new SerialPort({ path: pair.devicePath, baudRate: 9600 }, (error) =>
      error ? reject(error) : resolve(opened),
    );
  });
  return {
    kioskPath: pair.appPath,
    scan: (code) =>
      new Promise<void>((resolve, reject) =>
        port.write(`${code}\r\n`, (error) => (error ? reject(error) : port.drain(() => resolve()))),
      ),
    close: async () => {
      if (port.isOpen) await new Promise((resolve) => port.close(resolve));
      await pair.close();
    },
  };
}
