/**
 * The time zone Easy!Appointments' local date-times of a site are in. EA keeps an appointment's
 * `start` and `end` in its **provider's** zone (each provider has a `timezone`, `UTC` unless
 * set); its `default_timezone` setting is only the default for new users, `UTC` out of the box,
 * and says nothing about stored times. So the site's zone is its providers' one, and it must be
 * one zone and the kiosk's own: anything else would shift every time silently, so it is refused
 * (a `misconfigured` BackendError, one log line per problem) until a technician fixes it.
 *
 * An EA whose providers name no zone (before 1.4) has its times in the kiosk's configured zone,
 * the only one there is to go by.
 */
import { isValidTimeZone } from '../../../../src-shared/domain/site-time';
import { BackendError } from '../../backend-error';
import type { EaProvider } from './ea-schemas';

export type ZoneVerdict =
  { ok: true; zone: string; from: 'providers' | 'config' } | { ok: false; problem: string };

/** The site's zone from its providers (`providerIds`, or all), checked against the kiosk's. */
export function siteZoneOf(
  providers: readonly EaProvider[],
  providerIds: readonly string[] | undefined,
  kioskZone: string,
): ZoneVerdict {
  const wanted = providerIds ? new Set(providerIds) : null;
  const named = providers
    .filter((provider) => wanted === null || wanted.has(String(provider.id)))
    .flatMap((provider) => {
      const zone = provider.timezone?.trim();
      return zone ? [{ id: provider.id, zone }] : [];
    });
  if (named.length === 0) return { ok: true, zone: kioskZone, from: 'config' };
  const invalid = named.find((provider) => !isValidTimeZone(provider.zone));
  if (invalid) {
    return {
      ok: false,
      problem: `provider ${invalid.id} has the time zone "${invalid.zone}", not an IANA zone`,
    };
  }
  const zones = new Set(named.map((provider) => provider.zone));
  if (zones.size > 1) {
    const list = named.map((provider) => `${provider.id}: ${provider.zone}`).join(', ');
    return {
      ok: false,
      problem:
        `the site's providers are in different time zones (${list}); EA keeps each ` +
        `appointment's times in its provider's zone and a kiosk has one: give them one zone in ` +
        `EA, or one site per zone with api.easyAppointments.providerIds`,
    };
  }
  const [zone = kioskZone] = zones;
  if (zone !== kioskZone) {
    return {
      ok: false,
      problem:
        `the site's providers are in ${zone}, the kiosk's timeZone is ${kioskZone}; EA keeps ` +
        `appointment times in the provider's zone: set the providers' time zone in EA or the ` +
        `kiosk's timeZone to the office's own`,
    };
  }
  return { ok: true, zone, from: 'providers' };
}

export interface ProviderZoneOptions {
  /** EA's providers; null when EA does not list them (an older version). */
  listProviders: () => Promise<EaProvider[] | null>;
  /** EA's `default_timezone` setting, for a hint when the providers name no zone. */
  defaultTimezone: () => Promise<string | null>;
  providerIds: readonly string[] | undefined;
  kioskZone: string;
  log: (line: string) => void;
}

const misconfigured = (problem: string): BackendError =>
  new BackendError('misconfigured', `Easy!Appointments: ${problem}`);

/** The site's zone as last checked against EA's providers, re-checked at every site info. */
export function createProviderZone(options: ProviderZoneOptions) {
  const { log, kioskZone } = options;
  let verdict: ZoneVerdict | null = null;
  let loggedProblem: string | null = null;
  let hinted = false;

  async function hintOnce(): Promise<void> {
    if (hinted) return;
    hinted = true;
    const fallback = await options.defaultTimezone();
    if (fallback !== null && !isValidTimeZone(fallback)) {
      log(`easy-appointments: default_timezone "${fallback}" is not an IANA zone; using config`);
    } else if (fallback !== null && fallback !== kioskZone) {
      log(
        `easy-appointments: EA's providers name no time zone; using the kiosk's ${kioskZone} ` +
          `(EA's default_timezone, ${fallback}, is only the default for new users)`,
      );
    }
  }

  /** Reads the providers again; the zone, or a `misconfigured` error naming the problem. */
  async function refresh(): Promise<string> {
    verdict = siteZoneOf((await options.listProviders()) ?? [], options.providerIds, kioskZone);
    if (!verdict.ok) {
      if (loggedProblem !== verdict.problem) {
        log(`easy-appointments: refusing to sync: ${verdict.problem}`);
        loggedProblem = verdict.problem;
      }
      throw misconfigured(verdict.problem);
    }
    if (loggedProblem !== null) {
      log(`easy-appointments: time zones agree again (${verdict.zone}); syncing`);
      loggedProblem = null;
    }
    if (verdict.from === 'config') await hintOnce();
    return verdict.zone;
  }

  return {
    refresh,
    /** The zone last checked (checking it now if never), or the problem found then. */
    async current(): Promise<string> {
      if (verdict === null) return refresh();
      if (!verdict.ok) throw misconfigured(verdict.problem);
      return verdict.zone;
    },
  };
}

export type ProviderZone = ReturnType<typeof createProviderZone>;
