/**
 * The first-run wizard's requests and answers (`setup:*` channels of ipc.ts, access `setup`):
 * what a technician sets on a new totem, step by step, and what the kiosk detects for them
 * (docs/technician.md). A step that cannot be done answers `{outcome: 'refused', reason}`
 * with a reason the screen translates (`setup.refusals.*`), never an IPC error: the wizard stays
 * on the step and says why.
 */
import { z } from 'zod';
import { LanguageSchema } from '../domain/language';
import { SiteIdSchema } from '../domain/site-id';
import { NewPinSchema } from './technician';
import { KioskIdSchema } from './townhall-api';

/** Why a step was not done. Each has its text in the catalogs (`setup.refusals.<reason>`). */
export const SetupRefusalReasonSchema = z.enum([
  /** The kiosk is configured already: the wizard is for a new totem. */
  'already-configured',
  /** The address is not https (plain http only for this machine). */
  'server-url-insecure',
  'server-unreachable',
  /** Something answers at that address, but not the Town Hall API. */
  'server-not-turnero',
  'site-unknown',
  /** Unknown, used, expired, or for another kiosk. */
  'code-invalid',
  'kiosk-already-enrolled',
  'too-many-attempts',
  'server-error',
  /** No printer chosen yet (or it was closed). */
  'printer-not-chosen',
  /** The printer's port or address could not be opened, or took no bytes. */
  'printer-unavailable',
  'scanner-unavailable',
  'logo-unreadable',
  /** The chosen printer profile has no NV memory for a logo. */
  'logo-not-supported',
  /** A technician PIN anybody would try first (one repeated digit, a run such as 123456). */
  'pin-weak',
  /** Finishing needs the steps listed in `missing`. */
  'steps-missing',
  'config-not-written',
  /** The configuration was written, but the kiosk did not start on it. */
  'kiosk-failed',
  /** This kiosk was not started by a launcher that can run the demo. */
  'demo-not-offered',
]);
export type SetupRefusalReason = z.infer<typeof SetupRefusalReasonSchema>;

/** The steps of the wizard, in order. */
export const SetupStepSchema = z.enum([
  'language',
  'server',
  'printer',
  'scanner',
  'logo',
  'pin',
  'done',
]);
export type SetupStep = z.infer<typeof SetupStepSchema>;

export const SetupRefusedSchema = z.object({
  outcome: z.literal('refused'),
  reason: SetupRefusalReasonSchema,
  /** The technical cause, for the technician (an error text, never a secret). */
  detail: z.string().max(300).optional(),
  /** With `steps-missing`: the steps still to do. */
  missing: z.array(SetupStepSchema).max(7).optional(),
});
export type SetupRefused = z.infer<typeof SetupRefusedSchema>;

const refusedOr = <T extends z.ZodObject<{ outcome: z.ZodLiteral<string> }>>(answer: T) =>
  z.discriminatedUnion('outcome', [answer, SetupRefusedSchema]);

export const EmptySetupRequestSchema = z.object({}).strict();

export const PrinterProfileSchema = z.enum(['epson', 'star', 'generic']);
export const PaperWidthSchema = z.union([z.literal(80), z.literal(58)]);

/** How the device credential is kept (docs/technician.md, "The device credential"). */
export const CredentialStoreFactsSchema = z.object({
  kind: z.enum(['file', 'electron-safe-storage']),
  /** Where it lives (a 0600 file either way; encrypted with safeStorage). */
  location: z.string().max(1024),
  /** Electron safeStorage's backend on Linux (`gnome_libsecret`, `kwallet5`, `basic_text`…). */
  backend: z.string().max(40).nullable(),
  /**
   * False when only the file's permissions protect it: a plain file, or safeStorage on
   * `basic_text` (no keyring on this system: the key is a fixed, public one).
   */
  encryptedAtRest: z.boolean(),
});
export type CredentialStoreFacts = z.infer<typeof CredentialStoreFactsSchema>;

