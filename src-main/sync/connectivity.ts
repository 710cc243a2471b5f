/**
 * How the kiosk's link to the town hall is doing, from the outcomes of its requests (pure; the
 * time of each outcome is passed in).
 *
 * - `connecting`: nothing answered or failed yet.
 * - `offline`: the latest outcome of every kind of request (pull, push, lease, heartbeat,
 *   config) tried since the current round began (a full sync run) is a failure.
 * - `degraded`: some kind's latest outcome is a failure while others work (e.g. pushes fail but
 *   pulls work), or the recent error rate is high (at least `degradedRatio` of the last
 *   `windowSize` requests failed).
 * - `online`: otherwise.
 *
 * A refusal (4xx with an answer) is not a failure here: the town hall answered.
 */
import type { Connectivity } from '../../src-shared/contract/ipc';

export type { Connectivity };
export type RequestTrack = 'pull' | 'push' | 'lease' | 'heartbeat' | 'config';

export interface ConnectivityOptions {
  windowSize?: number;
  degradedRatio?: number;
}

export class ConnectivityTracker {
  private readonly latest = new Map<RequestTrack, { ok: boolean; at: number }>();
  private window: boolean[] = [];
  private roundStartedAt = Number.NEGATIVE_INFINITY;
  private failuresInRow = 0;
  private readonly windowSize: number;
  private readonly degradedRatio: number;

  constructor(options: ConnectivityOptions = {}) {
    this.windowSize = options.windowSize ?? 20;
    this.degradedRatio = options.degradedRatio ?? 0.25;
  }

  /**
   * A new round (a full sync run) begins: kinds of request not tried since then no longer
   * count (a lease obtained an hour ago says nothing about the link now).
   */
  beginRound(atMs: number): void {
    this.roundStartedAt = atMs;
  }

  record(track: RequestTrack, ok: boolean, atMs: number): void {
    // Back from an outage (offline, several failures in a row): the outage's failures are not
    // an "error rate" of the link now.
    if (ok && this.failuresInRow >= 3 && this.state() === 'offline') this.window = [];
    this.failuresInRow = ok ? 0 : this.failuresInRow + 1;
    this.latest.set(track, { ok, at: atMs });
    this.window.push(ok);
    if (this.window.length > this.windowSize) this.window.shift();
  }

  /** Share of failures among the last requests (0 when there were none). */
  errorRate(): number {
    if (this.window.length === 0) return 0;
    return this.window.filter((ok) => !ok).length / this.window.length;
  }

  /** The latest outcome of each kind of request that counts now (tried in this round). */
  private recent(): Array<[RequestTrack, { ok: boolean; at: number }]> {
    const all = [...this.latest.entries()];
    const recent = all.filter(([, outcome]) => outcome.at >= this.roundStartedAt);
    return recent.length > 0 ? recent : all;
  }

  state(): Connectivity {
    if (this.latest.size === 0) return 'connecting';
    const recent = this.recent();
    if (recent.every(([, outcome]) => !outcome.ok)) return 'offline';
    if (recent.some(([, outcome]) => !outcome.ok)) return 'degraded';
    if (this.window.length >= 5 && this.errorRate() >= this.degradedRatio) return 'degraded';
    return 'online';
  }

  /**
   * Why the link is as it is, from the outcomes alone (for a log line when no error of the
   * kiosk's own explains it): the kinds of request whose latest try failed, and the error rate.
   */
  describe(): string {
    const failing = this.recent()
      .filter(([, outcome]) => !outcome.ok)
      .map(([track]) => track);
    const failed = this.window.filter((ok) => !ok).length;
    const rate = `${failed} of the last ${this.window.length} requests failed`;
    return failing.length > 0 ? `${failing.join(', ')} failing; ${rate}` : rate;
  }
}
