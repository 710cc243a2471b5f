/**
 * Counts failed attempts per client (enrolment codes that did not work) over a sliding window:
 * a client with `limit` failures in the last `windowMs` waits until the oldest of them leaves
 * the window. Memory stays bounded: at most `maxClients` clients are remembered, the one
 * remembered longest is forgotten first.
 */
export interface FailureThrottleOptions {
  limit: number;
  windowMs: number;
  now: () => Date;
  maxClients?: number;
}

const DEFAULT_MAX_CLIENTS = 10_000;

export class FailureThrottle {
  /** Per client, the times (ms) of its failures still in the window, oldest first. */
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly options: FailureThrottleOptions) {}

  /** How long the client must wait before its next attempt is looked at (0: not at all). */
  waitMs(client: string): number {
    const recent = this.recent(client);
    if (recent.length < this.options.limit) return 0;
    const oldest = recent[recent.length - this.options.limit] as number;
    return oldest + this.options.windowMs - this.nowMs();
  }

  recordFailure(client: string): void {
    const recent = this.recent(client);
    recent.push(this.nowMs());
    // Only the last `limit` failures decide when the client may try again.
    if (recent.length > this.options.limit) recent.splice(0, recent.length - this.options.limit);
    this.failures.delete(client);
    this.failures.set(client, recent);
    const maxClients = this.options.maxClients ?? DEFAULT_MAX_CLIENTS;
    while (this.failures.size > maxClients) {
      const first = this.failures.keys().next().value as string;
      this.failures.delete(first);
    }
  }

  private nowMs(): number {
    return this.options.now().getTime();
  }

  private recent(client: string): number[] {
    const times = this.failures.get(client);
    if (!times) return [];
    const since = this.nowMs() - this.options.windowMs;
    const kept = times.filter((time) => time > since);
    if (kept.length === 0) this.failures.delete(client);
    else this.failures.set(client, kept);
    return kept;
  }
}
