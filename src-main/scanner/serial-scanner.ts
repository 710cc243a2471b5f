/**
 * A USB-CDC (serial) barcode/QR scanner: frames scans from the port, drops repeats, and reopens
 * the port when it is unplugged and plugged back in.
 */
import { SerialPort } from 'serialport';
import { ScanFramer } from './scan-framer';

export interface SerialScannerOptions {
  path: string;
  baud: number;
  onScan: (text: string) => void;
  /** A frame was dropped (over-long noise); the citizen may be told to scan again. */
  onRejected?: (reason: 'overflow') => void;
  log?: (line: string) => void;
  maxFrameBytes?: number;
  /** The same code again within this time is the scanner repeating itself, not a new scan. */
  dedupeMs?: number;
  reconnectMs?: number;
  now?: () => number;
}

export interface SerialScanner {
  start(): Promise<void>;
  stop(): Promise<void>;
  isConnected(): boolean;
}

export function createSerialScanner(options: SerialScannerOptions): SerialScanner {
  const log = options.log ?? (() => undefined);
  const now = options.now ?? Date.now;
  const dedupeMs = options.dedupeMs ?? 1500;
  const reconnectMs = options.reconnectMs ?? 1000;
  let port: SerialPort | null = null;
  let stopped = true;
  let reconnectTimer: NodeJS.Timeout | null = null;
  let lastScan = { text: '', at: -Infinity };

  const deliver = (bytes: Buffer): void => {
    const text = bytes.toString('utf8');
    const at = now();
    if (text === lastScan.text && at - lastScan.at < dedupeMs) return;
    lastScan = { text, at };
    options.onScan(text);
  };

  const scheduleReconnect = (): void => {
    if (stopped || reconnectTimer) return;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      void open();
    }, reconnectMs);
  };

  const open = (): Promise<void> =>
    new Promise((resolve) => {
      if (stopped) return resolve();
      const framer = new ScanFramer(options.maxFrameBytes ?? 2048);
      const candidate = new SerialPort({
        path: options.path,
        baudRate: options.baud,
        autoOpen: false,
      });
      candidate.on('data', (data: Buffer) => {
        for (const event of framer.push(data)) {
          if (event.kind === 'scan') deliver(event.bytes);
          else {
            log(`scanner: dropped ${event.droppedBytes} bytes without a terminator`);
            options.onRejected?.('overflow');
          }
        }
      });
      candidate.on('close', () => {
        if (port === candidate) port = null;
        if (!stopped) {
          log('scanner: port closed, waiting for it to come back');
          scheduleReconnect();
        }
      });
      candidate.on('error', (error) => log(`scanner: ${error.message}`));
      candidate.open((error) => {
        if (error) {
          log(`scanner: cannot open ${options.path}: ${error.message}`);
          scheduleReconnect();
        } else {
          port = candidate;
          log(`scanner: listening on ${options.path}`);
        }
        resolve();
      });
    });

  return {
    start: async () => {
      stopped = false;
      await open();
    },
    stop: async () => {
      stopped = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      reconnectTimer = null;
      const current = port;
      port = null;
      if (current?.isOpen) await new Promise<void>((resolve) => current.close(() => resolve()));
    },
    isConnected: () => port?.isOpen ?? false,
  };
}