/** What the wizard has set so far: the summary of the last step. Never the enrolment code. */
export const SetupDraftSchema = z.object({
  language: LanguageSchema,
  server: z
    .object({
      baseUrl: z.string().max(300),
      siteId: SiteIdSchema,
      kioskId: KioskIdSchema,
      /** As the town hall names the site; null when its site info could not be read. */
      siteName: z.string().max(120).nullable(),
      timeZone: z.string().max(64).nullable(),
    })
    .nullable(),
  printer: z
    .object({
      transport: z.string().max(320),
      profile: PrinterProfileSchema,
      paperWidth: PaperWidthSchema,
      testPagePrinted: z.boolean(),
    })
    .nullable(),
  scanner: z
    .object({
      transport: z.string().max(320),
      /** Scans read during the test. */
      testScans: z.number().int().min(0),
    })
    .nullable(),
  logo: z
    .object({
      file: z.string().max(1024),
      width: z.number().int().min(1),
      height: z.number().int().min(1),
      installed: z.boolean(),
    })
    .nullable(),
  /** Whether the technician PIN is set (the technician mode opens with it; never the PIN). */
  pinSet: z.boolean(),
});
export type SetupDraft = z.infer<typeof SetupDraftSchema>;

export const SetupStatusSchema = z.object({
  /** `configured`: a technician session on a configured kiosk; the wizard does not run there. */
  phase: z.enum(['setup', 'configured']),
  /** Where the configuration will be written (or was read from); null when unknown. */
  configPath: z.string().max(1024).nullable(),
  /** Whether "Try the demo" is offered (the kiosk was started by `npm start`'s launcher). */
  offerDemo: z.boolean(),
  draft: SetupDraftSchema,
  credentialStore: CredentialStoreFactsSchema,
});
export type SetupStatus = z.infer<typeof SetupStatusSchema>;

export const SetupEnrolRequestSchema = z
  .object({
    /** The town hall's Turnero server, e.g. `https://turnero.ayto.example.es`. */
    baseUrl: z.string().min(1).max(300),
    siteId: SiteIdSchema,
    kioskId: KioskIdSchema,
    /** The one-time code from town hall IT: used once, never stored, never shown again. */
    enrolmentCode: z.string().min(6).max(64),
  })
  .strict();

export const SetupEnrolResponseSchema = refusedOr(
  z.object({ outcome: z.literal('enrolled'), draft: SetupDraftSchema }),
);

export const DetectedSerialPortSchema = z.object({
  /** The path to configure: the stable `/dev/serial/by-id/…` link when there is one. */
  path: z.string().max(1024),
  /** The kernel's device (`/dev/ttyUSB0`), which may change between boots. */
  device: z.string().max(1024),
  /** The device's name in /dev/serial/by-id (maker, model, serial), when it has one. */
  byIdName: z.string().max(255).nullable(),
  manufacturer: z.string().max(120).nullable(),
});
export type DetectedSerialPort = z.infer<typeof DetectedSerialPortSchema>;

export const DetectedUsbPrinterSchema = z.object({
  path: z.string().max(1024),
  /** Whether the kiosk's user may write to it (the `lp` group). */
  writable: z.boolean(),
});
export type DetectedUsbPrinter = z.infer<typeof DetectedUsbPrinterSchema>;

export const DetectedDevicesSchema = z.object({
  serialPorts: z.array(DetectedSerialPortSchema).max(64),
  usbPrinters: z.array(DetectedUsbPrinterSchema).max(16),
});
export type DetectedDevices = z.infer<typeof DetectedDevicesSchema>;

export const NetworkPrinterCheckRequestSchema = z
  .object({
    host: z
      .string()
      .min(1)
      .max(253)
      .regex(/^[A-Za-z0-9.:[\]-]+$/),
    port: z.number().int().min(1).max(65535),
  })
  .strict();

export const NetworkPrinterCheckSchema = z.object({
  reachable: z.boolean(),
  /** Why not (refused, timed out, unknown host), for the technician. */
  detail: z.string().max(300).nullable(),
});

export const ChoosePrinterRequestSchema = z
  .object({
    /** As `printer.transport`: `serial:…?baud=…`, `usblp:…`, `tcp://host:port` or `virtual`. */
    transport: z.string().min(1).max(320),
    profile: PrinterProfileSchema,
    paperWidth: PaperWidthSchema,
  })
  .strict();

