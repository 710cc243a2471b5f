/**
 * Splits a scanner's byte stream into scans at its terminator, with a bounded buffer: a stream of
 * noise without a terminator is dropped, never accumulated.
 *
 * Terminators: `auto` (any of CR, LF, CRLF; empty frames between them are ignored), `cr`, `lf`,
 * `crlf` (the pair only), or `none`: the owner calls `flush()` after a silence between bytes.
 */
export type ScanTerminator = 'auto' | 'cr' | 'lf' | 'crlf' | 'none';

export type FramerEvent =
  { kind: 'scan'; bytes: Buffer } | { kind: 'overflow'; droppedBytes: number };

const CR = 0x0d;
const LF = 0x0a;

export class ScanFramer {
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** True while discarding the rest of an over-long frame, up to its terminator. */
  private discarding = false;
  private discarded = 0;
  /** The last byte of the previous chunk, for a CRLF split across two reads. */
  private lastByte = -1;

  constructor(
    private readonly maxFrameBytes: number,
    private readonly terminator: ScanTerminator = 'auto',
  ) {}

  private endsFrame(byte: number, previous: number): boolean {
    switch (this.terminator) {
      case 'auto':
        return byte === CR || byte === LF;
      case 'cr':
        return byte === CR;
      case 'lf':
        return byte === LF;
      case 'crlf':
        return byte === LF && previous === CR;
      case 'none':
        return false;
    }
  }

  push(data: Buffer): FramerEvent[] {
    const events: FramerEvent[] = [];
    let start = 0;
    for (let index = 0; index < data.length; index++) {
      const byte = data[index] as number;
      const previous = index > 0 ? (data[index - 1] as number) : this.lastByte;
      if (!this.endsFrame(byte, previous)) continue;
      this.append(data.subarray(start, index));
      start = index + 1;
      this.endFrame(events);
    }
    this.append(data.subarray(start));
    if (data.length > 0) this.lastByte = data[data.length - 1] as number;
    return events;
  }

  /** Ends the frame in progress without a terminator (terminator `none`, after a silence). */
  flush(): FramerEvent[] {
    const events: FramerEvent[] = [];
    this.endFrame(events);
    this.lastByte = -1;
    return events;
  }

  private endFrame(events: FramerEvent[]): void {
    if (this.discarding) {
      this.discarding = false;
      events.push({ kind: 'overflow', droppedBytes: this.discarded });
      this.discarded = 0;
    } else if (this.buffered > 0) {
      let bytes = Buffer.concat(this.chunks);
      // CRLF: the CR before the LF belongs to the terminator.
      if (this.terminator === 'crlf' && bytes[bytes.length - 1] === CR) {
        bytes = bytes.subarray(0, -1);
      }
      if (bytes.length > 0) events.push({ kind: 'scan', bytes });
    }
    this.chunks = [];
    this.buffered = 0;
  }

  private append(slice: Buffer): void {
    if (slice.length === 0) return;
    if (this.discarding) {
      this.discarded += slice.length;
      return;
    }
    if (this.buffered + slice.length > this.maxFrameBytes) {
      this.discarding = true;
      this.discarded = this.buffered + slice.length;
      this.chunks = [];
      this.buffered = 0;
      return;
    }
    this.chunks.push(Buffer.from(slice));
    this.buffered += slice.length;
  }
}
