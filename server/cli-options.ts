/**
 * The command line of `npm run server` (cli.ts), parsed into server options: kept apart from
 * cli.ts so it can be tested without starting anything.
 */
import { parseArgs } from 'node:util';
import type { AuthMode } from './context';
import { parseFaultSpec } from './faults';
import { embedOrigin } from './booking/booking-page-routes';
import { parseHostEntry } from './host-policy';
import type { WaitEstimateSettings } from './queue/wait-estimate';
import type { TurneroServerOptions } from './server';

export const USAGE =
  'usage: npm run server -- [--port N] [--host 127.0.0.1] [--seed demo|FILE] ' +
  '[--database FILE|postgres://…] [--db FILE] ' +
  '[--signing-key FILE] [--auth required|optional] [--public-host NAME]... ' +
  '[--retention-days N] [--audit-retention-days N] [--turn-minutes N|SERVICE=N]... [--faults latency=MS,error=RATE,drop=RATE,duplicate=RATE,seed=N] ' +
  '[--public-origin https://NAME --trust-proxy ADDRESS|true] ' +
  '[--smtp smtp://USER:PASS@HOST:587 --mail-from ADDRESS] [--booking-embed-origin https://NAME]...; ' +
  'npm run server -- staff add|reset-password|disable|enable|list …';

export type ServerArgs =
  | { help: true }
  | {
      help: false;
      /** `demo` or a seed file. */
      seed: string;
      /** Everything but the seed, which the caller loads. */
      options: Omit<TurneroServerOptions, 'seed'>;
      /** The `--faults` text, for the start-up line. */
      faultSpec: string | null;
    };

function positiveInteger(name: string, text: string, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 1 || value > max) {
    throw new Error(`invalid --${name} ${text} (a whole number from 1 to ${max})`);
  }
  return value;
}

/**
 * `--turn-minutes 8` (every service) and `--turn-minutes registro=3` (one service): the minutes
 * a turn is taken to last before a service has enough finished turns of its own.
 */
function parseTurnMinutes(
  entries: readonly string[],
): Pick<WaitEstimateSettings, 'coldStartMinutesByService'> & { coldStartMinutes?: number } {
  const byService: Record<string, number> = {};
  let all: number | undefined;
  for (const entry of entries) {
    const [first, second] = entry.split('=', 2);
    const minutes = positiveInteger('turn-minutes', second ?? first ?? '', 240);
    if (second === undefined) all = minutes;
    else byService[first ?? ''] = minutes;
  }
  return {
    coldStartMinutesByService: byService,
    ...(all !== undefined ? { coldStartMinutes: all } : {}),
  };
}

/**
 * `env` is the environment: TURNERO_DATABASE_URL names the database when neither `--database`
 * nor `--db` does, and TURNERO_SMTP_URL the SMTP server when `--smtp` does not (so neither a
 * PostgreSQL nor an SMTP password need be on the command line, where `ps` shows it).
 */
export function parseServerArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
): ServerArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string', default: '8085' },
      host: { type: 'string', default: '127.0.0.1' },
      seed: { type: 'string', default: 'demo' },
      db: { type: 'string' },
      database: { type: 'string' },
      'signing-key': { type: 'string' },
      auth: { type: 'string', default: 'optional' },
      faults: { type: 'string' },
      'public-host': { type: 'string', multiple: true },
      'retention-days': { type: 'string' },
      'audit-retention-days': { type: 'string' },
      'turn-minutes': { type: 'string', multiple: true },
      'public-origin': { type: 'string' },
      'trust-proxy': { type: 'string' },
      smtp: { type: 'string' },
      'mail-from': { type: 'string' },
      'booking-embed-origin': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return { help: true };
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65535) throw new Error(`invalid --port ${values.port}`);
  if (values.auth !== 'required' && values.auth !== 'optional') {
    throw new Error(`invalid --auth ${values.auth} (required or optional)`);
  }
  const auth: AuthMode = values.auth;
  const publicHosts = values['public-host'] ?? [];
  // Refused here rather than at start: a typo should not leave the kiosks facing 421.
  for (const name of publicHosts) parseHostEntry(name);
  const retention = values['retention-days'];
  const auditRetention = values['audit-retention-days'];
  if (values.db !== undefined && values.database !== undefined) {
    throw new Error('give --database or --db, not both');
  }
  const database = values.database ?? values.db ?? (env.TURNERO_DATABASE_URL || undefined);
  const smtp = values.smtp ?? (env.TURNERO_SMTP_URL || undefined);
  if (smtp !== undefined && values['mail-from'] === undefined) {
    throw new Error('--smtp needs --mail-from (the sender of the booking e-mails)');
  }
  const embedOrigins = values['booking-embed-origin'] ?? [];
  // Refused here rather than at start, like --public-host.
  for (const origin of embedOrigins) embedOrigin(origin);
  return {
    help: false,
    seed: values.seed,
    faultSpec: values.faults ?? null,
    options: {
      auth,
      faults: values.faults ? parseFaultSpec(values.faults) : null,
      port,
      host: values.host,
      ...(database ? { database } : {}),
      ...(values['signing-key'] ? { signingKeyFile: values['signing-key'] } : {}),
      ...(publicHosts.length > 0 ? { publicHosts } : {}),
      ...(values['public-origin'] ? { publicOrigin: values['public-origin'] } : {}),
      ...(smtp ? { smtpUrl: smtp } : {}),
      ...(values['mail-from'] ? { mailFrom: values['mail-from'] } : {}),
      ...(embedOrigins.length > 0 ? { bookingEmbedOrigins: embedOrigins } : {}),
      ...(values['trust-proxy'] !== undefined
        ? { trustProxy: values['trust-proxy'] === 'true' ? true : values['trust-proxy'] }
        : {}),
      ...(retention !== undefined
        ? { retentionDays: positiveInteger('retention-days', retention, 36_500) }
        : {}),
      ...(auditRetention !== undefined
        ? {
            auditRetentionDays: positiveInteger('audit-retention-days', auditRetention, 36_500),
          }
        : {}),
      ...(values['turn-minutes'] ? { waitEstimate: parseTurnMinutes(values['turn-minutes']) } : {}),
    },
  };
}
