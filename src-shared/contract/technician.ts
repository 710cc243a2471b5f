/**
 * The technician mode's part of the IPC contract (docs/technician.md): the session view the
 * renderer holds, the settings it may change, the audit log it may read, and the configuration
 * it may export and import. `ipc.ts` lists the channels; their schemas live here so the
 * technician's features grow without crowding the citizen's contract.
 */
import { z } from 'zod';
import { LanguageSchema, LocalizedTextSchema } from '../domain/language';

/** What the PIN pad sends: any digits, so that a short wrong PIN still counts as a wrong try. */
export const PinEntrySchema = z.string().regex(/^\d{1,12}$/);

/** A PIN the technician may choose: 6 to 12 digits (the rules beyond the form: pin-rules.ts). */
export const NewPinSchema = z.string().regex(/^\d{6,12}$/);

/**
 * The renderer's whole knowledge of a technician session: no secret, no handle to present back.
 * The main process owns the session; the screen only shows what phase it is in.
 */
export const TechnicianSessionViewSchema = z.object({
  /** `closed`: citizen screens. `pin`: the PIN pad is up. `open`: the technician mode. */
  phase: z.enum(['closed', 'pin', 'open']),
  /** How the technician came in: the hidden gesture or a technician card. */
  via: z.enum(['gesture', 'card']).nullable(),
  /** The card's id when a technician card was scanned (shown, and written to the audit log). */
  cardId: z.string().max(64).nullable(),
  /** Seconds left of the lockout after too many wrong PINs; null when not locked. */
  lockedForSeconds: z.number().int().min(1).nullable(),
  /** Wrong PINs still allowed before the lockout. */
  triesLeft: z.number().int().min(0),
  /** False until a technician PIN has been set (first-run wizard or command line). */
  pinSet: z.boolean(),
  /** Without a touch for this long, the session closes and the citizen home comes back. */
  idleSeconds: z.number().int().min(10),
});
export type TechnicianSessionView = z.infer<typeof TechnicianSessionViewSchema>;

export const CardRefusalSchema = z.enum(['forged', 'expired', 'other-site']);
export type CardRefusal = z.infer<typeof CardRefusalSchema>;

/** A refused card is shown to whoever scanned it like a refused signed booking QR. */
export const CARD_REFUSAL_ERROR = {
  forged: 'token-forged',
  expired: 'token-expired',
  'other-site': 'token-other-site',
} as const satisfies Record<CardRefusal, string>;

export const PinEntryOutcomeSchema = z.enum([
  'opened',
  'wrong-pin',
  'locked',
  /** No PIN has been set on this kiosk yet: nobody can open the mode with one. */
  'no-pin',
  /** No gesture or card asked for the PIN pad (or it timed out). */
  'not-requested',
]);
export type PinEntryOutcome = z.infer<typeof PinEntryOutcomeSchema>;

/** A value of an editable setting as it travels: the config file's JSON types. */
export const SettingValueSchema = z.union([
  z.number(),
  z.boolean(),
  z.string().max(300),
  z.null(),
  z.array(z.string().max(64)).max(200),
]);
export type SettingValue = z.infer<typeof SettingValueSchema>;

/** Where an effective setting comes from (settings-service.ts). */
export const SettingSourceSchema = z.enum(['file', 'technician', 'remote']);
export type SettingSource = z.infer<typeof SettingSourceSchema>;

/** `live`: applied at once. `restart`: written now, used from the next start of the kiosk. */
export const SettingAppliesSchema = z.enum(['live', 'restart']);
export type SettingApplies = z.infer<typeof SettingAppliesSchema>;

/** How the settings panel asks for a value; bounds mirror the configuration schema. */
export const SettingInputSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('integer'),
    min: z.number().int(),
    max: z.number().int(),
    unit: z.enum(['minutes', 'seconds', 'tickets', 'percent', 'calls']),
  }),
  z.object({ kind: z.literal('boolean') }),
  z.object({ kind: z.literal('text'), maxLength: z.number().int().min(1), nullable: z.boolean() }),
  /** A `#rrggbb` colour or null (the kiosk's own); it must keep white text readable. */
  z.object({ kind: z.literal('colour') }),
  /** One language among these (the default language). */
  z.object({ kind: z.literal('language'), options: z.array(LanguageSchema) }),
  /** A set of languages offered (at least one, the default language included). */
  z.object({ kind: z.literal('languages'), options: z.array(LanguageSchema) }),
  /** Services hidden from the walk-in screen, chosen among the site's. */
  z.object({
    kind: z.literal('hidden-services'),
    services: z.array(z.object({ id: z.string().max(64), names: LocalizedTextSchema })).max(200),
  }),
]);
export type SettingInput = z.infer<typeof SettingInputSchema>;

export const SettingGroupSchema = z.enum([
  'checkIn',
  'walkIn',
  'ticket',
  'languages',
  'citizen',
  'branding',
  'lobby',
]);
export type SettingGroup = z.infer<typeof SettingGroupSchema>;

export const SettingEntrySchema = z.object({
  /** Dotted path in the configuration document, e.g. `checkIn.minutesBefore`. */
  path: z.string().max(100),
  group: SettingGroupSchema,
  value: SettingValueSchema,
  source: SettingSourceSchema,
  applies: SettingAppliesSchema,
  input: SettingInputSchema,
});
export type SettingEntry = z.infer<typeof SettingEntrySchema>;

export const SettingsViewSchema = z.object({
  settings: z.array(SettingEntrySchema).max(100),
});
export type SettingsView = z.infer<typeof SettingsViewSchema>;

