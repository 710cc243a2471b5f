/**
 * Matches what a bidirectional link reads against the one status query in flight. Bytes that are
 * not a DLE EOT reply (automatic status back, XON/XOFF, noise) are dropped, and so are replies
 * that arrive when nobody is waiting (a late answer to a query that already timed out).
 */
import { firstStatusReply } from '../status/dle-eot';

interface Waiter {
  resolve: (byte: number | null) => void;
  reject: (error: unknown) => void;
  timer: NodeJS.Timeout;
}

export class StatusReplies {
  private waiter: Waiter | null = null;

  /** Feed every chunk the link reads. */
  feed(chunk: Uint8Array): void {
    const waiter = this.waiter;
    if (!waiter) return;
    const reply = firstStatusReply(chunk);
    if (reply === null) return;
    this.waiter = null;
    clearTimeout(waiter.timer);
    waiter.resolve(reply);
  }

  /**
   * Starts waiting for the next reply, before the query is sent (a fast printer may answer before
   * the write callback runs). Resolves null after `timeoutMs`.
   */
  expect(timeoutMs: number): Promise<number | null> {
    this.fail(new Error('superseded by a newer status query'));
    return new Promise<number | null>((resolve, reject) => {
      const timer = setTimeout(() => {
        if (this.waiter?.timer === timer) this.waiter = null;
        resolve(null);
      }, timeoutMs);
      this.waiter = { resolve, reject, timer };
    });
  }

  /** The link dropped (or the query could not be sent): the query in flight fails with `error`. */
  fail(error: unknown): void {
    const waiter = this.waiter;
    if (!waiter) return;
    this.waiter = null;
    clearTimeout(waiter.timer);
    waiter.reject(error);
  }
}
