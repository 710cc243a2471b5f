/**
 * What the technician's diagnostics and statistics panels ask of the kiosk (the `tech:*` channels
 * of ipc.ts, all technician-only). Nothing here carries personal data: scans are described by
 * their form, never their content; tickets by number; refusals by reason code.
 *
 * ipc.ts imports this file to list the channels, so this file must not import ipc.ts at run
 * time (the cycle would leave one side's schemas undefined while the other is evaluated). The
 * contract's own enums (printer state, connectivity, print failure) are therefore checked here
 * as bounded strings and typed with ipc.ts's types: main fills them from typed sources.
 */
import { z } from 'zod';
import type { Connectivity, PrintFailure, PrinterState, PrintStatus } from './ipc';
import { LocalizedTextSchema } from '../domain/language';
import { CredentialStoreFactsSchema, FirstSyncProgressSchema } from './setup';

/** A string checked for size here and typed as one of ipc.ts's enums (see the note above). */
function contractEnum<T extends string>(): z.ZodType<T> {
  return z.string().min(1).max(40) as unknown as z.ZodType<T>;
}

const instant = z.iso.datetime({ offset: true });
const count = z.number().int().min(0);

// ── Diagnostics ──────────────────────────────────────────────────────────────────────────────

/** What a scan looked like, never what it said. */
export const ScanFormSchema = z.enum([
  'booking-code',
  'signed-token',
  'id-document',
  'unrecognised',
]);
export type ScanForm = z.infer<typeof ScanFormSchema>;

/** Who read it: the main process's serial scanner, or the screen's wedge scanner or camera. */
export const ScanSourceSchema = z.enum(['serial', 'keyboard-wedge', 'camera']);
export type ScanSource = z.infer<typeof ScanSourceSchema>;

export const PaperStatusSchema = z.object({
  /** When the technician last said the paper was changed; null: never on this kiosk. */
  changedAt: instant.nullable(),
  /** Tickets printed (or sent, unconfirmed) since then. */
  ticketsSinceChange: count,
  /** Paper those tickets and test pages fed, estimated from what they printed. */
  usedMm: z.number().min(0),
  rollLengthMm: z.number().int().positive(),
  leftMm: z.number().min(0),
  leftPercent: z.number().min(0).max(100),
  /** Tickets of the usual length that still fit on what is left. */
  ticketsLeft: count,
});
export type PaperStatus = z.infer<typeof PaperStatusSchema>;

export const PrinterDiagnosticsSchema = z.object({
  transport: z.enum(['serial', 'tcp', 'usblp', 'virtual']),
  state: contractEnum<PrinterState>(),
  /** The latest fault the printer reported, or the latest failed print, with when. */
  lastError: z
    .object({ kind: contractEnum<PrinterState | PrintFailure>(), at: instant })
    .nullable(),
  paper: PaperStatusSchema,
});

export const ScannerDiagnosticsSchema = z.object({
  transport: z.enum(['serial', 'keyboard']),
  /** A serial scanner's link; null for a keyboard wedge, which main cannot see. */
  connected: z.boolean().nullable(),
  /** The last scan read since the kiosk started (any scanner, or the camera); null before one. */
  lastRead: z.object({ at: instant, form: ScanFormSchema, source: ScanSourceSchema }).nullable(),
});

export const SyncDiagnosticsSchema = z.object({
  connectivity: contractEnum<Connectivity>(),
  /** The town hall answered recently (even with a refusal): the network path works. */
  reachable: z.boolean(),
  /** When the cache was last brought up to date (the last complete pull). */
  lastPullAt: instant.nullable(),
  /** When the town hall last accepted a check-in from the outbox. */
  lastPushAt: instant.nullable(),
  lastContactAt: instant.nullable(),
  outbox: z.object({ pending: count, oldestPendingAt: instant.nullable() }),
  setAside: count,
  conflicts: count,
  /** Town hall clock minus kiosk clock, ms; null until it answered once. */
  clockOffsetMs: z.number().int().nullable(),
  clockSkewed: z.boolean(),
  lastError: z.string().max(500).nullable(),
  /** A new kiosk's first sync: its progress while it is bringing the office in. */
  firstSync: FirstSyncProgressSchema,
});

