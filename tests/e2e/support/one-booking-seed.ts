/** The smallest town hall the end-to-end specs check in at: one service, one booking. */
import { parseSeed } from '../../../server/seed';

export const SITE_NAME = 'Ayuntamiento de Villanueva de la Peña';

/** Booking `TRN-7K4P9Q` for "Certificado de empadronamiento" (turns E-…), due in 10 minutes. */
export const ONE_BOOKING_SEED = parseSeed({
  site: { id: 'e2e-sac', name: SITE_NAME, timeZone: 'Europe/Madrid' },
  services: [
    {
      id: 'empadronamiento',
      prefix: 'E',
      names: { es: 'Certificado de empadronamiento' },
      walkInsAllowed: true,
    },
  ],
  appointments: [{ code: 'TRN-7K4P9Q', serviceId: 'empadronamiento', offsetMinutes: 10 }],
});
