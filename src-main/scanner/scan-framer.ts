/**
 * Splits a scanner's byte stream into scans at CR, LF or CRLF, with a bounded buffer: a stream of
 * noise without a terminator is dropped, never accumulated.
 */
export type FramerEvent =
  { kind: 'scan'; bytes: Buffer } | { kind: 'overflow'; droppedBytes: number };

export class ScanFramer {
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** True while discarding the rest of an over-long frame, up to its terminator. */
  private discarding = false;
  private discarded = 0;

  constructor(private readonly maxFrameBytes: number) {}

  push(data: Buffer): FramerEvent[] {
    const events: FramerEvent[] = [];
    let start = 0;
    for (let index = 0; index < data.length; index++) {
      const byte = data[index];
      if (byte !== 0x0d && byte !== 0x0a) continue;
      this.append(data.subarray(start, index));
      start = index + 1;
      if (this.discarding) {
        this.discarding = false;
        events.push({ kind: 'overflow', droppedBytes: this.discarded });
        this.discarded = 0;
      } else if (this.buffered > 0) {
        events.push({ kind: 'scan', bytes: Buffer.concat(this.chunks) });
      }
      this.chunks = [];
      this.buffered = 0;
    }
    this.append(data.subarray(start));
    return events;
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
