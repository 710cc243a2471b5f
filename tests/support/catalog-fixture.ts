/** A small, readable town hall catalog for tests that need appointments in a real store. */
import type { Appointment, Service, Site } from '../../src-shared/contract/townhall-api';
import type { Store } from '../../src-main/store/store';

export const TEST_SITE: Site = {
  id: 'test-sac',
  name: 'Ayuntamiento de Villanueva de la Peña',
  timeZone: 'Europe/Madrid',
};

export const TEST_SERVICES: Service[] = [
  {
    id: 'empadronamiento',
    prefix: 'E',
    names: { es: 'Certificado de empadronamiento', en: 'Certificate of registration' },
    walkInsAllowed: true,
  },
  { id: 'registro', prefix: 'R', names: { es: 'Registro general' }, walkInsAllowed: false },
];

export function appointment(
  code: string,
  startsAt: Date,
  overrides: Partial<Appointment> = {},
): Appointment {
  return {
    id: `apt-${code}`,
    code,
    serviceId: 'empadronamiento',
    startsAt: startsAt.toISOString(),
    status: 'booked',
    version: 1,
    ...overrides,
  };
}

/** The cache as a completed pull leaves it: site, services, appointments, and "up to date". */
export function seedCatalog(store: Store, appointments: Appointment[], now: Date): void {
  store.catalog.saveSiteInfo(TEST_SITE, TEST_SERVICES, now);
  store.catalog.saveAppointments(appointments, TEST_SITE.timeZone, now);
  store.syncState.set('last-success-at', now.toISOString());
}