export const AppDiagnosticsSchema = z.object({
  version: z.string().max(40),
  kioskId: z.string().max(40),
  startedAt: instant,
  uptimeSeconds: count,
  systemUptimeSeconds: count,
  dataDir: z.object({
    path: z.string().max(500),
    /** Bytes under the data folder; null while the first count is still running. */
    sizeBytes: count.nullable(),
    /** Space left for the kiosk on the data folder's file system, and its size. */
    freeBytes: count,
    totalBytes: count,
  }),
  /** Where the device credential is kept (a plain `basic_text` keyring said so). */
  credentialStore: CredentialStoreFactsSchema,
});

export const LogExportOptionsSchema = z.object({
  /** The name of the writable USB stick found (its mount folder's name), or null. */
  usbVolume: z.string().max(255).nullable(),
  /** The host can hand a file to the page (the web host): the bundle can be downloaded. */
  download: z.boolean(),
});

export const DiagnosticsSnapshotSchema = z.object({
  takenAt: instant,
  printer: PrinterDiagnosticsSchema,
  scanner: ScannerDiagnosticsSchema,
  sync: SyncDiagnosticsSchema,
  app: AppDiagnosticsSchema,
  logs: LogExportOptionsSchema,
});
export type DiagnosticsSnapshot = z.infer<typeof DiagnosticsSnapshotSchema>;

export const PrintAttemptSchema = z.object({
  status: contractEnum<Exclude<PrintStatus, 'pending'>>(),
  failure: contractEnum<PrintFailure>().nullable(),
});
export type PrintAttempt = z.infer<typeof PrintAttemptSchema>;

export const SyncNowResultSchema = z.object({
  ok: z.boolean(),
  error: z.string().max(500).nullable(),
  appointmentsReceived: count,
  delivered: count,
});

export const TechnicianReprintSchema = z.object({
  /** Today's last ticket, reprinted with its own number; null when none was issued today. */
  ticket: z
    .object({
      number: z.string().max(16),
      printStatus: contractEnum<PrintStatus>(),
      printFailure: contractEnum<PrintFailure>().nullable(),
    })
    .nullable(),
});

export const LogExportResultSchema = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('written'),
    volume: z.string().max(255),
    fileName: z.string().max(255),
    bytes: count,
  }),
  /** No writable USB stick is mounted. */
  z.object({ outcome: z.literal('no-usb') }),
  /** The stick was there but the bundle could not be written (full, removed, read-only). */
  z.object({ outcome: z.literal('failed') }),
]);
export type LogExportResult = z.infer<typeof LogExportResultSchema>;

export const LogDownloadSchema = z.object({
  /** A one-time, short-lived address on the host for the bundle; null where none can be served. */
  path: z
    .string()
    .regex(/^\/technician\/download\/[A-Za-z0-9_-]{16,64}$/)
    .nullable(),
});

// ── Statistics ───────────────────────────────────────────────────────────────────────────────

const tally = z.record(z.string().max(64), count);

/** One site-local day, from what the kiosk keeps. Counts only: no ticket, no scan, no person. */
export const DayStatisticsSchema = z.object({
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  tickets: count,
  withAppointment: count,
  walkIn: count,
  /** Tickets by the site-local hour they were issued, 0–23. */
  byHour: z.array(count).length(24),
  /** Tickets by service id. */
  byService: tally,
  /** Refused scans by reason (the IPC error code the citizen was shown). */
  refusals: tally,
  /** Printer faults (state changes into a fault) by kind. */
  printerFaults: tally,
});
export type DayStatistics = z.infer<typeof DayStatisticsSchema>;

export const StatisticsSchema = z.object({
  timeZone: z.string().max(64),
  today: z.string(),
  /** The first day shown: 30 days back, or less when retention keeps less. */
  fromDay: z.string(),
  retentionDays: count,
  services: z.array(z.object({ id: z.string().max(64), names: LocalizedTextSchema })).max(200),
  /** Every day from `fromDay` to `today`, oldest first. */
  days: z.array(DayStatisticsSchema).max(400),
});
export type Statistics = z.infer<typeof StatisticsSchema>;
