/**
 * Devices: one-time enrolment codes (with the kiosk they are for, their expiry and whether they
 * may replace an enrolled kiosk), device credentials and the last heartbeat of each device.
 * Secrets are never stored: a code and a credential are kept as their SHA-256 (`hashSecret`).
 */
import { sql } from 'kysely';
import type { Heartbeat } from '../../src-shared/contract/townhall-api';
import { hashSecret, newCredential } from '../device-secrets';
import type { EnrolmentCodeRules } from '../enrolment-codes';
import { allRows, atomically, firstRow, runWrite, type Connection } from './connection';

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

export type EnrolmentOutcome =
  | { outcome: 'enrolled'; credential: string }
  | { outcome: 'invalid-code' }
  | { outcome: 'already-enrolled' };

/** The columns one write sets: those of enrolment, or those of a heartbeat. */
type DeviceFields = Partial<Omit<DeviceRow, 'site_id' | 'kiosk_id'>>;

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

/** An unused, unexpired enrolment code as the office lists it. */
export interface OpenEnrolmentCode {
  ref: string;
  kioskId: string | null;
  createdAt: string;
  expiresAt: string;
}

export const enrolmentCodeRef = (codeHash: string): string => codeHash.slice(0, 16);

export class DevicesRepository {
  constructor(private readonly connection: Connection) {}

  /** Stores a code's hash with its rules; false when that code already exists. */
  async addEnrolmentCode(
    siteId: string,
    code: string,
    rules: EnrolmentCodeRules,
    at: Date,
  ): Promise<boolean> {
    const added = await runWrite(
      this.connection,
      sql`INSERT INTO enrolment_codes (code_hash, site_id, created_at, kiosk_id, expires_at,
          replace_kiosk) VALUES (${hashSecret(code)}, ${siteId}, ${at.toISOString()},
          ${rules.kioskId}, ${rules.expiresAt.toISOString()}, ${rules.replace ? 1 : 0})
        ON CONFLICT DO NOTHING`,
    );
    return added === 1;
  }

  /**
   * The site's codes still open at `at` (unused, unexpired), newest first; each named by the
   * first 16 hex digits of its hash (`ref`): never the code, which is not stored.
   */
  async openEnrolmentCodes(siteId: string, at: Date): Promise<OpenEnrolmentCode[]> {
    const rows = await allRows(
      this.connection,
      sql<{ code_hash: string; kiosk_id: string | null; created_at: string; expires_at: string }>`
        SELECT code_hash, kiosk_id, created_at, expires_at FROM enrolment_codes
        WHERE site_id = ${siteId} AND used_at IS NULL AND expires_at > ${at.toISOString()}
        ORDER BY created_at DESC, code_hash`,
    );
    return rows.map((row) => ({
      ref: enrolmentCodeRef(row.code_hash),
      kioskId: row.kiosk_id,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
    }));
  }

  /** Deletes an unused code of the site by its `ref`; the kiosk it was for, or undefined. */
  async revokeEnrolmentCode(
    siteId: string,
    ref: string,
  ): Promise<{ kioskId: string | null } | undefined> {
    const row = await firstRow(
      this.connection,
      sql<{ code_hash: string; kiosk_id: string | null }>`SELECT code_hash, kiosk_id
        FROM enrolment_codes WHERE site_id = ${siteId} AND used_at IS NULL
          AND substr(code_hash, 1, 16) = ${ref}`,
    );
    if (!row) return undefined;
    await runWrite(
      this.connection,
      sql`DELETE FROM enrolment_codes WHERE code_hash = ${row.code_hash} AND used_at IS NULL`,
    );
    return { kioskId: row.kiosk_id };
  }

