/**
 * The staff sign-in sessions (`@fastify/session` data, as JSON) with their expiry: kept in the
 * server's database so they work alike on SQLite and PostgreSQL and survive a restart.
 */
import { sql } from 'kysely';
import { firstRow, runWrite, type Connection } from './connection';

export class StaffSessionsRepository {
  constructor(private readonly connection: Connection) {}

  /** The session's data, or undefined when it is unknown or expired at `nowMs`. */
  async get(id: string, nowMs: number): Promise<string | undefined> {
    const row = await firstRow(
      this.connection,
      sql<{ data_json: string; expires_at_ms: number }>`SELECT data_json, expires_at_ms
        FROM staff_sessions WHERE id = ${id}`,
    );
    if (!row || Number(row.expires_at_ms) <= nowMs) return undefined;
    return row.data_json;
  }

  async set(id: string, dataJson: string, expiresAtMs: number): Promise<void> {
    await runWrite(
      this.connection,
      sql`INSERT INTO staff_sessions (id, data_json, expires_at_ms)
        VALUES (${id}, ${dataJson}, ${expiresAtMs})
        ON CONFLICT (id) DO UPDATE SET data_json = ${dataJson}, expires_at_ms = ${expiresAtMs}`,
    );
  }

  async destroy(id: string): Promise<void> {
    await runWrite(this.connection, sql`DELETE FROM staff_sessions WHERE id = ${id}`);
  }

  /** Ends every session of a staff member (disabled, password reset). */
  async destroyOfStaff(staffId: string): Promise<void> {
    await runWrite(
      this.connection,
      sql`DELETE FROM staff_sessions WHERE data_json LIKE ${`%"staffId":${JSON.stringify(staffId)}%`}`,
    );
  }

  /** The cookie signing secret (`meta`), if one was made. */
  async secret(): Promise<string | undefined> {
    const row = await firstRow(
      this.connection,
      sql<{ value: string }>`SELECT value FROM meta WHERE key = 'staff_session_secret'`,
    );
    return row?.value;
  }

  /** Stores a secret unless another start stored one first; the secret in force. */
  async saveSecret(secret: string): Promise<string> {
    await runWrite(
      this.connection,
      sql`INSERT INTO meta (key, value) VALUES ('staff_session_secret', ${secret})
        ON CONFLICT (key) DO NOTHING`,
    );
    return (await this.secret()) ?? secret;
  }

  async purgeExpired(nowMs: number): Promise<number> {
    return runWrite(
      this.connection,
      sql`DELETE FROM staff_sessions WHERE expires_at_ms <= ${nowMs}`,
    );
  }
}
