// @vitest-environment happy-dom
/**
 * Every refusal ends in a ticket or a clear next step: the table of next steps, then the error
 * screen on the FAKE bridge for the refusals a new user met (cancelled, not today, too late,
 * checked in elsewhere, unknown while offline, a DNI not found, a service's cap reached).
 */
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorGuide } from '../../src-renderer/flows/error-next-step';
import type { IpcError } from '../../src-shared/contract/ipc';
import { FakeBridge, renderKiosk, tapKeys } from '../support/fake-bridge';
import { kioskStateFixture } from '../support/kiosk-state-fixture';

const BOOKING_URL = 'https://cita.villanueva.es/reservar';

describe('the next step of each refusal', () => {
  const online = { origin: 'code', offline: false } as const;

  it.each([
    ['booking-cancelled', 'walk-in', true],
    ['booking-not-today', 'walk-in', true],
    ['too-late', 'walk-in', false],
    ['too-early', 'done', false],
    ['already-checked-in-elsewhere', 'done', false],
    ['unrecognised-code', 'retry-code', false],
    ['booking-not-found', 'retry-code', false],
    ['daily-limit-reached', 'home', true],
    ['service-cap-reached', 'home', true],
    ['kiosk-not-ready', 'walk-in', false],
  ] as const)('%s → %s (booking web: %s)', (code, primary, bookingWeb) => {
    const guide = errorGuide({ code }, online);
    expect(guide.primary).toBe(primary);
    expect(guide.bookingWeb).toBe(bookingWeb);
  });

  it('never offers retyping where it cannot help', () => {
    for (const code of ['booking-cancelled', 'booking-not-today', 'too-late'] as const) {
      const guide = errorGuide({ code }, online);
      expect([guide.primary, ...guide.secondary]).not.toContain('retry-code');
    }
  });

  it('"try again" returns to the way in that produced the error', () => {
    const notFound: IpcError = { code: 'booking-not-found' };
    expect(errorGuide(notFound, { origin: 'id-document', offline: false }).primary).toBe(
      'retry-document',
    );
    expect(errorGuide(notFound, { origin: 'scan', offline: false }).primary).toBe('retry-code');
    expect(errorGuide({ code: 'internal' }, { origin: 'walk-in', offline: false }).primary).toBe(
      'choose-service',
    );
  });

  it('offline, an unknown booking offers a ticket first and says why', () => {
    const byParam = errorGuide({ code: 'booking-not-found', params: { offline: 'true' } }, online);
    expect([byParam.primary, ...byParam.secondary]).toEqual(['walk-in', 'retry-code', 'home']);
    expect(byParam.offlineHint).toBe(true);
    const byState = errorGuide({ code: 'booking-not-found' }, { origin: 'code', offline: true });
    expect(byState.offlineHint).toBe(true);
  });

  it('inside the walk-in screen, its own refusals go back to its list', () => {
    for (const code of [
      'service-cap-reached',
      'walk-ins-not-allowed',
      'service-unknown',
    ] as const) {
      const guide = errorGuide({ code }, { origin: 'walk-in', offline: false });
      expect(guide.primary).toBe('choose-service');
      expect(guide.secondary).toEqual(['home']);
    }
  });
});

let bridge: FakeBridge;

beforeEach(() => {
  bridge = new FakeBridge();
  bridge.state = kioskStateFixture({ bookingUrl: BOOKING_URL });
});

afterEach(() => {
  cleanup();
});

/** The error screen of a refusal pushed by main (the serial scanner). */
async function refusedScan(error: IpcError): Promise<void> {
  await renderKiosk(bridge);
  act(() => bridge.emit('checkin:completed', { ok: false, error }));
  await screen.findByTestId('screen-error');
}

