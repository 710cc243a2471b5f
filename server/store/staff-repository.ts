/**
 * Staff accounts (who may sign in, with which role, the password hash and the lockout counters)
 * and the staff audit log. The password itself never reaches this module: only its hash
 * (`server/staff/passwords.ts`).
 */
import { sql } from 'kysely';
import type { StaffRole } from '../../src-shared/contract/office';
import { allRows, firstRow, runWrite, type Connection } from './connection';

export interface StaffAccountRecord {
  id: string;
  username: string;
  displayName: string;
  role: StaffRole;
  passwordHash: string;
  disabled: boolean;
  failedAttempts: number;
  lockedUntilMs: number | null;
}

interface AccountRow {
  id: string;
  username: string;
  display_name: string;
  role: StaffRole;
  password_hash: string;
  disabled: number;
  failed_attempts: number;
  locked_until_ms: number | null;
}

const toAccount = (row: AccountRow): StaffAccountRecord => ({
  id: row.id,
  username: row.username,
  displayName: row.display_name,
  role: row.role,
  passwordHash: row.password_hash,
  disabled: Number(row.disabled) === 1,
  failedAttempts: Number(row.failed_attempts),
  lockedUntilMs: row.locked_until_ms === null ? null : Number(row.locked_until_ms),
});

export interface AuditEntry {
  atMs: number;
  staffId: string | null;
  username: string;
  siteId: string | null;
  action: string;
  /** Numbers, desks, services, roles: never a citizen's data. */
  detail: Readonly<Record<string, string | number | boolean | readonly string[]>>;
}

export interface AuditFilter {
  username?: string;
  action?: string;
  fromMs?: number;
  toMs?: number;
}

export interface AuditPageRows {
  entries: (AuditEntry & { seq: number })[];
  hasMore: boolean;
}

interface AuditRow {
  seq: number | string;
  at_ms: number | string;
  staff_id: string | null;
  username: string;
  site_id: string | null;
  action: string;
  detail_json: string;
}

const toAuditEntry = (row: AuditRow): AuditEntry => ({
  atMs: Number(row.at_ms),
  staffId: row.staff_id,
  username: row.username,
  siteId: row.site_id,
  action: row.action,
  detail: JSON.parse(row.detail_json) as AuditEntry['detail'],
});

export class StaffRepository {
  constructor(private readonly connection: Connection) {}

  async count(): Promise<number> {
    const row = await firstRow(
      this.connection,
      sql<{ n: number }>`SELECT COUNT(*) AS n FROM staff_accounts`,
    );
    return Number(row?.n ?? 0);
  }

  async byUsername(username: string): Promise<StaffAccountRecord | undefined> {
    const row = await firstRow(
      this.connection,
      sql<AccountRow>`SELECT * FROM staff_accounts WHERE username = ${username}`,
    );
    return row ? toAccount(row) : undefined;
  }

  async byId(id: string): Promise<StaffAccountRecord | undefined> {
    const row = await firstRow(
      this.connection,
      sql<AccountRow>`SELECT * FROM staff_accounts WHERE id = ${id}`,
    );
    return row ? toAccount(row) : undefined;
  }

  async list(): Promise<StaffAccountRecord[]> {
    const rows = await allRows(
      this.connection,
      sql<AccountRow>`SELECT * FROM staff_accounts ORDER BY username`,
    );
    return rows.map(toAccount);
  }

  /** False when the username is taken. */
  async insert(
    account: Pick<StaffAccountRecord, 'id' | 'username' | 'displayName' | 'role' | 'passwordHash'>,
    at: Date,
  ): Promise<boolean> {
    if (await this.byUsername(account.username)) return false;
    await runWrite(
      this.connection,
      sql`INSERT INTO staff_accounts (id, username, display_name, role, password_hash,
          created_at_ms)
        VALUES (${account.id}, ${account.username}, ${account.displayName}, ${account.role},
          ${account.passwordHash}, ${at.getTime()})`,
    );
    return true;
  }

  async setRole(id: string, role: StaffRole): Promise<void> {
    await runWrite(this.connection, sql`UPDATE staff_accounts SET role = ${role} WHERE id = ${id}`);
  }

