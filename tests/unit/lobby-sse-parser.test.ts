import { describe, expect, it } from 'vitest';
import { SseParser } from '../../src-main/backend/turnero-api/lobby-stream';

describe('the SSE parser of main’s lobby stream', () => {
  it('splits events across chunks and line endings, keeps the last id, skips comments', () => {
    const events: { id: string | null; data: string }[] = [];
    const parser = new SseParser((event) => events.push(event));
    parser.push('retry: 3000\n\n: keep-alive\n\nid: 7\nda');
    parser.push('ta: {"a":1}\r\n\r\ndata: one\ndata:two\n');
    expect(events).toEqual([{ id: '7', data: '{"a":1}' }]);
    parser.push('\n');
    expect(events).toEqual([
      { id: '7', data: '{"a":1}' },
      { id: '7', data: 'one\ntwo' },
    ]);
  });

  it('refuses a line that never ends', () => {
    const parser = new SseParser(() => undefined);
    expect(() => parser.push('data: ' + 'x'.repeat(300 * 1024))).toThrow('too long');
  });
});
