/**
 * A USB-CDC (serial) barcode/QR scanner: frames scans from the port at the configured terminator
 * (or after a silence, for scanners that send none), strips a configured prefix/suffix, drops
 * repeats, reopens the port when it is unplugged and plugged back in, and reports its status
 * (connected, last read) for diagnostics.
 */
import { existsSync } from 'node:fs';
import { SerialPort } from 'serialport';
import { Emitter, type Event } from '../../src-shared/common/emitter';
import { ScanFramer, type FramerEvent, type ScanTerminator } from './scan-framer';
import { errorText } from '../logging/error-text';

export interface SerialScannerOptions {
  path: string;
  baud: number;
  dataBits?: 7 | 8;
  parity?: 'none' | 'even' | 'odd';
  stopBits?: 1 | 2;
  flow?: 'none' | 'rtscts' | 'xonxoff';
  log?: (line: string) => void;
  maxFrameBytes?: number;
  /** End of a scan (default `auto`: any of CR, LF, CRLF). */
  terminator?: ScanTerminator;
  /** With terminator `none`: a scan ends after this much silence (default 50 ms). */
  interByteTimeoutMs?: number;
  /** Removed from the start / end of a scan when present (e.g. an AIM symbology id). */
  stripPrefix?: string;
  stripSuffix?: string;
  /** The same code again within this time is the scanner repeating itself, not a new scan. */
  dedupeMs?: number;
  reconnectMs?: number;
  now?: () => number;
}

export interface SerialScannerStatus {
  path: string;
  connected: boolean;
  /** When the last scan was read, ISO 8601; null before any. */
  lastReadAt: string | null;
  /** Scans delivered and frames dropped (noise) since start. */
  scans: number;
  rejected: number;
  /** Why the port is not open (no personal data); null while connected. */
  lastError: string | null;
}

export interface SerialScanner {
  start(): Promise<void>;
  stop(): Promise<void>;
  isConnected(): boolean;
  getStatus(): SerialScannerStatus;
  /** Called with the new status on connect, disconnect and every scan; returns unsubscribe. */
  onStatusChange(listener: (status: SerialScannerStatus) => void): () => void;
  /** A scan was read (framed, stripped, not a repeat). */
  readonly onScan: Event<string>;
  /** A frame was dropped (over-long noise); the citizen may be told to scan again. */
  readonly onRejected: Event<'overflow'>;
}

/** Leading and trailing line ends (a `cr` scanner followed by LF, a `lf` one after CR). */
const EDGE_LINE_ENDS = /^[\r\n]+|[\r\n]+$/g;

