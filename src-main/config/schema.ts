/**
 * The kiosk's configuration: one JSON document, validated here. Every field is documented in
 * docs/configuration.md; keep the two in step.
 */
import { z } from 'zod';
import { BookingKeySchema } from '../../src-shared/contract/townhall-api';
import { SiteIdSchema } from '../../src-shared/domain/site-id';
import { isReadableBrandColour } from '../../src-shared/domain/colour-contrast';
import { LanguageSchema } from '../../src-shared/domain/language';
import { isValidTimeZone } from '../../src-shared/domain/site-time';
import { BACKEND_NAMES, backendSectionFields, missingBackendSection } from '../backend/registry';
import { isSecureOrLoopbackUrl, SECURE_URL_MESSAGE } from '../backend/secure-url';
import { OpeningHoursSchema } from '../appliance/opening-hours';
import { LobbyConfigSchema } from './lobby-config';

/** Line settings of a serial device, from the query of a `serial:` URI. */
const serialOptionsSchema = z
  .object({
    baud: z.coerce.number().int().min(300).max(921600),
    dataBits: z.coerce
      .number()
      .pipe(z.union([z.literal(7), z.literal(8)]))
      .default(8),
    parity: z.enum(['none', 'even', 'odd']).default('none'),
    stopBits: z.coerce
      .number()
      .pipe(z.union([z.literal(1), z.literal(2)]))
      .default(1),
    /** Hardware (RTS/CTS) or software (XON/XOFF) flow control; most receipt printers want one. */
    flow: z.enum(['none', 'rtscts', 'xonxoff']).default('none'),
    /** Raise DTR on open (some printers signal readiness on DSR and need DTR). */
    dtr: z.enum(['on', 'off']).default('on'),
  })
  .strict();
export type SerialLineOptions = z.infer<typeof serialOptionsSchema>;

export type SerialTransportConfig = { kind: 'serial'; path: string } & SerialLineOptions;

export type PrinterTransportConfig =
  | { kind: 'virtual' }
  | SerialTransportConfig
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'usblp'; path: string };

export type ScannerTransportConfig = { kind: 'keyboard' } | SerialTransportConfig;

function parseSerialUri(value: string, defaultBaud: number): SerialTransportConfig | null {
  const [path = '', query = ''] = value.slice('serial:'.length).split('?');
  const params = Object.fromEntries(new URLSearchParams(query));
  const options = serialOptionsSchema.safeParse({ baud: defaultBaud, ...params });
  if (!path.startsWith('/') || !options.success) return null;
  return { kind: 'serial', path, ...options.data };
}

/**
 * `virtual`, `serial:/dev/ttyUSB0?baud=19200[&dataBits=8&parity=none&stopBits=1&flow=rtscts&dtr=on]`,
 * `tcp://host:9100` or `usblp:/dev/usb/lp0` (or a stable /dev/usb/by-id/ or udev symlink).
 */
export function parsePrinterTransport(value: string): PrinterTransportConfig | null {
  if (value === 'virtual') return { kind: 'virtual' };
  if (value.startsWith('serial:')) return parseSerialUri(value, 19200);
  if (value.startsWith('usblp:')) {
    const path = value.slice('usblp:'.length);
    return path.startsWith('/') ? { kind: 'usblp', path } : null;
  }
  if (value.startsWith('tcp://')) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return null;
    }
    if (!url.hostname || url.pathname.replace('/', '') !== '') return null;
    return {
      kind: 'tcp',
      host: url.hostname.replace(/^\[|\]$/g, ''),
      port: Number(url.port || 9100),
    };
  }
  return null;
}

/** `keyboard` (a USB HID wedge, read by the renderer) or `serial:/dev/ttyACM0?baud=9600`. */
export function parseScannerTransport(value: string): ScannerTransportConfig | null {
  if (value === 'keyboard') return { kind: 'keyboard' };
  if (value.startsWith('serial:')) return parseSerialUri(value, 9600);
  return null;
}

/**
 * A branding colour: `#rrggbb` that keeps white text on it, and it as text on the kiosk's light
 * backgrounds, at 4.5:1 (WCAG AA). The issue's `params.issue` names the rule for the settings panel.
 */
const brandColourSchema = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'expected a #rrggbb colour')
  .refine(isReadableBrandColour, {
    message: 'too light: white text on it, or it on a light background, would be hard to read',
    params: { issue: 'low-contrast' },
  })
  .transform((colour) => colour.toLowerCase());

/** The http(s) base URL of the town hall's Turnero server (Town Hall API v1). */
const apiBaseUrlSchema = z.string().refine(isSecureOrLoopbackUrl, { message: SECURE_URL_MESSAGE });

/** The kiosk's own log (`<dataDir>/logs/turnero.log`) and Chromium's: size-capped chains. */
export const LogsSchema = z
  .object({
    /** Size at which a log file is rotated. */
    maxFileBytes: z
      .number()
      .int()
      .min(64 * 1024)
      .max(100 * 1024 * 1024)
      .default(5 * 1024 * 1024),
    /** Files kept per log, the one being written included. */
    files: z.number().int().min(2).max(20).default(5),
  })
  .strict()
  .prefault({});

