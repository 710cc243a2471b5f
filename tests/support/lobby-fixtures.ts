/** Lobby calls and snapshots for tests: ticket numbers, services and desks, never a name. */
import {
  LobbySnapshotSchema,
  type LobbyCall,
  type LobbySnapshot,
} from '../../src-shared/contract/lobby';

export const SERVICE_NAMES = {
  padron: { es: 'Padrón municipal', en: 'Census register', fr: 'Recensement', de: 'Melderegister' },
  registro: { es: 'Registro general', en: 'General registry', fr: 'Registre', de: 'Register' },
};

export function lobbyCall(
  ticketNumber: string,
  desk: string,
  calledAt: string,
  extra: Partial<LobbyCall> = {},
): LobbyCall {
  return {
    id: `${ticketNumber}_${calledAt}`,
    ticketNumber,
    desk,
    serviceId: ticketNumber.startsWith('R') ? 'registro' : 'padron',
    serviceNames: ticketNumber.startsWith('R') ? SERVICE_NAMES.registro : SERVICE_NAMES.padron,
    calledAt,
    repeat: false,
    ...extra,
  };
}

/** A valid snapshot (defaults applied by the schema), taken at `serverTime`. */
export function lobbySnapshot(
  serverTime: string,
  calls: LobbyCall[],
  extra: Record<string, unknown> = {},
): LobbySnapshot {
  return LobbySnapshotSchema.parse({
    siteName: 'Ayuntamiento de Ejemplo · Sede Centro',
    timeZone: 'Europe/Madrid',
    serverTime,
    calls,
    waiting: [
      { serviceId: 'padron', serviceNames: SERVICE_NAMES.padron, count: 4 },
      { serviceId: 'registro', serviceNames: SERVICE_NAMES.registro, count: 1 },
    ],
    notice: null,
    options: {},
    ...extra,
  });
}
