/**
 * The office API (`/office/api/**`): what the desk, supervisor and administrator pages of the
 * Turnero server exchange with it (docs/office.md). Not part of the Town Hall API v1 the kiosks
 * speak: it is reached only with a staff session cookie and a CSRF token, from the server's own
 * pages. Numbers, services and desks only: never a citizen's name or ID.
 */
import { z } from 'zod';
import { LocalizedTextSchema } from '../domain/language';
import { KioskConflictSchema } from './office-conflicts';
import { ScreenRowSchema } from './office-screens';

export const StaffRoleSchema = z.enum(['desk', 'supervisor', 'admin']);
export type StaffRole = z.infer<typeof StaffRoleSchema>;

export const CallOrderSchema = z.enum(['appointments-first', 'issue-order']);
/**
 * 'appointments-first': check-ins whose appointment time has come, then everyone else (walk-ins
 * and early check-ins) in issue order. 'issue-order': everyone in issue order.
 */
export type CallOrder = z.infer<typeof CallOrderSchema>;

/** The codes of an office API refusal: the pages translate them (catalog area `office`). */
export const OfficeErrorCodeSchema = z.enum([
  'bad-request',
  'bad-credentials',
  'locked',
  'rate-limited',
  'signed-out',
  'forbidden',
  'csrf',
  'not-found',
  'conflict',
  'no-desk',
  'nobody-waiting',
  'no-current-ticket',
  'internal',
]);
export type OfficeErrorCode = z.infer<typeof OfficeErrorCodeSchema>;

export const OfficeErrorSchema = z.object({
  error: z.object({
    code: OfficeErrorCodeSchema,
    message: z.string().max(500),
    /** 'locked': when the account may try again (epoch ms). */
    retryAtMs: z.number().int().optional(),
  }),
});
export type OfficeError = z.infer<typeof OfficeErrorSchema>;

export const UsernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{2,40}$/, 'letters, digits, dot, dash or underscore (2 to 40)');
export const PasswordSchema = z.string().min(10).max(200);

export const StaffMemberSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: StaffRoleSchema,
});
export type StaffMember = z.infer<typeof StaffMemberSchema>;

export const SessionResponseSchema = z.object({
  staff: StaffMemberSchema.nullable(),
  /** Sent back in the `x-csrf-token` header with every POST. */
  csrfToken: z.string(),
});
export type SessionResponse = z.infer<typeof SessionResponseSchema>;

export const SignInRequestSchema = z.object({
  username: z.string().max(100),
  password: z.string().max(200),
});

export const ServiceInfoSchema = z.object({
  id: z.string(),
  prefix: z.string(),
  names: LocalizedTextSchema,
});

export const WaitingTicketSchema = z.object({
  ticketNumber: z.string(),
  serviceId: z.string(),
  kind: z.enum(['appointment', 'walk-in']),
  /** A priority walk-in: called before other walk-ins (docs/office.md, call order). */
  priority: z.boolean(),
  issuedAtMs: z.number(),
  transferred: z.boolean(),
});

export const CurrentTicketSchema = z.object({
  ticketId: z.string(),
  ticketNumber: z.string(),
  serviceId: z.string(),
  calledAtMs: z.number(),
  /** Times it was called (1 + the repeats). */
  calls: z.number().int(),
});
export type CurrentTicket = z.infer<typeof CurrentTicketSchema>;

export const DeskStateSchema = z.object({
  desk: z.string(),
  staffId: z.string(),
  staffName: z.string(),
  serviceIds: z.array(z.string()),
  paused: z.boolean(),
  current: CurrentTicketSchema.nullable(),
});
export type DeskState = z.infer<typeof DeskStateSchema>;

export const DeskViewSchema = z.object({
  siteId: z.string(),
  siteName: z.string(),
  callOrder: CallOrderSchema,
  services: z.array(ServiceInfoSchema),
  desks: z.array(z.string()),
  /** The desk this staff member holds, if any. */
  mine: DeskStateSchema.nullable(),
  waiting: z.array(WaitingTicketSchema),
});
export type DeskView = z.infer<typeof DeskViewSchema>;

export const OpenDeskRequestSchema = z.object({
  site: z.string().max(64),
  desk: z.string().min(1).max(40),
  serviceIds: z.array(z.string().max(64)).min(1).max(50),
});
export const PauseRequestSchema = z.object({ site: z.string().max(64), paused: z.boolean() });
export const DeskActionRequestSchema = z.object({ site: z.string().max(64) });
export const TransferRequestSchema = z.object({
  site: z.string().max(64),
  serviceId: z.string().max(64),
});

/** What a desk action answers: the desk's view after it. */
export const DeskActionResponseSchema = DeskViewSchema;

export const DeviceRowSchema = z.object({
  kioskId: z.string(),
  deviceName: z.string().nullable(),
  lastSeenAt: z.string().nullable(),
  printerState: z.string().nullable(),
  outboxPending: z.number().nullable(),
  connectivity: z.string().nullable(),
});

export const SupervisorViewSchema = z.object({
  siteId: z.string(),
  siteName: z.string(),
  desks: z.array(DeskStateSchema),
  waitingPerService: z.array(
    z.object({
      serviceId: z.string(),
      names: LocalizedTextSchema,
      waiting: z.number().int(),
      /** Since the longest-waiting ticket was issued; null when nobody waits. */
      longestWaitMs: z.number().nullable(),
    }),
  ),
  devices: z.array(DeviceRowSchema),
  /** The administered lobby screens and when each last read its feed (office-screens.ts). */
  screens: z.array(ScreenRowSchema),
  /** The day's refused kiosk tickets, newest first (office-conflicts.ts). */
  conflicts: z.array(KioskConflictSchema),
  serverTimeMs: z.number(),
});
export type SupervisorView = z.infer<typeof SupervisorViewSchema>;

export const StaffAccountSchema = StaffMemberSchema.extend({
  disabled: z.boolean(),
  locked: z.boolean(),
});
export type StaffAccount = z.infer<typeof StaffAccountSchema>;
export const StaffListSchema = z.object({ accounts: z.array(StaffAccountSchema) });

export const CreateStaffRequestSchema = z.object({
  username: UsernameSchema,
  displayName: z.string().trim().min(1).max(80),
  role: StaffRoleSchema,
  password: PasswordSchema,
});
export const UpdateStaffRequestSchema = z.object({
  role: StaffRoleSchema.optional(),
  disabled: z.boolean().optional(),
  password: PasswordSchema.optional(),
});

export const DeskNameSchema = z.string().trim().min(1).max(40);

/** The office settings an administrator changes: the call order and the desks. */
export const OfficeSettingsSchema = z.object({
  siteId: z.string(),
  callOrder: CallOrderSchema,
  desks: z.array(DeskNameSchema).min(1).max(50),
});
export type OfficeSettingsView = z.infer<typeof OfficeSettingsSchema>;

export const UpdateOfficeSettingsRequestSchema = z.object({
  site: z.string().max(64),
  callOrder: CallOrderSchema,
  desks: z
    .array(DeskNameSchema)
    .min(1)
    .max(50)
    .refine((desks) => new Set(desks).size === desks.length, 'desk names must be unique'),
});