  async setDisabled(id: string, disabled: boolean): Promise<void> {
    await runWrite(
      this.connection,
      sql`UPDATE staff_accounts SET disabled = ${disabled ? 1 : 0} WHERE id = ${id}`,
    );
  }

  /** A new password also lifts a lockout. */
  async setPasswordHash(id: string, passwordHash: string): Promise<void> {
    await runWrite(
      this.connection,
      sql`UPDATE staff_accounts SET password_hash = ${passwordHash}, failed_attempts = 0,
          locked_until_ms = NULL WHERE id = ${id}`,
    );
  }

  /** Counts a failed sign-in; locks the account until `lockUntilMs` when it reaches `limit`. */
  async recordFailure(id: string, limit: number, lockUntilMs: number): Promise<number> {
    await runWrite(
      this.connection,
      sql`UPDATE staff_accounts SET failed_attempts = failed_attempts + 1 WHERE id = ${id}`,
    );
    const attempts = (await this.byId(id))?.failedAttempts ?? 0;
    if (attempts >= limit) {
      await runWrite(
        this.connection,
        sql`UPDATE staff_accounts SET locked_until_ms = ${lockUntilMs}, failed_attempts = 0
          WHERE id = ${id}`,
      );
    }
    return attempts;
  }

  async clearFailures(id: string): Promise<void> {
    await runWrite(
      this.connection,
      sql`UPDATE staff_accounts SET failed_attempts = 0, locked_until_ms = NULL WHERE id = ${id}`,
    );
  }

  async audit(entry: AuditEntry): Promise<void> {
    await runWrite(
      this.connection,
      sql`INSERT INTO staff_audit (at_ms, staff_id, username, site_id, action, detail_json)
        VALUES (${entry.atMs}, ${entry.staffId}, ${entry.username}, ${entry.siteId},
          ${entry.action}, ${JSON.stringify(entry.detail)})`,
    );
  }

  /**
   * A page of the log, newest first, filtered by username, action and instants (`fromMs`
   * included, `toMs` excluded); one more entry than `limit` is read to tell whether an older
   * page exists.
   */
  async auditPage(filter: AuditFilter, limit: number, offset: number): Promise<AuditPageRows> {
    const conditions = [
      filter.username !== undefined ? sql`username = ${filter.username}` : null,
      filter.action !== undefined ? sql`action = ${filter.action}` : null,
      filter.fromMs !== undefined ? sql`at_ms >= ${filter.fromMs}` : null,
      filter.toMs !== undefined ? sql`at_ms < ${filter.toMs}` : null,
    ].filter((condition) => condition !== null);
    const where = conditions.length > 0 ? sql`WHERE ${sql.join(conditions, sql` AND `)}` : sql``;
    const rows = await allRows(
      this.connection,
      sql<AuditRow>`SELECT seq, at_ms, staff_id, username, site_id, action, detail_json
        FROM staff_audit ${where} ORDER BY seq DESC LIMIT ${limit + 1} OFFSET ${offset}`,
    );
    return {
      entries: rows.slice(0, limit).map((row) => ({ seq: Number(row.seq), ...toAuditEntry(row) })),
      hasMore: rows.length > limit,
    };
  }

  /** Every username and every action the log holds, sorted: what its filters offer. */
  async auditFacets(): Promise<{ usernames: string[]; actions: string[] }> {
    const usernames = await allRows(
      this.connection,
      sql<{ value: string }>`SELECT DISTINCT username AS value FROM staff_audit ORDER BY value`,
    );
    const actions = await allRows(
      this.connection,
      sql<{ value: string }>`SELECT DISTINCT action AS value FROM staff_audit ORDER BY value`,
    );
    return {
      usernames: usernames.map((row) => row.value),
      actions: actions.map((row) => row.value),
    };
  }

  /** The newest `limit` entries, newest first. */
  async auditLog(limit: number): Promise<AuditEntry[]> {
    const rows = await allRows(
      this.connection,
      sql<AuditRow>`SELECT seq, at_ms, staff_id, username, site_id, action, detail_json
        FROM staff_audit ORDER BY seq DESC LIMIT ${limit}`,
    );
    return rows.map(toAuditEntry);
  }
}
