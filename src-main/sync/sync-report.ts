/** What one sync run did, filled in by its steps as they go. */
export interface SyncReport {
  ok: boolean;
  error?: string;
  /** Appointments received (new or changed) in this run. */
  appointmentsReceived: number;
  /** Outbox rows the town hall accepted (201) or already had (200). */
  delivered: number;
  /** Outbox rows the town hall refused for good (400/409/413/415/422), settled, not retried. */
  rejected: number;
  /** Number leases obtained in this run. */
  leases: number;
}

export const emptyReport = (): SyncReport => ({
  ok: true,
  appointmentsReceived: 0,
  delivered: 0,
  rejected: 0,
  leases: 0,
});