export function createSerialScanner(options: SerialScannerOptions): SerialScanner {
  const log = options.log ?? (() => undefined);
  const now = options.now ?? Date.now;
  const dedupeMs = options.dedupeMs ?? 1500;
  const reconnectMs = options.reconnectMs ?? 1000;
  const terminator = options.terminator ?? 'auto';
  const interByteTimeoutMs = options.interByteTimeoutMs ?? 50;
  const stripPrefix = options.stripPrefix ?? '';
  const stripSuffix = options.stripSuffix ?? '';
  let port: SerialPort | null = null;
  let stopped = true;
  let reconnectTimer: NodeJS.Timeout | null = null;
  let silenceTimer: NodeJS.Timeout | null = null;
  let lastScan = { text: '', at: -Infinity };
  const statusChanged = new Emitter<SerialScannerStatus>();
  const scanned = new Emitter<string>();
  const rejected = new Emitter<'overflow'>();
  const status: SerialScannerStatus = {
    path: options.path,
    connected: false,
    lastReadAt: null,
    scans: 0,
    rejected: 0,
    lastError: null,
  };

  /** A failing listener (the check-in behind a scan, the screen) must not stop the scanner. */
  const tell = <T>(emitter: Emitter<T>, value: T, what: string): void => {
    try {
      emitter.fire(value);
    } catch (error) {
      log(`scanner: ${what} listener failed: ${errorText(error)}`);
    }
  };
  const emit = (): void => tell(statusChanged, { ...status }, 'status');

  const setConnected = (connected: boolean, error: string | null): void => {
    if (status.connected === connected && status.lastError === error) return;
    status.connected = connected;
    status.lastError = error;
    emit();
  };

  const clean = (bytes: Buffer): string => {
    let text = bytes.toString('utf8').replace(EDGE_LINE_ENDS, '');
    if (stripPrefix && text.startsWith(stripPrefix)) text = text.slice(stripPrefix.length);
    if (stripSuffix && text.endsWith(stripSuffix)) text = text.slice(0, -stripSuffix.length);
    return text;
  };

  const deliver = (bytes: Buffer): void => {
    const text = clean(bytes);
    if (text.length === 0) return;
    const at = now();
    if (text === lastScan.text && at - lastScan.at < dedupeMs) return;
    lastScan = { text, at };
    status.scans += 1;
    status.lastReadAt = new Date(at).toISOString();
    emit();
    tell(scanned, text, 'scan');
  };

  const handle = (events: FramerEvent[]): void => {
    for (const event of events) {
      if (event.kind === 'scan') deliver(event.bytes);
      else {
        log(`scanner: dropped ${event.droppedBytes} bytes without a terminator`);
        status.rejected += 1;
        emit();
        tell(rejected, 'overflow', 'rejected-scan');
      }
    }
  };

  const clearSilenceTimer = (): void => {
    if (silenceTimer) clearTimeout(silenceTimer);
    silenceTimer = null;
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
      const framer = new ScanFramer(options.maxFrameBytes ?? 2048, terminator);
      const candidate = new SerialPort({
        path: options.path,
        baudRate: options.baud,
        dataBits: options.dataBits ?? 8,
        parity: options.parity ?? 'none',
        stopBits: options.stopBits ?? 1,
        rtscts: options.flow === 'rtscts',
        xon: options.flow === 'xonxoff',
        xoff: options.flow === 'xonxoff',
        autoOpen: false,
      });
      candidate.on('data', (data: Buffer) => {
        handle(framer.push(data));
        if (terminator === 'none') {
          clearSilenceTimer();
          silenceTimer = setTimeout(() => {
            silenceTimer = null;
            handle(framer.flush());
          }, interByteTimeoutMs);
        }
      });
      candidate.on('close', () => {
        if (port === candidate) port = null;
        clearSilenceTimer();
        if (!stopped) {
          log('scanner: port closed, waiting for it to come back');
          setConnected(false, 'port closed');
          scheduleReconnect();
        }
      });
      candidate.on('error', (error) => log(`scanner: ${error.message}`));
      candidate.open((error) => {
        if (error) {
          // One line per change of situation, not one per retry while it stays unplugged.
          if (status.lastError !== error.message) {
            log(`scanner: cannot open ${options.path}: ${error.message}`);
          }
          setConnected(false, error.message);
          scheduleReconnect();
        } else if (stopped) {
          candidate.close(() => undefined);
        } else {
          port = candidate;
          log(`scanner: listening on ${options.path}`);
          setConnected(true, null);
        }
        resolve();
      });
    });

  // An unplugged USB-CDC device does not always make the open port fail at once: its device
  // file disappearing is the sure sign, checked while connected.
  let presenceTimer: NodeJS.Timeout | null = null;
  const watchPresence = (): void => {
    presenceTimer = setInterval(() => {
      const current = port;
      if (current?.isOpen && !existsSync(options.path)) {
        log(`scanner: ${options.path} is gone`);
        current.close(() => undefined);
      }
    }, reconnectMs);
    presenceTimer.unref();
  };

  return {
    start: async () => {
      stopped = false;
      await open();
      if (!presenceTimer) watchPresence();
    },
    stop: async () => {
      stopped = true;
      if (presenceTimer) clearInterval(presenceTimer);
      presenceTimer = null;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      reconnectTimer = null;
      clearSilenceTimer();
      const current = port;
      port = null;
      if (current?.isOpen) await new Promise<void>((resolve) => current.close(() => resolve()));
      setConnected(false, null);
    },
    isConnected: () => port?.isOpen ?? false,
    getStatus: () => ({ ...status }),
    onStatusChange: statusChanged.event,
    onScan: scanned.event,
    onRejected: rejected.event,
  };
}
