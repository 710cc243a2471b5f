/**
 * Easy!Appointments records → the Town Hall API v1 contract. Pure functions: the adapter checks
 * every result against the contract's schemas before anyone sees it.
 */
import { createHash } from 'node:crypto';
import type { Appointment, Service } from '../../../../src-shared/contract/townhall-api';
import type { AppointmentStatus } from '../../../../src-shared/domain/appointment-status';
import { fromLocalDateTime } from '../../../../src-shared/domain/site-time';
import { EA_LOCAL_DATE_TIME, type EaAppointment, type EaService } from './ea-schemas';
import type { EasyAppointmentsOptions } from './options';

/** An appointment as mapped, before the adapter stamps its version. */
export type MappedAppointment = Omit<Appointment, 'version'>;

/**
 * The instant of an EA local date-time (`2026-03-29 09:30:00`) in the installation's zone, DST
 * included, as `fromLocalDateTime` resolves it: a time inside the spring-forward gap (02:30 on
 * the last Sunday of March, which never happens in Madrid) is read with the summer offset, so one
 * hour later on the wall clock (03:30); an ambiguous autumn time is its first occurrence.
 */
export function eaLocalToInstant(value: string, timeZone: string): Date {
  const match = EA_LOCAL_DATE_TIME.exec(value);
  if (!match) throw new RangeError(`not an EA date-time: ${value}`);
  const [, day = '', hour = '', minute = '', second = '0'] = match;
  const instant = fromLocalDateTime(day, `${hour}:${minute}`, timeZone);
  return new Date(instant.getTime() + Number(second) * 1000);
}

const normaliseStatus = (status: string): string => status.trim().toLowerCase();

const BUILT_IN_STATUSES: Record<string, AppointmentStatus> = {
  cancelled: 'cancelled',
  canceled: 'cancelled',
  'no-show': 'no-show',
  'no show': 'no-show',
  noshow: 'no-show',
};

export type StatusOptions = Pick<EasyAppointmentsOptions, 'checkedInStatus' | 'statusMap'>;

/** EA's free-text status → ours; unknown and missing statuses are `booked`. */
export function mapStatus(
  status: string | null | undefined,
  options: StatusOptions,
): AppointmentStatus {
  if (!status) return 'booked';
  const key = normaliseStatus(status);
  if (key === normaliseStatus(options.checkedInStatus)) return 'checked-in';
  for (const [name, mapped] of Object.entries(options.statusMap)) {
    if (normaliseStatus(name) === key) return mapped;
  }
  return BUILT_IN_STATUSES[key] ?? 'booked';
}

export function mapAppointment(
  record: EaAppointment,
  timeZone: string,
  options: StatusOptions,
): MappedAppointment {
  return {
    id: String(record.id),
    code: record.hash,
    serviceId: String(record.serviceId),
    startsAt: eaLocalToInstant(record.start, timeZone).toISOString(),
    status: mapStatus(record.status, options),
  };
}

/** A digest of everything the kiosk keeps of an appointment: equal digests, nothing changed. */
export function appointmentDigest(appointment: MappedAppointment): string {
  const fields = [
    appointment.id,
    appointment.code,
    appointment.serviceId,
    appointment.startsAt,
    appointment.status,
  ];
  return createHash('sha256').update(JSON.stringify(fields)).digest('base64url').slice(0, 22);
}

const SPANISH_STOP_WORDS = new Set([
  'A',
  'AL',
  'DE',
  'DEL',
  'EL',
  'EN',
  'LA',
  'LAS',
  'LOS',
  'Y',
  'E',
  'O',
  'PARA',
  'POR',
  'CON',
]);

/** Upper-case A–Z words of a name, accents dropped (`Padrón Municipal` → PADRON, MUNICIPAL). */
function wordsOf(name: string): string[] {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/Ñ/g, 'N')
    .split(/[^A-Z]+/)
    .filter(Boolean);
}

/** Prefix candidates for a service name, best first, each 1–3 letters A–Z. */
export function prefixCandidates(name: string): string[] {
  const words = wordsOf(name);
  const significant = words.filter((word) => !SPANISH_STOP_WORDS.has(word));
  const main = significant.length > 0 ? significant : words;
  const first = main[0] ?? 'S';
  const candidates = [
    main
      .slice(0, 3)
      .map((word) => word[0])
      .join(''),
    first.slice(0, 1),
    first.slice(0, 2),
    first.slice(0, 3),
  ];
  for (const letter of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') candidates.push(first.slice(0, 1) + letter);
  for (const a of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') {
    for (const b of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') candidates.push(first.slice(0, 1) + a + b);
  }
  return [...new Set(candidates.filter((candidate) => /^[A-Z]{1,3}$/.test(candidate)))];
}

/**
 * A ticket prefix per EA service: the configured one, else the first candidate derived from its
 * name that no other service of the site has (services taken in id order, configured ones
 * first), so two services never print the same prefix.
 */
export function assignPrefixes(
  services: readonly EaService[],
  configured: Readonly<Record<string, string>>,
): Map<string, string> {
  const result = new Map<string, string>();
  const taken = new Set<string>();
  for (const service of services) {
    const prefix = configured[String(service.id)];
    if (prefix !== undefined) {
      result.set(String(service.id), prefix);
      taken.add(prefix);
    }
  }
  for (const service of [...services].sort((a, b) => a.id - b.id)) {
    const id = String(service.id);
    if (result.has(id)) continue;
    const prefix = prefixCandidates(service.name).find((candidate) => !taken.has(candidate));
    // 1 + 26 + 676 candidates: only a site with more services than that runs out.
    if (prefix === undefined) throw new RangeError(`no free ticket prefix for service ${id}`);
    result.set(id, prefix);
    taken.add(prefix);
  }
  return result;
}

export function mapServices(
  services: readonly EaService[],
  options: Pick<EasyAppointmentsOptions, 'servicePrefixes' | 'walkInServiceIds'>,
): Service[] {
  const prefixes = assignPrefixes(services, options.servicePrefixes);
  const walkIns = new Set(options.walkInServiceIds);
  return services.map((service) => {
    const id = String(service.id);
    return {
      id,
      prefix: prefixes.get(id) ?? 'S',
      names: { es: service.name.trim().slice(0, 200) || `Servicio ${id}` },
      walkInsAllowed: walkIns.has(id),
    };
  });
}
