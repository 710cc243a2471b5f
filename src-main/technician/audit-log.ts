/**
 * What the technician mode writes to its audit log (docs/technician.md): when, who (the
 * technician by PIN, or the card's id), what, and for settings the old and new values. Secrets
 * are never written whatever the caller passes (secret-settings.ts), nor any PIN: the entries
 * about PINs carry no value at all. Entries older than a year are erased as new ones come in.
 */
import type { AuditAction, AuditEntry } from '../../src-shared/contract/technician';
import type { TechnicianAuditRepository } from '../store/technician-audit-repository';
import { isSecretPath } from './secret-settings';

export const AUDIT_RETENTION_DAYS = 366;
const MAX_VALUE_LENGTH = 400;

export interface AuditEvent {
  actor: string;
  action: AuditAction;
  path?: string;
  from?: unknown;
  to?: unknown;
  detail?: string;
}

/** A value as the log keeps it: JSON, shortened; `undefined` (absent) reads as null. */
export function auditValue(value: unknown): string {
  const text = JSON.stringify(value ?? null);
  return text.length <= MAX_VALUE_LENGTH ? text : `${text.slice(0, MAX_VALUE_LENGTH - 1)}…`;
}

export class AuditLog {
  constructor(
    private readonly repository: TechnicianAuditRepository,
    private readonly now: () => Date = () => new Date(),
    private readonly log: (line: string) => void = () => undefined,
  ) {}

  write(event: AuditEvent): void {
    const at = this.now();
    const secret = event.path !== undefined && isSecretPath(event.path);
    const withValues = event.action === 'setting-changed' || event.action === 'config-imported';
    this.repository.record({
      at,
      actor: event.actor,
      action: event.action,
      path: event.path ?? null,
      from: withValues && !secret ? auditValue(event.from) : null,
      to: withValues && !secret ? auditValue(event.to) : null,
      detail: event.detail ?? null,
    });
    this.repository.pruneBefore(new Date(at.getTime() - AUDIT_RETENTION_DAYS * 86_400_000));
    this.log(
      `technician: ${event.action}${event.path ? ` ${event.path}` : ''}` +
        `${event.detail ? ` (${event.detail})` : ''} by ${event.actor}`,
    );
  }

  list(options: { beforeId?: number; limit: number }): { entries: AuditEntry[]; more: boolean } {
    return this.repository.list(options);
  }
}