/**
 * The wizard's printer answers, over the contract's printer states. ipc.ts owns those states and
 * imports this file, so it hands them in rather than this file importing ipc.ts.
 */
export function printerAnswerSchemas<State extends z.ZodType<string>>(printerState: State) {
  const reading = z.object({
    state: printerState,
    /** The decoded status, for the technician ("paper near end", "cover open"…). */
    detail: z.string().max(300),
  });
  return {
    status: refusedOr(z.object({ outcome: z.literal('status'), reading })),
    testPage: refusedOr(z.object({ outcome: z.literal('sent'), reading })),
  };
}

export const ChooseScannerRequestSchema = z
  .object({
    /** As `scanner.transport`: `keyboard` or `serial:…?baud=…`. */
    transport: z.string().min(1).max(320),
  })
  .strict();

export const ChooseScannerResponseSchema = refusedOr(z.object({ outcome: z.literal('chosen') }));

/** Which of the accepted forms a scan was recognised as (src-shared/domain/scan-recognition.ts). */
export const ScanFormSchema = z.enum([
  'booking-code',
  'url-with-code',
  'signed-token',
  'booking-link',
  'id-document',
  'unrecognised',
]);
export type ScanForm = z.infer<typeof ScanFormSchema>;

export const ScanRecognitionSchema = z.object({
  /** What was decoded, cleaned of control characters, shortened for the screen. */
  text: z.string().max(200),
  form: ScanFormSchema,
});
export type ScanRecognition = z.infer<typeof ScanRecognitionSchema>;

export const ScannerReadsRequestSchema = z.object({ after: z.number().int().min(0) }).strict();

export const ScannerReadsResponseSchema = refusedOr(
  z.object({
    outcome: z.literal('reads'),
    /** The serial link; null for a keyboard wedge, which only the screen sees. */
    connected: z.boolean().nullable(),
    reads: z.array(ScanRecognitionSchema.extend({ seq: z.number().int().min(1) })).max(20),
  }),
);

export const LogoFilesSchema = z.object({
  files: z.array(z.object({ path: z.string().max(1024), name: z.string().max(255) })).max(50),
});

export const LogoRequestSchema = z.object({ path: z.string().min(1).max(1024) }).strict();

export const LogoPreviewResponseSchema = refusedOr(
  z.object({
    outcome: z.literal('preview'),
    /** The dithered image the printer will store, as a PNG data URL. */
    image: z
      .string()
      .max(512 * 1024)
      .regex(/^data:image\/png;base64,[A-Za-z0-9+/=]+$/),
    width: z.number().int().min(1),
    height: z.number().int().min(1),
  }),
);

export const LogoInstallResponseSchema = refusedOr(
  z.object({ outcome: z.literal('installed'), draft: SetupDraftSchema }),
);

/** The technician PIN (6–12 digits), kept only as its scrypt hash (src-main/technician/). */
export const SetPinRequestSchema = z.object({ pin: NewPinSchema }).strict();

export const SetPinResponseSchema = refusedOr(
  z.object({ outcome: z.literal('set'), draft: SetupDraftSchema }),
);

export const FinishResponseSchema = refusedOr(
  z.object({
    outcome: z.literal('started'),
    /**
     * `in-place`: the kiosk started on the new configuration in this process, no restart;
     * `restart`: the kiosk restarts on it.
     */
    switchedBy: z.enum(['in-place', 'restart']),
    configPath: z.string().max(1024),
    draft: SetupDraftSchema,
  }),
);

export const StartDemoResponseSchema = refusedOr(z.object({ outcome: z.literal('restarting') }));

/** The first sync of a new kiosk, page by page, for the technician's diagnostics. */
export const FirstSyncProgressSchema = z.object({
  /** `waiting`: not begun (or no answer yet); `failed`: the last try failed, it goes on. */
  state: z.enum(['waiting', 'running', 'done', 'failed']),
  /** Appointments received by the first sync so far. */
  appointmentsPulled: z.number().int().min(0),
  pages: z.number().int().min(0),
  /** Appointments in the kiosk's cache now. */
  appointmentsCached: z.number().int().min(0),
  lastError: z.string().max(300).nullable(),
});
export type FirstSyncProgress = z.infer<typeof FirstSyncProgressSchema>;
