/**
 * Devices of the reference server: one-time enrolment codes, device credentials, the last
 * heartbeat of each device and remote configuration. Secrets are never stored: a code and a
 * credential are kept as their SHA-256 (see `hashSecret`).
 */
import type Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import type {
  Heartbeat,
  RemoteConfig,
  RemoteConfigSchema,
} from '../src-shared/contract/townhall-api';
import type { z } from 'zod';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS enrolment_codes (
    code_hash TEXT PRIMARY KEY,
    site_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    used_at TEXT,
    used_by TEXT
  ) STRICT;
  CREATE TABLE IF NOT EXISTS devices (
    site_id TEXT NOT NULL,
    kiosk_id TEXT NOT NULL,
    device_name TEXT,
    credential_hash TEXT UNIQUE,
    enrolled_at TEXT,
    last_seen_at TEXT,
    heartbeat_json TEXT,
    server_skew_ms INTEGER,
    PRIMARY KEY (site_id, kiosk_id)
  ) STRICT;
  CREATE TABLE IF NOT EXISTS remote_config (
    site_id TEXT NOT NULL,
    target TEXT NOT NULL,
    settings_json TEXT NOT NULL,
    version INTEGER NOT NULL,
    PRIMARY KEY (site_id, target)
  ) STRICT;
`;

export type RemoteSettings = z.infer<typeof RemoteConfigSchema>['settings'];

/** What the staff page and tests see of a device. */
export interface DeviceHealth {
  siteId: string;
  kioskId: string;
  deviceName: string | null;
  /** False for a device known only from its heartbeats (auth optional, never enrolled). */
  enrolled: boolean;
  enrolledAt: string | null;
  /** Server clock at the last heartbeat. */
  lastSeenAt: string | null;
  /** The last heartbeat as sent. */
  heartbeat: Heartbeat | null;
  printerState: string | null;
  outboxPending: number | null;
  /** The skew the kiosk itself reports (server minus kiosk, as it learnt it). */
  clockSkewMs: number | null;
  /** Measured here: kiosk `sentAt` minus server receipt time (includes network delay). */
  serverMeasuredSkewMs: number | null;
}

interface DeviceRow {
  site_id: string;
  kiosk_id: string;
  device_name: string | null;
  credential_hash: string | null;
  enrolled_at: string | null;
  last_seen_at: string | null;
  heartbeat_json: string | null;
  server_skew_ms: number | null;
}

/**
 * SHA-256, hex. Enough for a credential: it is 256 random bits, so there is nothing to guess or
 * precompute and a slow, salted password hash would only cost time on every request. Enrolment
 * codes are hashed the same way; they are short, but single-use (and void once used).
 */
export const hashSecret = (secret: string): string =>
  createHash('sha256').update(secret, 'utf8').digest('hex');

/** A device credential: a prefix that makes it recognisable in a leak scan + 256 random bits. */
export const newCredential = (): string => `tdc_${randomBytes(32).toString('base64url')}`;

/** A readable enrolment code, XXXX-XXXX-XXXX in an alphabet without look-alikes (60 bits). */
export function newEnrolmentCode(): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const bytes = randomBytes(12);
  let code = '';
  for (let i = 0; i < 12; i += 1) {
    if (i > 0 && i % 4 === 0) code += '-';
    code += alphabet[(bytes[i] as number) % 32];
  }
  return code;
}

const toDevice = (row: DeviceRow): DeviceHealth => {
  const heartbeat = row.heartbeat_json ? (JSON.parse(row.heartbeat_json) as Heartbeat) : null;
  return {
    siteId: row.site_id,
    kioskId: row.kiosk_id,
    deviceName: row.device_name,
    enrolled: row.credential_hash !== null,
    enrolledAt: row.enrolled_at,
    lastSeenAt: row.last_seen_at,
    heartbeat,
    printerState: heartbeat?.printer.state ?? null,
    outboxPending: heartbeat?.outbox.pending ?? null,
    clockSkewMs: heartbeat?.clockSkewMs ?? null,
    serverMeasuredSkewMs: row.server_skew_ms,
  };
};

export class DevicesRepository {
  constructor(private readonly db: Database.Database) {
    db.exec(SCHEMA);
  }

  addEnrolmentCode(siteId: string, code: string, at: Date): void {
    this.db
      .prepare(
        `INSERT OR IGNORE INTO enrolment_codes (code_hash, site_id, created_at) VALUES (?, ?, ?)`,
      )
      .run(hashSecret(code), siteId, at.toISOString());
  }

  /**
   * Exchanges an unused code of the site for a fresh credential of `kioskId`, in one
   * transaction: the code is spent, and a device enrolled before under the same id gets the new
   * credential (the old one stops working). Null when the code is unknown, used, or another site's.
   */
  enrol(
    siteId: string,
    input: { enrolmentCode: string; kioskId: string; deviceName?: string | undefined },
    at: Date,
  ): string | null {
    return this.db.transaction(() => {
      const spent = this.db
        .prepare(
          `UPDATE enrolment_codes SET used_at = ?, used_by = ?
           WHERE code_hash = ? AND site_id = ? AND used_at IS NULL`,
        )
        .run(at.toISOString(), input.kioskId, hashSecret(input.enrolmentCode), siteId);
      if (spent.changes !== 1) return null;
      const credential = newCredential();
      this.db
        .prepare(
          `INSERT INTO devices (site_id, kiosk_id, device_name, credential_hash, enrolled_at)
           VALUES (@siteId, @kioskId, @deviceName, @hash, @at)
           ON CONFLICT (site_id, kiosk_id) DO UPDATE SET
             device_name = excluded.device_name, credential_hash = excluded.credential_hash,
             enrolled_at = excluded.enrolled_at`,
        )
        .run({
          siteId,
          kioskId: input.kioskId,
          deviceName: input.deviceName ?? null,
          hash: hashSecret(credential),
          at: at.toISOString(),
        });
      return credential;
    })();
  }

  /** The device a credential belongs to, if any. */
  authenticate(credential: string): { siteId: string; kioskId: string } | undefined {
    const row = this.db
      .prepare(`SELECT site_id, kiosk_id FROM devices WHERE credential_hash = ?`)
      .get(hashSecret(credential)) as { site_id: string; kiosk_id: string } | undefined;
    return row ? { siteId: row.site_id, kioskId: row.kiosk_id } : undefined;
  }

  recordHeartbeat(siteId: string, heartbeat: Heartbeat, receivedAt: Date): void {
    const skew = new Date(heartbeat.sentAt).getTime() - receivedAt.getTime();
    this.db
      .prepare(
        `INSERT INTO devices (site_id, kiosk_id, last_seen_at, heartbeat_json, server_skew_ms)
         VALUES (@siteId, @kioskId, @at, @json, @skew)
         ON CONFLICT (site_id, kiosk_id) DO UPDATE SET
           last_seen_at = excluded.last_seen_at, heartbeat_json = excluded.heartbeat_json,
           server_skew_ms = excluded.server_skew_ms`,
      )
      .run({
        siteId,
        kioskId: heartbeat.kioskId,
        at: receivedAt.toISOString(),
        json: JSON.stringify(heartbeat),
        skew,
      });
  }

  listDevices(siteId?: string): DeviceHealth[] {
    const rows = (
      siteId === undefined
        ? this.db.prepare(`SELECT * FROM devices ORDER BY site_id, kiosk_id`).all()
        : this.db.prepare(`SELECT * FROM devices WHERE site_id = ? ORDER BY kiosk_id`).all(siteId)
    ) as DeviceRow[];
    return rows.map(toDevice);
  }

  /**
   * Replaces the settings of one kiosk (or of every kiosk of the site, target '*'). Versions
   * come from one counter per site, so a kiosk's effective version (the larger of its own and
   * the site-wide one) changes whenever either changes.
   */
  setRemoteConfig(siteId: string, target: string, settings: RemoteSettings): number {
    return this.db.transaction(() => {
      const { top } = this.db
        .prepare(`SELECT COALESCE(MAX(version), 0) AS top FROM remote_config WHERE site_id = ?`)
        .get(siteId) as { top: number };
      const version = top + 1;
      this.db
        .prepare(
          `INSERT INTO remote_config (site_id, target, settings_json, version) VALUES (?, ?, ?, ?)
           ON CONFLICT (site_id, target) DO UPDATE SET
             settings_json = excluded.settings_json, version = excluded.version`,
        )
        .run(siteId, target, JSON.stringify(settings), version);
      return version;
    })();
  }

  /** The site-wide settings with the kiosk's own on top; version 0 when none were ever set. */
  remoteConfig(siteId: string, kioskId: string): RemoteConfig {
    const rows = this.db
      .prepare(
        `SELECT target, settings_json, version FROM remote_config
         WHERE site_id = ? AND target IN ('*', ?)`,
      )
      .all(siteId, kioskId) as { target: string; settings_json: string; version: number }[];
    const global = rows.find((row) => row.target === '*');
    const own = rows.find((row) => row.target !== '*');
    return {
      version: Math.max(global?.version ?? 0, own?.version ?? 0),
      settings: {
        ...(global ? (JSON.parse(global.settings_json) as RemoteSettings) : {}),
        ...(own ? (JSON.parse(own.settings_json) as RemoteSettings) : {}),
      },
    };
  }
}
