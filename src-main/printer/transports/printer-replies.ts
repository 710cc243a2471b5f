/**
 * Matches what a bidirectional link reads against the queries in flight: at most one `DLE EOT`
 * status query, and the `GS ( H` process ID requests still waiting for their response. Bytes
 * that are neither (automatic status back, XON/XOFF, noise) are dropped, and so are replies that
 * arrive when nobody is waiting (a late answer to a query that already timed out) and process
 * IDs nobody asked for (the answer to a request given up on).
 */
import { ReplyTokenizer } from '../status/reply-tokenizer';

interface StatusWaiter {
  resolve: (byte: number | null) => void;
  reject: (error: unknown) => void;
  timer: NodeJS.Timeout;
}

interface ProcessIdWaiter {
  resolve: (answered: boolean) => void;
  timer: NodeJS.Timeout;
}

/** A process ID request in flight: see PrinterTransport.requestProcessId. */
export interface ProcessIdWait {
  /** True once the printer sent the ID back; false at the timeout, on cancel, or if the link dropped. */
  readonly answered: Promise<boolean>;
  /** Stops waiting (answered resolves false). */
  cancel(): void;
}

export class PrinterReplies {
  private readonly tokenizer = new ReplyTokenizer();
  private statusWaiter: StatusWaiter | null = null;
  private readonly processIdWaiters = new Map<string, ProcessIdWaiter>();

  /** Feed every chunk the link reads. */
  feed(chunk: Uint8Array): void {
    for (const reply of this.tokenizer.push(chunk)) {
      if (reply.kind === 'process-id') {
        this.settleProcessId(reply.id, true);
        continue;
      }
      const waiter = this.statusWaiter;
      if (!waiter) continue;
      this.statusWaiter = null;
      clearTimeout(waiter.timer);
      waiter.resolve(reply.byte);
    }
  }

  /**
   * Starts waiting for the next status reply, before the query is sent (a fast printer may answer
   * before the write callback runs). Resolves null after `timeoutMs`.
   */
  expectStatus(timeoutMs: number): Promise<number | null> {
    this.failStatus(new Error('superseded by a newer status query'));
    return new Promise<number | null>((resolve, reject) => {
      const timer = setTimeout(() => {
        if (this.statusWaiter?.timer === timer) this.statusWaiter = null;
        resolve(null);
      }, timeoutMs);
      this.statusWaiter = { resolve, reject, timer };
    });
  }

  /** Starts waiting for process ID `id`, before its request is sent. */
  expectProcessId(id: string, timeoutMs: number): ProcessIdWait {
    this.settleProcessId(id, false);
    const answered = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => this.settleProcessId(id, false), timeoutMs);
      this.processIdWaiters.set(id, { resolve, timer });
    });
    return { answered, cancel: () => this.settleProcessId(id, false) };
  }

  /**
   * The link dropped (or a request could not be sent): the status query in flight fails with
   * `error`, and process ID requests are answered "no" (the status read then says why).
   */
  fail(error: unknown): void {
    this.failStatus(error);
    for (const id of [...this.processIdWaiters.keys()]) this.settleProcessId(id, false);
  }

  private failStatus(error: unknown): void {
    const waiter = this.statusWaiter;
    if (!waiter) return;
    this.statusWaiter = null;
    clearTimeout(waiter.timer);
    waiter.reject(error);
  }

  private settleProcessId(id: string, answered: boolean): void {
    const waiter = this.processIdWaiters.get(id);
    if (!waiter) return;
    this.processIdWaiters.delete(id);
    clearTimeout(waiter.timer);
    waiter.resolve(answered);
  }
}
