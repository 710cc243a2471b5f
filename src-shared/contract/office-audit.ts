/**
 * The staff audit log as an administrator reads it (`GET /office/api/admin/audit`): newest
 * first, a page at a time, filtered by staff account, action and a range of site-local days.
 * The log holds who, when and what (numbers, desks, services, roles): never a citizen's data.
 */
import { z } from 'zod';
import { LOCAL_DAY_PATTERN } from '../domain/site-time';

/** Entries per page. */
export const AUDIT_PAGE_SIZE = 50;

const DaySchema = z.string().regex(LOCAL_DAY_PATTERN);

export const AuditQuerySchema = z.object({
  site: z.string().max(64).optional(),
  /** A staff username (as recorded, also for a failed sign-in of an unknown name). */
  staff: z.string().min(1).max(64).optional(),
  action: z.string().min(1).max(64).optional(),
  /** First and last site-local day, both included. */
  from: DaySchema.optional(),
  to: DaySchema.optional(),
  /** 0: the newest page. */
  page: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

const DetailValueSchema = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);

export const AuditEntryViewSchema = z.object({
  seq: z.number().int(),
  at: z.iso.datetime({ offset: true }),
  username: z.string(),
  siteId: z.string().nullable(),
  action: z.string(),
  detail: z.record(z.string(), DetailValueSchema),
});
export type AuditEntryView = z.infer<typeof AuditEntryViewSchema>;

export const AuditPageSchema = z.object({
  /** The site whose wall clock the days and times are on. */
  siteId: z.string(),
  timeZone: z.string(),
  page: z.number().int().min(0),
  hasMore: z.boolean().describe('An older page exists'),
  entries: z.array(AuditEntryViewSchema).max(AUDIT_PAGE_SIZE),
  /** What the filters offer: every username and action in the log. */
  usernames: z.array(z.string()),
  actions: z.array(z.string()),
});
export type AuditPage = z.infer<typeof AuditPageSchema>;