  /**
   * Exchanges a code for a fresh credential of `kioskId`, in one transaction. The code must be
   * the site's, unused, unexpired and for that kiosk (or for any kiosk); otherwise
   * 'invalid-code', without saying which. A kiosk already enrolled is 'already-enrolled' unless
   * the code was made to replace it; the code is then not spent. On success the code is spent
   * and an earlier credential of the kiosk stops working.
   */
  async enrol(
    siteId: string,
    input: { enrolmentCode: string; kioskId: string; deviceName?: string | undefined },
    at: Date,
  ): Promise<EnrolmentOutcome> {
    return atomically(
      this.connection,
      async (connection): Promise<EnrolmentOutcome> => {
        const codeHash = hashSecret(input.enrolmentCode);
        const code = await firstRow(
          connection,
          sql<{ kiosk_id: string | null; expires_at: string; replace_kiosk: number }>`SELECT
              kiosk_id, expires_at, replace_kiosk FROM enrolment_codes
            WHERE code_hash = ${codeHash} AND site_id = ${siteId} AND used_at IS NULL`,
        );
        if (
          !code ||
          Date.parse(code.expires_at) <= at.getTime() ||
          (code.kiosk_id !== null && code.kiosk_id !== input.kioskId)
        ) {
          return { outcome: 'invalid-code' };
        }
        const enrolled = await firstRow(
          connection,
          sql`SELECT 1 AS one FROM devices WHERE site_id = ${siteId}
            AND kiosk_id = ${input.kioskId} AND credential_hash IS NOT NULL`,
        );
        if (enrolled && code.replace_kiosk !== 1) return { outcome: 'already-enrolled' };
        await runWrite(
          connection,
          sql`UPDATE enrolment_codes SET used_at = ${at.toISOString()},
            used_by = ${input.kioskId} WHERE code_hash = ${codeHash}`,
        );
        const credential = newCredential();
        await upsertDevice(connection, siteId, input.kioskId, {
          device_name: input.deviceName ?? null,
          credential_hash: hashSecret(credential),
          enrolled_at: at.toISOString(),
        });
        return { outcome: 'enrolled', credential };
      },
      siteId,
    );
  }

  /** The device a credential belongs to, if any. */
  async authenticate(credential: string): Promise<{ siteId: string; kioskId: string } | undefined> {
    const row = await firstRow(
      this.connection,
      sql<{ site_id: string; kiosk_id: string }>`SELECT site_id, kiosk_id FROM devices
        WHERE credential_hash = ${hashSecret(credential)}`,
    );
    return row ? { siteId: row.site_id, kioskId: row.kiosk_id } : undefined;
  }

  async recordHeartbeat(siteId: string, heartbeat: Heartbeat, receivedAt: Date): Promise<void> {
    await upsertDevice(this.connection, siteId, heartbeat.kioskId, {
      last_seen_at: receivedAt.toISOString(),
      heartbeat_json: JSON.stringify(heartbeat),
      server_skew_ms: new Date(heartbeat.sentAt).getTime() - receivedAt.getTime(),
    });
  }

  async list(siteId?: string): Promise<DeviceHealth[]> {
    const rows = await allRows(
      this.connection,
      siteId === undefined
        ? sql<DeviceRow>`SELECT * FROM devices ORDER BY site_id, kiosk_id`
        : sql<DeviceRow>`SELECT * FROM devices WHERE site_id = ${siteId} ORDER BY kiosk_id`,
    );
    return rows.map(toDevice);
  }
}

/** Creates the device, or sets these columns of the one already known (the others stay). */
async function upsertDevice(
  connection: Connection,
  siteId: string,
  kioskId: string,
  fields: DeviceFields,
): Promise<void> {
  // The column names come from DeviceFields' keys, never from a request.
  const columns = Object.keys(fields) as (keyof DeviceFields)[];
  await runWrite(
    connection,
    sql`INSERT INTO devices (site_id, kiosk_id, ${sql.join(columns.map((c) => sql.ref(c)))})
      VALUES (${siteId}, ${kioskId}, ${sql.join(columns.map((c) => fields[c] ?? null))})
      ON CONFLICT (site_id, kiosk_id) DO UPDATE SET
        ${sql.join(columns.map((c) => sql`${sql.ref(c)} = ${sql.raw(`excluded.${c}`)}`))}`,
  );
}