describe('error screens', () => {
  it('cancelled: "Sacar turno sin cita" first, and the booking web', async () => {
    await refusedScan({ code: 'booking-cancelled' });
    expect(screen.getByRole('heading', { level: 1, name: 'Su cita está anulada' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Escribir el código' })).toBeNull();
    expect(screen.getByTestId('booking-url').textContent).toBe(BOOKING_URL);
    const primary = screen.getByTestId('primary-action');
    expect(primary.textContent).toBe('Sacar turno sin cita');
    fireEvent.click(primary);
    expect(await screen.findByTestId('screen-walk-in')).toBeTruthy();
  });

  it('not today: the day, the time and "mañana"', async () => {
    await refusedScan({
      code: 'booking-not-today',
      params: { day: '2025-11-28', time: '10:30', when: 'tomorrow' },
    });
    expect(screen.getByRole('heading', { name: 'Su cita no es hoy' })).toBeTruthy();
    expect(screen.getByTestId('appointment-day').textContent).toBe(
      'mañana, viernes, 28 de noviembre',
    );
    expect(screen.getByTestId('appointment-facts').textContent).toContain('10:30');
    expect(screen.getByTestId('primary-action').textContent).toBe('Sacar turno sin cita');
  });

  it('not today, in English, for a later day', async () => {
    bridge.state = kioskStateFixture({ bookingUrl: BOOKING_URL, defaultLanguage: 'en' });
    await refusedScan({
      code: 'booking-not-today',
      params: { day: '2025-12-02', time: '09:15', when: 'later' },
    });
    expect(screen.getByRole('heading', { name: 'Your appointment is not today' })).toBeTruthy();
    expect(screen.getByTestId('appointment-day').textContent).toBe('Tuesday, December 2');
    expect(screen.getByTestId('primary-action').textContent).toBe(
      'Take a ticket without appointment',
    );
  });

  it('too late: a ticket without appointment is the next step', async () => {
    await refusedScan({ code: 'too-late', params: { time: '09:00' } });
    expect(screen.getByRole('heading', { name: 'Ha pasado la hora de su cita' })).toBeTruthy();
    expect(screen.getByTestId('primary-action').textContent).toBe('Sacar turno sin cita');
  });

  it('checked in at another kiosk: the number, and no "we could not give you a turn"', async () => {
    await refusedScan({ code: 'already-checked-in-elsewhere', params: { number: 'E-003' } });
    expect(screen.getByRole('heading', { level: 1, name: 'Ya tiene turno' })).toBeTruthy();
    expect(screen.getByTestId('known-number').textContent).toBe('E-003');
    expect(document.body.textContent).not.toContain('No hemos podido darle turno');
    expect(screen.getByTestId('live-region').textContent).toContain('Su número: E-003.');
    expect(screen.getByTestId('primary-action').textContent).toBe('Terminar');
    expect(screen.queryByRole('button', { name: 'Sacar turno sin cita' })).toBeNull();
  });

  it('unknown code while offline: the hint, and a ticket without appointment first', async () => {
    bridge.state = kioskStateFixture({ connectivity: 'offline' });
    await refusedScan({ code: 'booking-not-found', params: { offline: 'true' } });
    expect(screen.getByTestId('offline-hint').textContent).toContain(
      'El tótem está sin conexión con el ayuntamiento',
    );
    expect(screen.getByTestId('primary-action').textContent).toBe('Sacar turno sin cita');
    expect(screen.getByRole('button', { name: 'Escribir el código' })).toBeTruthy();
  });

  it('a booking not found from the DNI screen goes back to the DNI screen', async () => {
    bridge.checkIn = () => ({ ok: false, error: { code: 'booking-not-found' } });
    await renderKiosk(bridge);
    fireEvent.click(screen.getByRole('button', { name: 'Con mi DNI / NIE' }));
    tapKeys('12345678Z');
    fireEvent.click(screen.getByRole('button', { name: 'Aceptar' }));
    const retry = await screen.findByRole('button', { name: 'Escribir el documento' });
    expect(screen.queryByRole('button', { name: 'Escribir el código' })).toBeNull();
    fireEvent.click(retry);
    expect(screen.getByTestId('screen-id-entry')).toBeTruthy();
  });

  it('a cap reached at check-in: "no tickets left today" and the booking web', async () => {
    await refusedScan({ code: 'service-cap-reached' });
    // The refusal's own text (errors.json) may go on with where else to book.
    expect(screen.getByTestId('error-message').textContent).toMatch(
      /^Hoy ya no quedan turnos para este trámite\./,
    );
    expect(screen.getByTestId('booking-web')).toBeTruthy();
    expect(screen.getByTestId('primary-action').textContent).toBe('Volver al inicio');
  });
});
