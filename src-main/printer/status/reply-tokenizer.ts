/**
 * What a printer sends back, read as a stream: one-byte `DLE EOT` status replies (`0xx1xx10`) and
 * process ID responses (`37h 22h d1 d2 d3 d4 00h`, the answer to `GS ( H` fn 48). A response may
 * be split between reads, so the tokenizer keeps the part it has seen. Its ID characters are
 * never taken for status replies ('2' is 0x32, which has the status pattern); everything else
 * (XON/XOFF, automatic status back, noise) is dropped.
 */
import {
  PROCESS_ID_LENGTH,
  PROCESS_ID_RESPONSE_HEADER,
  PROCESS_ID_RESPONSE_IDENTIFIER,
} from '../escpos/commands';
import { isStatusReply } from './dle-eot';

export type PrinterReply = { kind: 'status'; byte: number } | { kind: 'process-id'; id: string };

const isIdCharacter = (byte: number): boolean => byte >= 0x20 && byte <= 0x7e;

export class ReplyTokenizer {
  /** The process ID response read so far (its header first), or null outside one. */
  private frame: number[] | null = null;

  /** The replies completed by `chunk`, in order. */
  push(chunk: Uint8Array): PrinterReply[] {
    const replies: PrinterReply[] = [];
    for (const byte of chunk) {
      const reply = this.next(byte);
      if (reply) replies.push(reply);
    }
    return replies;
  }

  private next(byte: number): PrinterReply | null {
    const frame = this.frame;
    if (frame) {
      const position = frame.length;
      const fits =
        position === 1
          ? byte === PROCESS_ID_RESPONSE_IDENTIFIER
          : position <= PROCESS_ID_LENGTH + 1
            ? isIdCharacter(byte)
            : byte === 0x00;
      if (fits) {
        frame.push(byte);
        if (frame.length < PROCESS_ID_LENGTH + 3) return null;
        this.frame = null;
        return { kind: 'process-id', id: String.fromCharCode(...frame.slice(2, -1)) };
      }
      // Not a response after all: read the byte afresh.
      this.frame = null;
    }
    if (byte === PROCESS_ID_RESPONSE_HEADER) {
      this.frame = [byte];
      return null;
    }
    return isStatusReply(byte) ? { kind: 'status', byte } : null;
  }
}
