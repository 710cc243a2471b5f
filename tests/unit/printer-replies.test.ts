import { afterEach, describe, expect, it, vi } from 'vitest';
import { processIdRequest } from '../../src-main/printer/escpos/commands';
import { ReplyTokenizer } from '../../src-main/printer/status/reply-tokenizer';
import { PrinterReplies } from '../../src-main/printer/transports/printer-replies';

/** `37 22 <id> 00`: what an EPSON TM sends back for GS ( H fn 48. */
const response = (id: string): Buffer =>
  Buffer.concat([Buffer.from([0x37, 0x22]), Buffer.from(id, 'latin1'), Buffer.from([0])]);

describe('GS ( H fn 48, the process ID request', () => {
  it('is spelled as EPSON documents it', () => {
    expect([...processIdRequest('0426')]).toEqual([
      0x1d, 0x28, 0x48, 0x06, 0x00, 0x30, 0x30, 0x30, 0x34, 0x32, 0x36,
    ]);
    expect(() => processIdRequest('12345')).toThrow('4 printable ASCII');
    expect(() => processIdRequest('12\n4')).toThrow('4 printable ASCII');
  });
});

describe('reading what the printer sends back', () => {
  it('tells process ID responses from status replies, even when their digits look like one', () => {
    // '2' (0x32) and '6' (0x36) have the DLE EOT reply pattern 0xx1xx10.
    const tokenizer = new ReplyTokenizer();
    expect(
      tokenizer.push(Buffer.concat([response('2626'), Buffer.from([0x12, 0x13, 0x16])])),
    ).toEqual([
      { kind: 'process-id', id: '2626' },
      { kind: 'status', byte: 0x12 },
      { kind: 'status', byte: 0x16 },
    ]);
  });

  it('joins a response split between reads', () => {
    const tokenizer = new ReplyTokenizer();
    const bytes = response('0262');
    const replies = [...bytes].flatMap((byte) => tokenizer.push(Buffer.from([byte])));
    expect(replies).toEqual([{ kind: 'process-id', id: '0262' }]);
  });

  it('drops a broken response and reads on after it', () => {
    const tokenizer = new ReplyTokenizer();
    // A header, an identifier, then a control byte where an ID character belongs.
    expect(tokenizer.push(Buffer.from([0x37, 0x22, 0x31, 0x01, 0x12]))).toEqual([
      { kind: 'status', byte: 0x12 },
    ]);
    // A header followed by a status reply: the reply is still read.
    expect(tokenizer.push(Buffer.from([0x37, 0x1a]))).toEqual([{ kind: 'status', byte: 0x1a }]);
    // Four ID characters not followed by NUL.
    expect(
      tokenizer.push(Buffer.concat([Buffer.from([0x37, 0x22]), Buffer.from('1234x')])),
    ).toEqual([]);
  });
});

describe('waiting for replies on a link', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('hands a status query its reply, and a process ID request its own ID only', async () => {
    const replies = new PrinterReplies();
    const mine = replies.expectProcessId('0007', 1000);
    const status = replies.expectStatus(1000);
    replies.feed(Buffer.concat([response('0006'), response('0007'), Buffer.from([0x1a])]));
    expect(await status).toBe(0x1a);
    expect(await mine.answered).toBe(true);
  });

  it('answers "no" at the timeout and on cancel, and a late response changes nothing', async () => {
    vi.useFakeTimers();
    const replies = new PrinterReplies();
    const late = replies.expectProcessId('0001', 500);
    const cancelled = replies.expectProcessId('0002', 500);
    cancelled.cancel();
    expect(await cancelled.answered).toBe(false);
    await vi.advanceTimersByTimeAsync(500);
    expect(await late.answered).toBe(false);
    replies.feed(response('0001'));
    // A fresh request for the same ID is answered by the next response only.
    const again = replies.expectProcessId('0001', 500);
    replies.feed(response('0001'));
    expect(await again.answered).toBe(true);
  });

  it('fails the status query and answers "no" to every request when the link drops', async () => {
    const replies = new PrinterReplies();
    const first = replies.expectProcessId('0003', 500);
    const second = replies.expectProcessId('0004', 500);
    const status = replies.expectStatus(500);
    replies.fail(new Error('link dropped'));
    await expect(status).rejects.toThrow('link dropped');
    expect(await first.answered).toBe(false);
    expect(await second.answered).toBe(false);
  });
});
