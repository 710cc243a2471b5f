/**
 * Files the page may download from the web host (the technician's log bundle): each offer is a
 * one-time token, valid for a minute, minted through a technician-only IPC channel. The web host
 * serves `/technician/download/<token>` only to a page that also proves the installation's secret;
 * the token alone is worth nothing after one use or a minute.
 */
import { randomBytes } from 'node:crypto';

export interface Download {
  fileName: string;
  contentType: string;
  body: Buffer;
}

export const DOWNLOAD_PATH_PREFIX = '/technician/download/';
export const DOWNLOAD_TTL_MS = 60_000;

export class DownloadOffers {
  private readonly offers = new Map<string, { produce: () => Download; expiresAt: number }>();

  constructor(
    private readonly ttlMs = DOWNLOAD_TTL_MS,
    private readonly nowMs: () => number = Date.now,
  ) {}

  /** Offers what `produce` makes (made when taken, not now); the path the page asks for. */
  offer(produce: () => Download): string {
    this.forgetExpired();
    const token = randomBytes(24).toString('base64url');
    this.offers.set(token, { produce, expiresAt: this.nowMs() + this.ttlMs });
    return `${DOWNLOAD_PATH_PREFIX}${token}`;
  }

  /** The file for a valid token, once; null for an unknown, used or expired one. */
  take(token: string): Download | null {
    this.forgetExpired();
    const offer = this.offers.get(token);
    this.offers.delete(token);
    return offer ? offer.produce() : null;
  }

  private forgetExpired(): void {
    const now = this.nowMs();
    for (const [token, offer] of this.offers) if (offer.expiresAt <= now) this.offers.delete(token);
  }
}
