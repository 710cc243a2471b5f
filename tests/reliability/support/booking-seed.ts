/**
 * A seed file (docs/townhall-seed-format.md) with many bookings that can all be checked in now:
 * times relative to when the server loads it, within 30 minutes either side, over two services
 * so that numbers are checked per service. The site leases numbers (ceiling 799, blocks of 20),
 * as a real site with several kiosks would.
 */
import { writeFileSync } from 'node:fs';
import type { SeedDocumentInput } from '../../../server/seed';
import { bookingCodeFor } from '../../support/booking-codes';

export const SITE_ID = 'rel-sac';
export const TIME_ZONE = 'Europe/Madrid';
/** Numbers up to this are leased from the town hall; above it, the kiosk's reserved range. */
export const LEASE_CEILING = 799;

export interface Bookings {
  seedFile: string;
  /** The booking codes, in seed order. */
  codes: readonly string[];
  /** The town hall's id of the booking behind each code. */
  appointmentIdOf(code: string): string;
}

const appointmentId = (code: string): string => `apt-${code.slice(4).toLowerCase()}`;

export function writeBookingSeed(seedFile: string, count: number): Bookings {
  const codes = Array.from({ length: count }, (_, index) => bookingCodeFor(index));
  const seed: SeedDocumentInput = {
    $comment: 'written by tests/reliability; every booking can be checked in for 30 minutes',
    site: {
      id: SITE_ID,
      name: 'Ayuntamiento de Fiabilidad',
      timeZone: TIME_ZONE,
      numbering: { leaseCeiling: LEASE_CEILING, defaultBlockSize: 20 },
    },
    services: [
      {
        id: 'empadronamiento',
        prefix: 'E',
        names: { es: 'Empadronamiento' },
        walkInsAllowed: true,
      },
      { id: 'registro', prefix: 'R', names: { es: 'Registro general' }, walkInsAllowed: true },
    ],
    appointments: codes.map((code, index) => ({
      id: appointmentId(code),
      code,
      serviceId: index % 2 === 0 ? 'empadronamiento' : 'registro',
      offsetMinutes: (index % 61) - 30,
    })),
  };
  writeFileSync(seedFile, JSON.stringify(seed, null, 2));
  return { seedFile, codes, appointmentIdOf: appointmentId };
}
