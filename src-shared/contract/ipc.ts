/**
 * The one list of everything the renderer may ask of the main process and everything the main
 * process tells the renderer. Both transports (Electron IPC and the web host's WebSocket) carry
 * exactly this contract, validated with these schemas on the main side.
 *
 * One file on purpose, although long: the channel list is the one place to read who may call
 * what (each channel's `access`). Features keep their bulky schemas in files of their own
 * (technician.ts, diagnostics.ts, setup.ts, lobby.ts) and list only their channels here.
 */
import { z } from 'zod';
import { LanguageSchema, LocalizedTextSchema } from '../domain/language';
import { LobbyConnectionSchema, LobbyEventSchema, LobbySnapshotSchema } from './lobby';
import * as setup from './setup';
import {
  AuditListRequestSchema,
  AuditListResponseSchema,
  CardPresentRequestSchema,
  CardPresentResponseSchema,
  ConfigExportResponseSchema,
  ImportPreviewSchema,
  NoParametersSchema,
  PinChangeRequestSchema,
  PinChangeResponseSchema,
  PinEnterRequestSchema,
  PinEnterResponseSchema,
  SessionEndRequestSchema,
  SettingsApplyRequestSchema,
  SettingsChangeOutcomeSchema,
  SettingsFileRequestSchema,
  SettingsViewSchema,
  TechnicianSessionViewSchema,
} from './technician';
import {
  DiagnosticsSnapshotSchema,
  LogDownloadSchema,
  LogExportResultSchema,
  PaperStatusSchema,
  PrintAttemptSchema,
  StatisticsSchema,
  SyncNowResultSchema,
  TechnicianReprintSchema,
} from './diagnostics';

/** Why a request did not succeed. The renderer translates each code; none carries personal data. */
export const IpcErrorCodeSchema = z.enum([
  'invalid-payload',
  'unknown-channel',
  'unrecognised-code',
  'booking-not-found',
  /** The kiosk has never had the town hall's appointments yet: it cannot tell. */
  'kiosk-not-ready',
  'booking-not-today',
  'booking-cancelled',
  'already-checked-in',
  'already-checked-in-elsewhere',
  'too-early',
  'too-late',
  'daily-limit-reached',
  /** The service has given all the tickets of its daily cap (check-ins and walk-ins). */
  'service-cap-reached',
  /** A walk-in for a service the kiosk does not know (stale screen). */
  'service-unknown',
  /** A walk-in for a service that only takes appointments. */
  'walk-ins-not-allowed',
  'ticket-not-found',
  'reprint-not-allowed',
  'id-document-format',
  'id-document-letter',
  'id-document-not-found',
  'token-forged',
  'token-expired',
  'token-other-site',
  /** A technician channel called without an open technician session (or setup outside first run). */
  'technician-session-required',
  'internal',
]);
export type IpcErrorCode = z.infer<typeof IpcErrorCodeSchema>;

export const IpcErrorSchema = z.object({
  code: IpcErrorCodeSchema,
  /** Context for a translated message, e.g. the appointment time for "too-early". */
  params: z.record(z.string(), z.string().max(100)).optional(),
});
export type IpcError = z.infer<typeof IpcErrorSchema>;

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export function ipcResultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: IpcErrorSchema }),
  ]);
}

/**
 * `printed`: the printer confirmed it. `failed`: definitely not printed (nothing was sent).
 * `unconfirmed`: sent, but the printer did not confirm it: the ticket may be in the tray.
 */
export const PrintStatusSchema = z.enum(['pending', 'printed', 'failed', 'unconfirmed']);
export type PrintStatus = z.infer<typeof PrintStatusSchema>;

export const PrintFailureSchema = z.enum([
  'paper-out',
  'cover-open',
  'offline',
  'disconnected',
  'timeout',
  'error',
]);
export type PrintFailure = z.infer<typeof PrintFailureSchema>;

/**
 * What the printer is doing, as its real-time status (DLE EOT) or the last job says. "unknown" is
 * for transports that cannot read status: never reported as "ready".
 */
