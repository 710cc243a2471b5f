/**
 * What the lobby screen (the waiting room's call display, docs/lobby-screen.md) receives,
 * whichever host feeds it: the kiosk's main process on the totem's second display, or the
 * Turnero server for a smart-TV browser. A snapshot is the whole picture; events change it. The
 * screen never trusts that it saw every event: after any reconnect it asks for a snapshot again.
 *
 * Privacy: ticket numbers, services and desks only. Nothing here can carry a citizen's name or
 * ID number, and a ticket number must have the issued form (`E-014`), never free text.
 */
import { z } from 'zod';
import { LanguageSchema, LocalizedTextSchema } from '../domain/language';
import { emptyWeek, WeeklyHoursSchema } from '../domain/weekly-hours';
import { CalledTurnSchema, TicketNumberSchema } from './townhall-api';

/** Most calls a snapshot carries (the current one and the history the screen may show). */
export const MAX_LOBBY_CALLS = 20;

/**
 * One call of a ticket to a desk, as the lobby shows and speaks it. Field names follow the Town
 * Hall API's CalledTurn; the screen's additions are its id, the service's names and the marks.
 */
export const LobbyCallSchema = CalledTurnSchema.extend({
  id: z
    .string()
    .regex(/^[A-Za-z0-9._:-]{1,64}$/)
    .describe('Unique per call; a repeat is a call of its own with a new id'),
  ticketNumber: TicketNumberSchema,
  serviceNames: LocalizedTextSchema,
  repeat: z.boolean().describe('The desk called this ticket again'),
  ticketLanguage: LanguageSchema.optional().describe(
    'The language the citizen chose at the kiosk: the call is spoken in it after Spanish',
  ),
});
export type LobbyCall = z.infer<typeof LobbyCallSchema>;

export const WaitingCountSchema = z.object({
  serviceId: CalledTurnSchema.shape.serviceId,
  serviceNames: LocalizedTextSchema,
  count: z.number().int().min(0).max(10_000),
});
export type WaitingCount = z.infer<typeof WaitingCountSchema>;

export const LobbyOrientationSchema = z
  .enum(['auto', 'landscape', 'portrait'])
  .describe("auto: the screen's own shape decides");
export type LobbyOrientation = z.infer<typeof LobbyOrientationSchema>;

/** How the screen looks and sounds; set by an administrator on the office side. */
export const LobbyOptionsSchema = z.object({
  orientation: LobbyOrientationSchema.default('auto'),
  highContrast: z.boolean().default(false),
  chime: z.boolean().default(true),
  volume: z.number().min(0).max(1).default(1),
  quietHours: WeeklyHoursSchema.default(emptyWeek).describe(
    'Site-clock ranges per weekday with neither chime nor speech: the calls are only shown',
  ),
  speakTicketLanguage: z
    .boolean()
    .default(true)
    .describe("After Spanish, say the call again in the ticket's language when it has one"),
  recentCount: z.number().int().min(0).max(12).default(6).describe('Earlier calls listed'),
});
export type LobbyOptions = z.infer<typeof LobbyOptionsSchema>;

export const LobbySnapshotSchema = z.object({
  siteName: z.string().min(1).max(120),
  timeZone: z.string().min(1).max(64).describe('The site’s IANA zone: the clock shows its time'),
  serverTime: z.iso
    .datetime({ offset: true })
    .describe('When the snapshot was taken: the screen sets its clock by it'),
  calls: z
    .array(LobbyCallSchema)
    .max(MAX_LOBBY_CALLS)
    .describe('Newest first; the first is the current call'),
  waiting: z.array(WaitingCountSchema).max(200),
  notice: z.string().min(1).max(500).nullable().describe('The ticker’s text; null: no ticker'),
  options: LobbyOptionsSchema,
});
export type LobbySnapshot = z.infer<typeof LobbySnapshotSchema>;

const callEvent = <T extends 'call' | 'repeat'>(type: T) =>
  z.object({
    type: z.literal(type),
    call: LobbyCallSchema.refine(
      (call) => call.repeat === (type === 'repeat'),
      `a ${type} event carries a call with repeat: ${type === 'repeat'}`,
    ),
    waiting: z
      .array(WaitingCountSchema)
      .max(200)
      .optional()
      .describe('The waiting counts after this call, when the sender knows them'),
  });

/**
 * The state of a feed's connection to where the calls come from. connecting: not open yet, or
 * retrying by itself; open: events flow (fetch a snapshot now); offline: dropped, still trying.
 */
export const LobbyConnectionSchema = z.enum(['connecting', 'open', 'offline']);
export type LobbyConnection = z.infer<typeof LobbyConnectionSchema>;

/** What arrives between snapshots. A `snapshot` event replaces everything the screen holds. */
export const LobbyEventSchema = z.discriminatedUnion('type', [
  callEvent('call'),
  callEvent('repeat'),
  z.object({ type: z.literal('snapshot'), snapshot: LobbySnapshotSchema }),
]);
export type LobbyEvent = z.infer<typeof LobbyEventSchema>;