/** Why a change or an import was refused, translated on screen; always names the field. */
export const SettingIssueCodeSchema = z.enum([
  /** The import is not JSON at all. */
  'not-json',
  /** JSON, but not a Turnero settings export (its `format` or `version` is wrong). */
  'wrong-format',
  /** Identity, secrets and per-kiosk values are never imported (kiosk id, credential…). */
  'not-importable',
  /** The technician mode does not edit this setting. */
  'not-editable',
  /** The town hall manages this setting remotely: it cannot be changed on the device. */
  'remote-managed',
  'invalid-type',
  'too-small',
  'too-big',
  'invalid-value',
  'unknown-field',
  /** A branding colour under which white text (or which, as text) would be hard to read. */
  'low-contrast',
  /** The languages offered must include the default language. */
  'default-language-missing',
  'invalid',
]);
export type SettingIssueCode = z.infer<typeof SettingIssueCodeSchema>;

export const SettingIssueSchema = z.object({
  /** Dotted path of the field ('' for the whole document). */
  path: z.string().max(200),
  code: SettingIssueCodeSchema,
  params: z.record(z.string(), z.string().max(100)).optional(),
});
export type SettingIssue = z.infer<typeof SettingIssueSchema>;

/** One field an applied change or an import changes: old → new. */
export const SettingDiffSchema = z.object({
  path: z.string().max(200),
  /** Old and new values as JSON text (`null` when absent), shortened past 400 characters. */
  from: z.string().max(400),
  to: z.string().max(400),
  applies: SettingAppliesSchema,
});
export type SettingDiff = z.infer<typeof SettingDiffSchema>;

export const SettingsChangeOutcomeSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('applied'), changes: z.array(SettingDiffSchema).max(200) }),
  z.object({ outcome: z.literal('refused'), issues: z.array(SettingIssueSchema).min(1).max(50) }),
]);
export type SettingsChangeOutcome = z.infer<typeof SettingsChangeOutcomeSchema>;

export const ImportPreviewSchema = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('valid'),
    changes: z.array(SettingDiffSchema).max(200),
    /** Fields of the file the town hall manages remotely: kept as the town hall says. */
    remoteManaged: z.array(z.string().max(200)).max(200),
  }),
  z.object({ outcome: z.literal('invalid'), issues: z.array(SettingIssueSchema).min(1).max(50) }),
]);
export type ImportPreview = z.infer<typeof ImportPreviewSchema>;

/** Largest settings file accepted for import (an export is a few kilobytes). */
export const MAX_SETTINGS_FILE_LENGTH = 32 * 1024;

export const AuditActionSchema = z.enum([
  'session-opened',
  'session-closed',
  'pin-wrong',
  'locked',
  'card-refused',
  'setting-changed',
  'pin-changed',
  'config-exported',
  'config-imported',
  'config-import-refused',
  // The diagnostics panel's actions (contract/diagnostics.ts): no personal data, a ticket
  // number or a file name at most.
  'paper-changed',
  'test-print',
  'sync-now',
  'reprint',
  'restart',
  'logs-exported',
  'logs-downloaded',
]);
export type AuditAction = z.infer<typeof AuditActionSchema>;

export const AuditEntrySchema = z.object({
  id: z.number().int().min(1),
  at: z.iso.datetime({ offset: true }),
  /** `technician` (PIN after the gesture) or `card:<id>`. */
  actor: z.string().max(80),
  action: AuditActionSchema,
  /** The setting's dotted path, for setting changes. */
  path: z.string().max(200).nullable(),
  /** Old and new values as JSON text; never a secret. */
  from: z.string().max(400).nullable(),
  to: z.string().max(400).nullable(),
  /** E.g. why a session closed (exit, inactivity, locked) or why a card was refused. */
  detail: z.string().max(100).nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** Requests without parameters. */
export const NoParametersSchema = z.object({}).strict();

export const CardPresentRequestSchema = z.object({ card: z.string().max(2048) }).strict();
export const CardPresentResponseSchema = z.object({
  refusal: CardRefusalSchema.nullable(),
  session: TechnicianSessionViewSchema,
});

export const PinEnterRequestSchema = z.object({ pin: PinEntrySchema }).strict();
export const PinEnterResponseSchema = z.object({
  outcome: PinEntryOutcomeSchema,
  session: TechnicianSessionViewSchema,
});

export const SessionEndRequestSchema = z
  .object({ reason: z.enum(['exit', 'cancel', 'inactivity']) })
  .strict();

export const SettingsApplyRequestSchema = z
  .object({
    changes: z
      .array(z.object({ path: z.string().max(100), value: SettingValueSchema }).strict())
      .min(1)
      .max(50),
  })
  .strict();

export const PinChangeRequestSchema = z
  .object({ current: PinEntrySchema, next: NewPinSchema })
  .strict();
export const PinChangeResponseSchema = z.object({
  outcome: z.enum(['changed', 'wrong-pin', 'weak-pin', 'locked']),
});

export const AuditListRequestSchema = z
  .object({
    /** Entries older than this id (paging back); the newest when absent. */
    beforeId: z.number().int().min(1).optional(),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict();
export const AuditListResponseSchema = z.object({
  entries: z.array(AuditEntrySchema).max(200),
  more: z.boolean(),
});

export const ConfigExportResponseSchema = z.object({
  fileName: z.string().max(100),
  content: z.string().max(MAX_SETTINGS_FILE_LENGTH),
});

export const SettingsFileRequestSchema = z
  .object({ content: z.string().max(MAX_SETTINGS_FILE_LENGTH) })
  .strict();