export const PrinterStateSchema = z.enum([
  'ready',
  'printing',
  'paper-near-end',
  'paper-out',
  'cover-open',
  'offline',
  'error',
  'disconnected',
  'unknown',
]);
export type PrinterState = z.infer<typeof PrinterStateSchema>;

export const TicketViewSchema = z.object({
  id: z.string(),
  number: z.string(),
  serviceName: LocalizedTextSchema,
  /** Site-local `HH:MM` of the appointment; null for a walk-in. */
  appointmentTime: z.string().nullable(),
  issuedAt: z.iso.datetime({ offset: true }),
  printStatus: PrintStatusSchema,
  printFailure: PrintFailureSchema.optional(),
  /**
   * True for today's ticket that did not print, or whose printing is unconfirmed, and still has
   * its one reprint. The screen offers it only while the kiosk state's printer can print (it
   * appears once the paper is back), and main refuses a reprint while it cannot. For an
   * unconfirmed one the screen offers it only as "the ticket did not come out".
   */
  canReprint: z.boolean(),
  /** A priority ticket (older people, pregnancy, disability), when the office enables them. */
  priority: z.boolean(),
  /**
   * What the paperless ticket's on-screen QR carries: the same follow-your-turn URL as the
   * printed QR when one is configured; otherwise the ticket number and service as plain text.
   */
  paperlessQr: z.string().min(1).max(512),
  /**
   * People before it in its service's queue and the estimated wait in minutes, from the town
   * hall's recent estimate; absent when the kiosk cannot tell (offline, an old estimate).
   */
  peopleAhead: z.number().int().min(0).optional(),
  estimatedWaitMinutes: z.number().int().min(0).optional(),
});
export type TicketView = z.infer<typeof TicketViewSchema>;

export const CheckInResultSchema = z.object({
  outcome: z.enum(['issued', 'already-issued']),
  ticket: TicketViewSchema,
});
export type CheckInResult = z.infer<typeof CheckInResultSchema>;

/** `degraded`: the town hall answers, but some requests fail (e.g. check-ins pile up). */
export const ConnectivitySchema = z.enum(['connecting', 'online', 'degraded', 'offline']);
export type Connectivity = z.infer<typeof ConnectivitySchema>;

/**
 * What the citizen screen may offer. `unconfigured`: no configuration yet, the first-run wizard
 * shows (docs/technician.md); `preparing`: a new kiosk that has nothing to serve yet (no
 * site, no appointments: its first sync has not brought the site in); `ready`: serving.
 */
export const ReadinessSchema = z.enum(['unconfigured', 'preparing', 'ready']);
export type Readiness = z.infer<typeof ReadinessSchema>;

