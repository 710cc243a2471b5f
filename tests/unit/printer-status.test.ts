/** The DLE EOT reply parser and what the readings mean over time. */
import { describe, expect, it } from 'vitest';
import {
  describeStatus,
  firstStatusReply,
  isStatusReply,
  parseErrorCause,
  parseOfflineCause,
  parsePaperSensor,
  parsePrinterStatus,
  parseStatusReplies,
  statusToState,
} from '../../src-main/printer/status/dle-eot';
import { statusRequest } from '../../src-main/printer/escpos/commands';
import { StatusInterpreter, type StatusReading } from '../../src-main/printer/status/status-reader';
import { scriptedStatusReply } from '../support/printer-status-script';

const FINE = 0x12;

describe('DLE EOT requests and the reply pattern 0xx1xx10', () => {
  it('builds 10 04 n', () => {
    expect([...statusRequest(1)]).toEqual([0x10, 0x04, 0x01]);
    expect([...statusRequest(4)]).toEqual([0x10, 0x04, 0x04]);
  });

  it('accepts exactly the 16 bytes with bit 7 = 0, bit 4 = 1, bit 1 = 1, bit 0 = 0', () => {
    const accepted = [];
    for (let byte = 0; byte < 256; byte++) if (isStatusReply(byte)) accepted.push(byte);
    expect(accepted).toHaveLength(16);
    for (const byte of accepted) {
      expect(byte & 0x80).toBe(0);
      expect(byte & 0x10).toBe(0x10);
      expect(byte & 0x02).toBe(0x02);
      expect(byte & 0x01).toBe(0);
    }
    expect(accepted).toContain(0x12);
    expect(accepted).toContain(0x7e);
  });

  it('rejects unsolicited bytes: XON, XOFF, automatic status back, noise', () => {
    // XON 0x11 and XOFF 0x13 have bit 0 set; ASB's first byte is 0xx1xx00, the others 0xx0xx00.
    for (const byte of [0x11, 0x13, 0x10, 0x14, 0x00, 0x0f, 0x20, 0x92, 0xff, 0x40]) {
      expect(isStatusReply(byte), `0x${byte.toString(16)}`).toBe(false);
    }
  });

  it('finds the reply among unsolicited bytes, or none', () => {
    expect(firstStatusReply(Buffer.from([0x13, 0x11, 0x1a, 0x12]))).toBe(0x1a);
    expect(firstStatusReply(Buffer.from([0x10, 0x00, 0x00, 0x00]))).toBe(null);
    expect(firstStatusReply(Buffer.alloc(0))).toBe(null);
  });
});

describe('reply bits', () => {
  it('n = 1: bit 3 is off-line, the drawer bit is not', () => {
    expect(parsePrinterStatus(0x12)).toEqual({ offline: false });
    expect(parsePrinterStatus(0x1a)).toEqual({ offline: true });
    expect(parsePrinterStatus(0x16)).toEqual({ offline: false });
  });

  it('n = 2: cover (bit 2), feed button (bit 3), paper end stop (bit 5), error (bit 6)', () => {
    const none = { coverOpen: false, feedButton: false, paperEndStop: false, error: false };
    expect(parseOfflineCause(0x12)).toEqual(none);
    expect(parseOfflineCause(0x16)).toEqual({ ...none, coverOpen: true });
    expect(parseOfflineCause(0x1a)).toEqual({ ...none, feedButton: true });
    expect(parseOfflineCause(0x32)).toEqual({ ...none, paperEndStop: true });
    expect(parseOfflineCause(0x52)).toEqual({ ...none, error: true });
    expect(parseOfflineCause(0x7e)).toEqual({
      coverOpen: true,
      feedButton: true,
      paperEndStop: true,
      error: true,
    });
  });

  it('n = 3: auto-cutter (bit 3), unrecoverable (bit 5), auto-recoverable (bit 6)', () => {
    const none = {
      recoverable: false,
      autocutter: false,
      unrecoverable: false,
      autoRecoverable: false,
    };
    expect(parseErrorCause(0x12)).toEqual(none);
    expect(parseErrorCause(0x16)).toEqual({ ...none, recoverable: true });
    expect(parseErrorCause(0x1a)).toEqual({ ...none, autocutter: true });
    expect(parseErrorCause(0x32)).toEqual({ ...none, unrecoverable: true });
    expect(parseErrorCause(0x52)).toEqual({ ...none, autoRecoverable: true });
  });

  it('n = 4: near end in bits 2-3 (either), paper end in bits 5-6 (either)', () => {
    expect(parsePaperSensor(0x12)).toEqual({ nearEnd: false, paperEnd: false });
    for (const byte of [0x16, 0x1a, 0x1e]) {
      expect(parsePaperSensor(byte)).toEqual({ nearEnd: true, paperEnd: false });
    }
    for (const byte of [0x32, 0x52, 0x72]) {
      expect(parsePaperSensor(byte)).toEqual({ nearEnd: false, paperEnd: true });
    }
    expect(parsePaperSensor(0x7e)).toEqual({ nearEnd: true, paperEnd: true });
  });
});