export const ConfigSchema = z
  .object({
    dataDir: z.string().min(1).optional(),
    siteId: SiteIdSchema.default('demo-sac'),
    kioskId: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,31}$/)
      .default('kiosk-1'),
    timeZone: z
      .string()
      .refine(isValidTimeZone, { message: 'unknown IANA time zone' })
      .default('Europe/Madrid'),
    language: LanguageSchema.default('es'),
    api: z
      .object({
        /**
         * Required for the Turnero back end (the kiosk refuses to start without it); an
         * Easy!Appointments kiosk names its server in `easyAppointments.baseUrl` instead.
         */
        baseUrl: apiBaseUrlSchema.optional(),
        pollSeconds: z.number().int().min(5).max(3600).default(60),
        timeoutMs: z.number().int().min(500).max(60000).default(8000),
        /** How often the kiosk reports its health (printer, outbox, clock) to the town hall. */
        heartbeatSeconds: z.number().int().min(10).max(3600).default(60),
        /**
         * Where the device credential from enrolment is kept (written 0600);
         * `<dataDir>/credential` when not given.
         */
        credentialFile: z.string().min(1).optional(),
        /** One-time enrolment code from town hall IT: used at start when there is no credential. */
        enrolmentCode: z.string().min(6).max(64).optional(),
        /**
         * Which back end speaks for the town hall: `turnero`, our Town Hall API v1 at `baseUrl`,
         * or an adapter (docs/townhall-adapters.md). The names, and each adapter's own settings
         * section (`easyAppointments`: site id and time zone come from above), are those of
         * src-main/backend/registry.ts.
         */
        adapter: z.enum(BACKEND_NAMES).default('turnero'),
        ...backendSectionFields,
      })
      .strict()
      .superRefine((api, context) => {
        const missing = missingBackendSection(api);
        if (missing) {
          context.addIssue({ code: 'custom', message: missing.message, path: [missing.key] });
        }
      })
      .prefault({}),
    /**
     * Ticket numbers: this kiosk's own counters, above the site's lease ceiling, used only when
     * its leased numbers are spent and the town hall is out of reach. IT must give every kiosk of
     * a site a range of its own (e.g. 900–929, 930–959, 960–989): overlapping ranges can print
     * the same number twice while offline.
     */
    numbering: z
      .object({
        reservedRange: z
          .object({
            first: z.number().int().min(1).max(999),
            last: z.number().int().min(1).max(999),
          })
          .strict()
          .refine((range) => range.first <= range.last, { message: 'first must be <= last' })
          .default({ first: 900, last: 999 }),
      })
      .strict()
      .prefault({}),
    printer: z
      .object({
        transport: z
          .string()
          .refine((value) => parsePrinterTransport(value) !== null, {
            message:
              'expected "virtual", "serial:/dev/ttyUSB0?baud=19200", "tcp://host:9100" or "usblp:/dev/usb/lp0"',
          })
          .default('virtual'),
        paperWidth: z.union([z.literal(80), z.literal(58)]).default(80),
        codePage: z.enum(['PC858', 'PC850', 'WPC1252']).default('PC858'),
        /** Command dialect: EPSON TM (reference), STAR (ESC/POS emulation) or generic ESC/POS. */
        profile: z.enum(['epson', 'star', 'generic']).default('epson'),
        /**
         * The printer's own response budget for a job; each job's deadline adds the time its bytes
         * need on a serial line and its paper to come out (src-main/printer/job-deadline.ts).
         */
        timeoutMs: z.number().int().min(500).max(60000).default(10000),
        /** How often the real-time status (DLE EOT) is read between jobs. */
        statusPollSeconds: z.number().int().min(1).max(300).default(5),
        /**
         * URL printed as a QR code; `{number}`, `{ticketId}` and `{token}` (the ticket's follow
         * token, docs/follow.md) are filled in. ASCII only.
         */
        qrUrl: z
          .string()
          .max(300)
          .regex(/^https?:\/\/[\x21-\x7e]+$/, 'expected an http(s) URL in plain ASCII')
          .nullable()
          .default(null),
        /** A PNG logo, stored in the printer's NV memory by `npm run printer -- install-logo`. */
        logoFile: z.string().min(1).nullable().default(null),
        /**
         * Length of a full paper roll, in mm (80 m rolls: 80000): the technician's diagnostics
         * estimate the paper left from it and what was printed since the last paper change.
         */
        rollLengthMm: z.number().int().min(1000).max(1_000_000).default(80_000),
      })
      .strict()
      .prefault({}),
    scanner: z
      .object({
        transport: z
          .string()
          .refine((value) => parseScannerTransport(value) !== null, {
            message: 'expected "keyboard" or "serial:/dev/ttyACM0?baud=9600"',
          })
          .default('keyboard'),
        /** End of a scan on a serial scanner: `auto` is any of CR, LF or CRLF. */
        terminator: z.enum(['auto', 'cr', 'lf', 'crlf', 'none']).default('auto'),
        /** With terminator `none`: a scan ends after this much silence between bytes. */
        interByteTimeoutMs: z.number().int().min(5).max(2000).default(50),
        /** Stripped from the start / end of each scan when present (a scanner's AIM id, a tab…). */
        stripPrefix: z.string().max(16).default(''),
        stripSuffix: z.string().max(16).default(''),
        /**
         * The keyboard layout a keyboard-wedge scanner types in, when it differs from the PC's:
         * `auto` detects a US-configured scanner on a Spanish keyboard and remaps it.
         */
        keyboardLayout: z.enum(['auto', 'us', 'es']).default('auto'),
        /** Decode QR codes from a camera on the home screen (optional hardware). */
        camera: z.boolean().default(false),
        /**
         * Longest gap between a keyboard-wedge scanner's keystrokes still read as one scan; raise
         * it for slow scanners (people type slower than ~80 ms per key).
         */
        wedgeMaxGapMs: z.number().int().min(10).max(500).default(35),
      })
      .strict()
      .prefault({}),
    /**
     * Public keys that verify signed booking tokens offline (docs/booking-token.md). Keys the
     * town hall publishes in its site info are used too; these win for the same kid.
     */
    bookingKeys: z
      .array(BookingKeySchema)
      .max(16)
      .refine((keys) => new Set(keys.map((key) => key.kid)).size === keys.length, {
        message: 'duplicate kid',
      })
      .default([]),
    checkIn: z
      .object({
        minutesBefore: z.number().int().min(0).max(720).default(120),
        minutesAfter: z.number().int().min(0).max(720).default(60),
      })
      .strict()
      .prefault({}),
    /** What the citizen screens offer and how long they wait (docs/configuration.md). */
    citizen: z
      .object({
        /** The town hall's booking web, shown as a QR where booking is the next step. */
        bookingUrl: z
          .string()
          .max(300)
          .regex(/^https?:\/\/[\x21-\x7e]+$/, 'expected an http(s) URL in plain ASCII')
          .nullable()
          .default(null),
        /** A result or error screen goes home after this long without a touch. */
        outcomeSeconds: z.number().int().min(5).max(600).default(30),
        /** Typing, or a chosen language, is abandoned after this long without a touch. */
        idleSeconds: z.number().int().min(10).max(600).default(60),
        /** The "¿Necesita más tiempo?" warning shows this long before any reset. */
        warningSeconds: z.number().int().min(5).max(120).default(20),
        /** The languages the citizen may choose on screen; they must include `language`. */
        languages: z
          .array(LanguageSchema)
          .min(1)
          .max(4)
          .refine((list) => new Set(list).size === list.length, { message: 'duplicate language' })
          .default(['es', 'en', 'fr', 'de']),
      })
      .strict()
      .prefault({}),
    walkIn: z
      .object({
        /** Priority tickets (older people, pregnancy, disability) on the walk-in screen. */
        priorityEnabled: z.boolean().default(false),
        /** A service's button shows its remaining tickets when this many or fewer are left. */
        showRemainingBelow: z.number().int().min(0).max(999).default(10),
        /** Services of the site the walk-in screen does not offer (by service id). */
        hiddenServices: z.array(z.string().min(1).max(64)).max(200).default([]),
      })
      .strict()
      .prefault({}),
    /** How the citizen screens present the site (set by the technician, docs/technician.md). */
    branding: z
      .object({
        /** Shown instead of the town hall's name for the site; null: the town hall's. */
        siteName: z.string().trim().min(1).max(80).nullable().default(null),
        /** The header's colour (white text on it); null: the kiosk's own navy. */
        headerColor: brandColourSchema.nullable().default(null),
        /** The main buttons' colour (white text on them); null: the kiosk's own blue. */
        actionColor: brandColourSchema.nullable().default(null),
      })
      .strict()
      .prefault({}),
    /**
     * Data minimisation (docs/data-protection.md): appointments are kept from today on only;
     * tickets (no personal data) for `ticketDays` days, for statistics and support.
     */
    retention: z
      .object({ ticketDays: z.number().int().min(1).max(366).default(31) })
      .strict()
      .prefault({}),
    /**
     * The kiosk as an appliance (docs/deployment.md): the display stays awake during opening
     * hours, and updates are installed only outside them; both on the site's `timeZone`.
     */
    appliance: z.object({ openingHours: OpeningHoursSchema }).strict().prefault({}),
    /** The lobby screen on the totem's second display (./lobby-config.ts). */
    lobby: LobbyConfigSchema,
    logs: LogsSchema,
  })
  .strict()
  .superRefine((config, context) => {
    if (!config.citizen.languages.includes(config.language)) {
      context.addIssue({
        code: 'custom',
        path: ['citizen', 'languages'],
        message: `must include the default language "${config.language}"`,
        params: { issue: 'default-language-missing' },
      });
    }
  });

export type Config = z.infer<typeof ConfigSchema>;
export type ConfigInput = z.input<typeof ConfigSchema>;
