/** Tickets as main shows them to the screen (TicketView), for the renderer tests. */
import type { CheckInResult, TicketView } from '../../src-shared/contract/ipc';

export function ticketView(overrides: Partial<TicketView> = {}): TicketView {
  return {
    id: '3f1c9a52-7d4e-4b1a-9c2e-5a8b7d6e1f00',
    number: 'C-014',
    serviceName: { es: 'Padrón municipal', en: 'Census register' },
    appointmentTime: '10:30',
    issuedAt: '2025-11-27T10:21:00+01:00',
    printStatus: 'printed',
    canReprint: false,
    priority: false,
    paperlessQr: 'https://turnos.villanueva.es/t/C-014',
    ...overrides,
  };
}

export function issuedResult(
  overrides: Partial<TicketView> = {},
  outcome: CheckInResult['outcome'] = 'issued',
): CheckInResult {
  return { outcome, ticket: ticketView(overrides) };
}

/** A ticket without appointment, as `walkin:issue` answers. */
export function walkInResult(overrides: Partial<TicketView> = {}): CheckInResult {
  return issuedResult({
    number: 'R-001',
    serviceName: { es: 'Registro general', en: 'General registry office' },
    appointmentTime: null,
    paperlessQr: 'R-001 Registro general',
    ...overrides,
  });
}
