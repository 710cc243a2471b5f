/**
 * Which part of the kiosk answers each request channel of the IPC contract. Requests arrive here
 * already validated by the dispatcher.
 */
import type { CheckInHandler } from '../checkin/check-in-handler';
import type { CheckInService } from '../checkin/check-in-service';
import type { KioskStateModel } from '../kiosk-state/kiosk-state';
import type { SetupHandlers } from '../setup/setup-handlers';
import type { TechnicianChannel } from '../technician/technician-handlers';
import type { DiagnosticsChannel } from './diagnostics-handlers';
import type { IpcHandlers } from './dispatcher';
import type { LobbyChannel } from './lobby-handlers';

export interface RequestHandlerParts {
  kioskState: Pick<KioskStateModel, 'get' | 'setSessionLanguage' | 'sessionLanguage'>;
  checkInHandler: Pick<CheckInHandler, 'submit'>;
  checkIns: Pick<CheckInService, 'reprint' | 'walkInOptions' | 'issueWalkIn'>;
  /** The first-run wizard's channels, as a configured kiosk answers them (setup-handlers.ts). */
  setup: SetupHandlers;
}

/**
 * The citizen's channels and the wizard's (as a configured kiosk answers them); the technician
 * mode's come from technician/technician-handlers.ts, its diagnostics' from
 * ./diagnostics-handlers.ts and the lobby screen's from ./lobby-handlers.ts.
 */
export function requestHandlers(
  parts: RequestHandlerParts,
): Omit<IpcHandlers, TechnicianChannel | DiagnosticsChannel | LobbyChannel> {
  const { kioskState, checkInHandler, checkIns, setup } = parts;
  return {
    ...setup,
    'kiosk:get-state': async () => ({ ok: true, value: kioskState.get() }),
    'session:set-language': async (request) => ({
      ok: true,
      value: { language: kioskState.setSessionLanguage(request.language) },
    }),
    'checkin:submit': (request) => checkInHandler.submit(request),
    'ticket:reprint': (request) => checkIns.reprint(request.ticketId, request.language),
    'walkin:get-options': async () => ({ ok: true, value: checkIns.walkInOptions() }),
    'walkin:issue': (request) =>
      checkIns.issueWalkIn(request.serviceId, {
        priority: request.priority,
        // The screen's language, else the session's, as for a check-in.
        language: request.language ?? kioskState.sessionLanguage(),
      }),
  };
}