export const KioskStateSchema = z.object({
  readiness: ReadinessSchema,
  /** The technician's display name for the site when set, else the town hall's name. */
  siteName: z.string(),
  kioskId: z.string(),
  defaultLanguage: LanguageSchema,
  /** The language of the citizen now at the kiosk: scans read by main are printed in it. */
  sessionLanguage: LanguageSchema,
  connectivity: ConnectivitySchema,
  lastSyncAt: z.iso.datetime({ offset: true }).nullable(),
  printer: z.object({
    transport: z.enum(['serial', 'tcp', 'usblp', 'virtual']),
    status: PrinterStateSchema,
  }),
  /** The languages the citizen may choose on screen, the default one included. */
  languages: z.array(LanguageSchema).min(1).max(4),
  /**
   * The technician's colours (`#rrggbb`, readable under white text), applied as CSS custom
   * properties; null: the kiosk's own.
   */
  branding: z.object({
    headerColor: z
      .string()
      .regex(/^#[0-9a-f]{6}$/i)
      .nullable(),
    actionColor: z
      .string()
      .regex(/^#[0-9a-f]{6}$/i)
      .nullable(),
  }),
  /** The town hall's booking web, offered (as a QR) where booking is the citizen's next step. */
  bookingUrl: z.string().max(300).nullable(),
  /** Time limits of the citizen screens, in seconds (WCAG 2.2.1: each reset is warned first). */
  session: z.object({
    /** A result or error screen goes home after this long without a touch. */
    outcomeSeconds: z.number().int().min(5).max(600),
    /** Typing, or a chosen language, is abandoned after this long without a touch. */
    idleSeconds: z.number().int().min(10).max(600),
    /** How long the "¿Necesita más tiempo?" warning shows before the reset. */
    warningSeconds: z.number().int().min(5).max(120),
  }),
  scanner: z.object({
    transport: z.enum(['serial', 'keyboard']),
    /** A serial scanner's link; null for a keyboard wedge, which main cannot see. */
    connected: z.boolean().nullable(),
    /** How the renderer reads a keyboard-wedge scanner typing in another layout. */
    keyboardLayout: z.enum(['auto', 'us', 'es']),
    /** Whether the renderer decodes QR codes from a camera. */
    camera: z.boolean(),
    /** Longest gap between a keyboard-wedge scanner's keys still read as one scan. */
    wedgeMaxGapMs: z.number().int().min(10).max(500),
  }),
});
export type KioskState = z.infer<typeof KioskStateSchema>;

/** Upper bound on what a single entry may carry over IPC; parsing applies its own, tighter one. */
export const MAX_IPC_INPUT_LENGTH = 16 * 1024;

/** A service as the walk-in screen offers it. */
export const WalkInServiceSchema = z.object({
  id: z.string(),
  names: LocalizedTextSchema,
  /** False: appointment only; the screen points to the booking web instead. */
  walkInsAllowed: z.boolean(),
  /** Tickets left today under the service's daily cap; null when it has no cap. */
  remainingToday: z.number().int().min(0).nullable(),
});
export type WalkInService = z.infer<typeof WalkInServiceSchema>;

export const WalkInOptionsSchema = z.object({
  services: z.array(WalkInServiceSchema).max(200),
  /** Whether the office gives priority tickets (older people, pregnancy, disability). */
  priorityEnabled: z.boolean(),
  /** Remaining capacity is shown on a service's button when it is this low or lower. */
  showRemainingBelow: z.number().int().min(0),
});
export type WalkInOptions = z.infer<typeof WalkInOptionsSchema>;

/**
 * Who may call a channel. `citizen`: always (the citizen screens). `technician`: only while a
 * technician session is open (PIN entered). `setup`: while the kiosk has no configuration yet
 * (first-run wizard), or in a technician session. The main process's dispatcher enforces it, so a
 * compromised citizen screen cannot call the technician's channels. Channels without `access` are
 * citizen channels.
 */
export type ChannelAccess = 'citizen' | 'technician' | 'setup';

export const requestChannels = {
  'kiosk:get-state': {
    request: z.object({}).strict(),
    response: KioskStateSchema,
  },
  'checkin:submit': {
    request: z
      .object({
        input: z.string().max(MAX_IPC_INPUT_LENGTH),
        source: z.enum(['keyboard-wedge', 'touch', 'camera']),
        /** What the citizen typed: a booking code (or any scan), or an ID document number. */
        mode: z.enum(['code', 'id-document']).default('code'),
        /** The language the citizen chose on screen; the ticket is printed in it. */
        language: LanguageSchema.optional(),
      })
      .strict(),
    response: CheckInResultSchema,
  },
  /**
   * The citizen chose a language on screen (null: the session ended, back to the default), so
   * that a scan read by the main process prints in it too. Answers the session's language.
   */
  'session:set-language': {
    request: z.object({ language: LanguageSchema.nullable() }).strict(),
    response: z.object({ language: LanguageSchema }),
  },
  /** The one reprint of a ticket that did not print (paper out, cover open…). */
  'ticket:reprint': {
    request: z
      .object({
        ticketId: z.uuid(),
        language: LanguageSchema.optional(),
      })
      .strict(),
    response: z.object({ ticket: TicketViewSchema }),
  },
  /** The walk-in screen's services, with what is left of their daily caps. */
  'walkin:get-options': {
    request: z.object({}).strict(),
    response: WalkInOptionsSchema,
  },
  /** A ticket without appointment for a service that takes walk-ins. */
  'walkin:issue': {
    request: z
      .object({
        serviceId: z.string().min(1).max(64),
        priority: z.boolean().default(false),
        language: LanguageSchema.optional(),
      })
      .strict(),
    response: CheckInResultSchema,
  },
  // ── Lobby screen (docs/lobby-screen.md), relayed by main from the Turnero server ──
  // Public data only (numbers, services, desks: what the waiting room's screen shows anyway), so
  // citizen channels: the lobby page on the second display has no technician session.
  /** The lobby's whole picture, as the server has it, with the kiosk's screen options. */
  'lobby:get-snapshot': {
    access: 'citizen',
    request: z.object({}).strict(),
    response: LobbySnapshotSchema,
  },
  /** How main's own feed from the server stands; asking starts it. */
  'lobby:get-connection': {
    access: 'citizen',
    request: z.object({}).strict(),
    response: z.object({ connection: LobbyConnectionSchema }),
  },
  // ── end of the lobby screen ──

  // ── First-run wizard and device detection ──
  // Schemas in ./setup.ts; served by src-main/setup/ (docs/technician.md).
  'setup:get-status': {
    request: setup.EmptySetupRequestSchema,
    response: setup.SetupStatusSchema,
    access: 'setup',
  },
  'setup:set-language': {
    request: z.object({ language: LanguageSchema }).strict(),
    response: z.object({ language: LanguageSchema }),
    access: 'setup',
  },
  /** Enrols with the town hall's one-time code; the credential goes to the secret store. */
  'setup:enrol': {
    request: setup.SetupEnrolRequestSchema,
    response: setup.SetupEnrolResponseSchema,
    access: 'setup',
  },
  /** Serial ports (with their /dev/serial/by-id names) and USB printers (/dev/usb/lp*). */
  'setup:detect-devices': {
    request: setup.EmptySetupRequestSchema,
    response: setup.DetectedDevicesSchema,
    access: 'setup',
  },
  'setup:check-network-printer': {
    request: setup.NetworkPrinterCheckRequestSchema,
    response: setup.NetworkPrinterCheckSchema,
    access: 'setup',
  },
  /** Opens the chosen printer for the wizard and reads its status once. */
  'setup:choose-printer': {
    request: setup.ChoosePrinterRequestSchema,
    response: setup.printerAnswerSchemas(PrinterStateSchema).status,
    access: 'setup',
  },
  /** The chosen printer's real-time status (DLE EOT), read now. */
  'setup:printer-status': {
    request: setup.EmptySetupRequestSchema,
    response: setup.printerAnswerSchemas(PrinterStateSchema).status,
    access: 'setup',
  },
  'setup:print-test-page': {
    request: setup.EmptySetupRequestSchema,
    response: setup.printerAnswerSchemas(PrinterStateSchema).testPage,
    access: 'setup',
  },
  /** Keyboard wedge, or a serial scanner opened for the "scan anything" test. */
  'setup:choose-scanner': {
    request: setup.ChooseScannerRequestSchema,
    response: setup.ChooseScannerResponseSchema,
    access: 'setup',
  },
  /** The serial scanner's test scans after `after`, each with the form it was recognised as. */
  'setup:scanner-reads': {
    request: setup.ScannerReadsRequestSchema,
    response: setup.ScannerReadsResponseSchema,
    access: 'setup',
  },
  'setup:list-logos': {
    request: setup.EmptySetupRequestSchema,
    response: setup.LogoFilesSchema,
    access: 'setup',
  },
  'setup:preview-logo': {
    request: setup.LogoRequestSchema,
    response: setup.LogoPreviewResponseSchema,
    access: 'setup',
  },
  /** Stores the logo in the chosen printer's NV memory (as `npm run printer -- install-logo`). */
  'setup:install-logo': {
    request: setup.LogoRequestSchema,
    response: setup.LogoInstallResponseSchema,
    access: 'setup',
  },
  /** The technician PIN, stored as the technician mode keeps it (its scrypt hash). */
  'setup:set-pin': {
    request: setup.SetPinRequestSchema,
    response: setup.SetPinResponseSchema,
    access: 'setup',
  },
  /** Writes the configuration (0600) and switches the kiosk into normal operation. */
  'setup:finish': {
    request: setup.EmptySetupRequestSchema,
    response: setup.FinishResponseSchema,
    access: 'setup',
  },
  /** Showrooms: the launcher restarts the kiosk on the demo town hall. */
  'setup:start-demo': {
    request: setup.EmptySetupRequestSchema,
    response: setup.StartDemoResponseSchema,
    access: 'setup',
  },
  /** A new kiosk's first sync, page by page (technician diagnostics). */
  'setup:first-sync': {
    request: setup.EmptySetupRequestSchema,
    response: setup.FirstSyncProgressSchema,
    access: 'setup',
  },
  // ── end of the first-run wizard and device detection ──

  // ── Technician mode (session, settings, import/export) ──
  // Schemas in technician.ts. The session-opening channels are citizen-callable: the PIN's
  // lockout (five wrong tries, five minutes) is what limits them.
  'tech:session-get': {
    access: 'citizen',
    request: NoParametersSchema,
    response: TechnicianSessionViewSchema,
  },
  'tech:session-begin': {
    access: 'citizen',
    request: NoParametersSchema,
    response: TechnicianSessionViewSchema,
  },
  'tech:card-present': {
    access: 'citizen',
    request: CardPresentRequestSchema,
    response: CardPresentResponseSchema,
  },
  'tech:pin-enter': {
    access: 'citizen',
    request: PinEnterRequestSchema,
    response: PinEnterResponseSchema,
  },
  /** Leaving, cancelling the PIN pad, or the screen's inactivity timer: always allowed. */
  'tech:session-end': {
    access: 'citizen',
    request: SessionEndRequestSchema,
    response: TechnicianSessionViewSchema,
  },
  'tech:session-touch': {
    access: 'technician',
    request: NoParametersSchema,
    response: TechnicianSessionViewSchema,
  },
  'tech:settings-get': {
    access: 'technician',
    request: NoParametersSchema,
    response: SettingsViewSchema,
  },
  'tech:settings-apply': {
    access: 'technician',
    request: SettingsApplyRequestSchema,
    response: SettingsChangeOutcomeSchema,
  },
  'tech:pin-change': {
    access: 'technician',
    request: PinChangeRequestSchema,
    response: PinChangeResponseSchema,
  },
  'tech:audit-list': {
    access: 'technician',
    request: AuditListRequestSchema,
    response: AuditListResponseSchema,
  },
  'tech:config-export': {
    access: 'technician',
    request: NoParametersSchema,
    response: ConfigExportResponseSchema,
  },
  'tech:config-preview': {
    access: 'technician',
    request: SettingsFileRequestSchema,
    response: ImportPreviewSchema,
  },
  'tech:config-import': {
    access: 'technician',
    request: SettingsFileRequestSchema,
    response: SettingsChangeOutcomeSchema,
  },
  // ── end of Technician mode (session, settings, import/export) ──
  // ── Technician mode (diagnostics, statistics, logs) ──
  /** Everything the technician checks in one minute: printer, scanner, sync, app, disk. */
  'tech:diagnostics': {
    request: z.object({}).strict(),
    response: DiagnosticsSnapshotSchema,
    access: 'technician',
  },
  /** The technician put a new paper roll in: the paper counter starts again. */
  'tech:paper-changed': {
    request: z.object({}).strict(),
    response: PaperStatusSchema,
    access: 'technician',
  },
  /** Prints the printer test page (settings, characters, QR) through the kiosk's printer. */
  'tech:test-print': {
    request: z.object({}).strict(),
    response: PrintAttemptSchema,
    access: 'technician',
  },
  /** A complete sync run now (pull, leases, outbox). */
  'tech:sync-now': {
    request: z.object({}).strict(),
    response: SyncNowResultSchema,
    access: 'technician',
  },
  /** Reprints today's last ticket with its own number, as an audited technician reprint. */
  'tech:reprint-last': {
    request: z.object({ language: LanguageSchema.optional() }).strict(),
    response: TechnicianReprintSchema,
    access: 'technician',
  },
  /** Restarts the kiosk application (the host decides how); answers before it goes. */
  'tech:restart': {
    request: z.object({}).strict(),
    response: z.object({ restarting: z.boolean() }),
    access: 'technician',
  },
  /** Writes the redacted log bundle to the USB stick that is mounted. */
  'tech:export-logs': {
    request: z.object({}).strict(),
    response: LogExportResultSchema,
    access: 'technician',
  },
  /** A one-time address from which the page downloads the redacted log bundle (web host). */
  'tech:download-logs': {
    request: z.object({}).strict(),
    response: LogDownloadSchema,
    access: 'technician',
  },
  /** Today and the last 30 days (as far as retention keeps them), counts only. */
  'tech:statistics': {
    request: z.object({}).strict(),
    response: StatisticsSchema,
    access: 'technician',
  },
  // ── end of technician mode (diagnostics, statistics, logs) ──
} as const;

export const eventChannels = {
  'kiosk:state-changed': KioskStateSchema,
  /** A check-in started by the main process (serial scanner), with its outcome. */
  'checkin:completed': ipcResultSchema(CheckInResultSchema),
  /** The virtual printer's rendering of a printed ticket, for the on-screen preview. */
  'printer:ticket-rendered': z.object({ ticketId: z.string(), text: z.string().max(8192) }),
  /** A call (or a whole new snapshot) for the lobby screen, relayed from the server. */
  'lobby:event': LobbyEventSchema,
  /** Main's feed from the server opened (fetch a snapshot), dropped or is connecting. */
  'lobby:connection': LobbyConnectionSchema,

  // ── Technician mode (session, settings, import/export) ──
  /** The technician session changed phase (opened, closed, locked, PIN pad up…). */
  'technician:session-changed': TechnicianSessionViewSchema,
  // ── end of Technician mode (session, settings, import/export) ──
} as const;

export type RequestChannel = keyof typeof requestChannels;
export type EventChannel = keyof typeof eventChannels;
export type RequestOf<C extends RequestChannel> = z.input<(typeof requestChannels)[C]['request']>;
export type ResponseOf<C extends RequestChannel> = z.infer<(typeof requestChannels)[C]['response']>;
export type EventOf<E extends EventChannel> = z.infer<(typeof eventChannels)[E]>;

export function accessOf(channel: RequestChannel): ChannelAccess {
  const entry = requestChannels[channel];
  return 'access' in entry ? (entry.access as ChannelAccess) : 'citizen';
}

export function isRequestChannel(value: unknown): value is RequestChannel {
  return typeof value === 'string' && Object.hasOwn(requestChannels, value);
}

/** What the renderer sees as `window.turnero`, whichever transport is underneath. */
export interface TurneroBridge {
  invoke<C extends RequestChannel>(
    channel: C,
    payload: RequestOf<C>,
  ): Promise<IpcResult<ResponseOf<C>>>;
  on<E extends EventChannel>(event: E, listener: (payload: EventOf<E>) => void): () => void;
}

/** Frames of the web host's WebSocket transport. */
export const WsClientFrameSchema = z.object({
  id: z.number().int().nonnegative(),
  channel: z.string().max(64),
  payload: z.unknown(),
});
export type WsClientFrame = z.infer<typeof WsClientFrameSchema>;

export type WsServerFrame =
  | { kind: 'response'; id: number; result: IpcResult<unknown> }
  | { kind: 'event'; event: EventChannel; payload: unknown };

export { ELECTRON_EVENT_CHANNEL, ELECTRON_INVOKE_CHANNEL } from './electron-channels';