describe('state from replies, by precedence', () => {
  const state = (r1: number, r2: number, r4: number): string =>
    statusToState(parseStatusReplies({ 1: r1, 2: r2, 4: r4 }));

  it('maps each fault', () => {
    expect(state(FINE, FINE, FINE)).toBe('ready');
    expect(state(FINE, FINE, 0x1e)).toBe('paper-near-end');
    expect(state(0x1a, FINE, FINE)).toBe('offline');
    expect(state(0x1a, 0x1a, FINE)).toBe('offline'); // paper fed with the button
    expect(state(0x1a, 0x52, FINE)).toBe('error');
    expect(state(0x1a, 0x32, FINE)).toBe('paper-out'); // stopped at paper end
    expect(state(FINE, FINE, 0x72)).toBe('paper-out'); // sensor
    expect(state(0x1a, 0x16, FINE)).toBe('cover-open');
  });

  it('cover-open > paper-out > error > offline > paper-near-end', () => {
    expect(state(0x1a, 0x76, 0x7e)).toBe('cover-open');
    expect(state(0x1a, 0x72, 0x7e)).toBe('paper-out');
    expect(state(0x1a, 0x52, 0x1e)).toBe('error');
    expect(state(0x1a, FINE, 0x1e)).toBe('offline');
  });

  it('agrees with the emulator script for every scripted state', () => {
    const expected = {
      ok: 'ready',
      'paper-near-end': 'paper-near-end',
      'paper-out': 'paper-out',
      'cover-open': 'cover-open',
      offline: 'offline',
      error: 'error',
    } as const;
    for (const [scripted, printerState] of Object.entries(expected)) {
      const reply = (n: number): number => scriptedStatusReply(scripted as 'ok', n) as number;
      for (const n of [1, 2, 3, 4]) expect(isStatusReply(reply(n))).toBe(true);
      expect(state(reply(1), reply(2), reply(4))).toBe(printerState);
    }
    expect(scriptedStatusReply('silent', 1)).toBe(null);
  });

  it('describes a status for the technician', () => {
    expect(describeStatus(parseStatusReplies({ 1: FINE, 2: FINE, 4: FINE }))).toBe('ready');
    expect(describeStatus(parseStatusReplies({ 1: 0x1a, 2: 0x32, 4: 0x7e }))).toBe(
      'off-line, printing stopped at paper end, paper end',
    );
    expect(describeStatus(parseStatusReplies({ 1: 0x1a, 2: 0x52, 4: FINE, 3: 0x1a }))).toBe(
      'off-line, error (auto-cutter)',
    );
  });
});

describe('readings over time', () => {
  const status = (r4: number): StatusReading => {
    const parsed = parseStatusReplies({ 1: FINE, 2: FINE, 4: r4 });
    return { kind: 'status', status: parsed, state: statusToState(parsed), detail: '' };
  };
  const silent: StatusReading = { kind: 'silent', detail: 'no answer' };
  const down: StatusReading = { kind: 'down', failure: 'disconnected', detail: 'gone' };

  it('a printer that answered and goes silent is off-line after N reads', () => {
    const interpreter = new StatusInterpreter('tcp', 2);
    expect(interpreter.next(status(FINE), 'unknown')).toBe('ready');
    expect(interpreter.next(silent, 'ready')).toBe('ready');
    expect(interpreter.next(silent, 'ready')).toBe('offline');
    expect(interpreter.next(status(0x1e), 'offline')).toBe('paper-near-end');
  });

  it('a TCP box that never answers is unknown, never ready, and stops being asked', () => {
    const interpreter = new StatusInterpreter('tcp', 2);
    expect(interpreter.next(silent, 'unknown')).toBe('unknown');
    expect(interpreter.knownMute).toBe(false);
    expect(interpreter.next(silent, 'unknown')).toBe('unknown');
    expect(interpreter.next(silent, 'unknown')).toBe('unknown');
    expect(interpreter.knownMute).toBe(true);
    expect(interpreter.answersStatus).toBe(false);
  });

  it('a silent serial printer is off-line: on a serial line every ESC/POS printer answers', () => {
    const interpreter = new StatusInterpreter('serial', 2);
    expect(interpreter.next(silent, 'unknown')).toBe('unknown');
    expect(interpreter.next(silent, 'unknown')).toBe('offline');
    expect(interpreter.knownMute).toBe(false);
  });

  it('a link that is down is disconnected, and a silent link that just came back is not ready', () => {
    const interpreter = new StatusInterpreter('serial', 3);
    expect(interpreter.next(status(FINE), 'unknown')).toBe('ready');
    expect(interpreter.next(down, 'ready')).toBe('disconnected');
    expect(interpreter.next(silent, 'disconnected')).toBe('unknown');
    expect(
      interpreter.next({ kind: 'down', failure: 'error', detail: 'permission denied' }, 'unknown'),
    ).toBe('error');
  });

  it('a transport that cannot read status is unknown', () => {
    const interpreter = new StatusInterpreter('usblp', 2);
    expect(interpreter.next({ kind: 'unreadable', detail: '' }, 'unknown')).toBe('unknown');
    expect(interpreter.next(down, 'unknown')).toBe('disconnected');
    expect(interpreter.next({ kind: 'unreadable', detail: '' }, 'disconnected')).toBe('unknown');
  });
});

describe('the emulators’ status script', () => {
  it('answers queries split across chunks and hands back the print data without them', async () => {
    const { PrinterStatusScript } = await import('../support/printer-status-script');
    const script = new PrinterStatusScript('paper-near-end');
    script.noiseBeforeReplies = Buffer.from([0x13]);
    const parse = script.stream();
    const first = parse(Buffer.from([0x1b, 0x40, 0x41, 0x10]));
    const second = parse(Buffer.from([0x04]));
    const third = parse(Buffer.from([0x04, 0x42, 0x10, 0x04, 0x01, 0x10, 0x05, 0x43]));
    expect([...first.data, ...second.data, ...third.data]).toEqual([
      0x1b, 0x40, 0x41, 0x42, 0x10, 0x05, 0x43,
    ]);
    expect([...first.reply, ...second.reply]).toEqual([]);
    expect([...third.reply]).toEqual([0x13, 0x1e, 0x13, 0x12]);
    expect(script.queries).toEqual([4, 1]);
  });
});
