/**
 * One sync run, step by step. Full (and poll): site info → top up number leases → push the
 * outbox → pull the appointments window. Push: leases and outbox only. A step that fails is the
 * run's error and the next steps still go, unless nobody answered at all: then they would only
 * wait for their own timeouts. Nothing is thrown: the report and the status say what happened.
 */
import { errorText } from '../logging/error-text';
import type { AppointmentPuller } from './appointment-puller';
import type { RequestTrack } from './connectivity';
import { isUnreachable } from './failure-kinds';
import type { LeaseKeeper } from './lease-keeper';
import type { OutboxPusher } from './outbox-pusher';
import type { RunKind } from './scheduler';
import { emptyReport, type SyncReport } from './sync-report';
import type { SyncStatusKeeper } from './sync-status';

export interface SyncRunParts {
  status: SyncStatusKeeper;
  puller: AppointmentPuller;
  leases: LeaseKeeper;
  pusher: OutboxPusher;
  log: (line: string) => void;
}

export function createSyncRun(parts: SyncRunParts): (kind: RunKind) => Promise<SyncReport> {
  const { status, puller, leases, pusher, log } = parts;

  return async function run(kind) {
    const report = emptyReport();
    let reachable = true;
    const step = async (track: RequestTrack | null, work: () => Promise<void>) => {
      if (!reachable) return;
      try {
        await work();
      } catch (error) {
        if (track) status.record(track, error);
        if (report.ok) {
          report.ok = false;
          report.error = errorText(error);
        }
        if (isUnreachable(error)) reachable = false;
      }
    };

    const full = kind !== 'push';
    if (full) {
      status.beginRound();
      await step('pull', async () => {
        await puller.pullSiteInfo();
        status.record('pull');
      });
    }
    if (full || leases.ready()) await step(null, () => leases.topUp(report));
    if (kind === 'full' || pusher.ready()) await step(null, () => pusher.push(report));
    if (full) {
      const pulledBefore = report.ok;
      await step('pull', async () => {
        await puller.pullAppointments(report);
        status.record('pull');
        puller.recordMovedBookings();
        if (pulledBefore) status.upToDate();
      });
    }
    status.runEnded(report.ok ? null : (report.error ?? null));
    if (report.appointmentsReceived > 0 || report.delivered > 0 || report.rejected > 0) {
      log(
        `sync: ${report.appointmentsReceived} appointment change(s) received, ` +
          `${report.delivered} ticket(s) delivered, ${report.rejected} refused`,
      );
    }
    status.logConnectivity();
    status.publish();
    return report;
  };
}
