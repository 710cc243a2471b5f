// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src-renderer/App';
import type { CheckInResult } from '../../src-shared/contract/ipc';
import { FakeBridge, renderKiosk, tapKeys } from '../support/fake-bridge';

function issued(overrides: Partial<CheckInResult['ticket']> = {}): CheckInResult {
  return {
    outcome: 'issued',
    ticket: {
      id: 'ticket-1',
      number: 'C-014',
      serviceName: { es: 'Padrón municipal', en: 'Census register' },
      appointmentTime: '10:30',
      issuedAt: '2025-11-27T10:21:00+01:00',
      printStatus: 'printed',
      canReprint: false,
      priority: false,
      paperlessQr: 'C-014 Padrón municipal',
      ...overrides,
    },
  };
}

let bridge: FakeBridge;

beforeEach(() => {
  bridge = new FakeBridge();
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('renderer: home', () => {
  it('greets in Spanish with the town hall name and the two ways in', async () => {
    await renderKiosk(bridge);
    expect(
      screen.getByRole('heading', { level: 1, name: 'Escanee el código QR de su cita' }),
    ).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Tengo cita' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Español' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(document.documentElement.lang).toBe('es');
    expect(screen.queryByTestId('offline-notice')).toBeNull();
  });

  it('switches language and shows the offline notice from kiosk state', async () => {
    await renderKiosk(bridge);
    fireEvent.click(screen.getByRole('button', { name: 'Deutsch' }));
    expect(await screen.findByRole('button', { name: 'Ich habe einen Termin' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('de');

    act(() => bridge.emit('kiosk:state-changed', { ...bridge.state, connectivity: 'offline' }));
    expect(screen.getByTestId('offline-notice').textContent).toBe(
      'Keine Verbindung zum Rathaus: Wir geben weiterhin Nummern aus.',
    );
  });

  it('starts in the kiosk’s default language', async () => {
    bridge.state = { ...bridge.state, defaultLanguage: 'fr' };
    render(<App bridge={bridge} />);
    expect(await screen.findByRole('button', { name: 'J’ai un rendez-vous' })).toBeTruthy();
  });
});

describe('renderer: code entry', () => {
  it('"Tengo cita" → typing → Aceptar sends a touch check-in', async () => {
    bridge.checkIn = () => ({ ok: true, value: issued() });
    await renderKiosk(bridge);
    fireEvent.click(screen.getByRole('button', { name: 'Tengo cita' }));
    expect(screen.getByRole('heading', { name: 'Escriba el código de su cita' })).toBeTruthy();

    tapKeys('TRN7K4P9QX');
    fireEvent.click(screen.getByRole('button', { name: 'Borrar' }));
    expect(screen.getByTestId('code-field').textContent).toBe('TRN7K4P9Q');
    fireEvent.click(screen.getByRole('button', { name: 'Aceptar' }));

    expect(await screen.findByTestId('turn-number')).toBeTruthy();
    expect(bridge.submissions).toEqual([{ input: 'TRN7K4P9Q', source: 'touch', language: 'es' }]);
  });

  it('"Volver" goes home without submitting', async () => {
    await renderKiosk(bridge);
    fireEvent.click(screen.getByRole('button', { name: 'Tengo cita' }));
    tapKeys('AB');
    fireEvent.click(screen.getByRole('button', { name: 'Volver' }));
    expect(screen.getByTestId('screen-home')).toBeTruthy();
    expect(bridge.submissions).toEqual([]);
  });
});

describe('renderer: outcomes', () => {
  it('renders error codes as the translated message with its params', async () => {
    bridge.checkIn = () => ({
      ok: false,
      error: { code: 'too-early', params: { time: '12:00', from: '11:30' } },
    });
    await renderKiosk(bridge);
    fireEvent.click(screen.getByRole('button', { name: 'Tengo cita' }));
    tapKeys('TRN7K4P9Q');
    fireEvent.click(screen.getByRole('button', { name: 'Aceptar' }));
    expect((await screen.findByTestId('error-message')).textContent).toBe(
      'Su cita es a las 12:00. Podrá recoger su turno a partir de las 11:30.',
    );
    expect(screen.getByTestId('live-region').textContent).toContain('Su cita es a las 12:00');

    // Too early: retyping cannot help, so the step offered is to come back later.
    fireEvent.click(screen.getByRole('button', { name: 'Terminar' }));
    expect(screen.getByTestId('screen-home')).toBeTruthy();
  });

  it('shows the number, the service in the current language and the print failure', async () => {
    bridge.checkIn = () => ({
      ok: true,
      value: issued({ number: 'E-003', printStatus: 'failed', printFailure: 'paper-out' }),
    });
    await renderKiosk(bridge);
    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    fireEvent.click(screen.getByRole('button', { name: 'I have an appointment' }));
    tapKeys('TRN7K4P9Q', 'Keyboard');
    fireEvent.click(screen.getByRole('button', { name: 'OK' }));

    expect((await screen.findByTestId('turn-number')).textContent).toBe('E-003');
    expect(screen.getByTestId('service-name').textContent).toBe('Census register');
    expect(screen.getByTestId('print-status').textContent).toBe(
      'Your ticket was not printed: the printer is out of paper.',
    );
    expect(screen.getByTestId('live-region').textContent).toContain('Your turn is E-003.');
  });

  it('offers the one reprint of a ticket that did not print, and shows its outcome', async () => {
    bridge.checkIn = () => ({
      ok: true,
      value: issued({ printStatus: 'failed', printFailure: 'paper-out', canReprint: true }),
    });
    bridge.reprint = () => ({
      ok: true,
      value: { ticket: issued({ printStatus: 'printed', canReprint: false }).ticket },
    });
    await renderKiosk(bridge);
    fireEvent.click(screen.getByRole('button', { name: 'Tengo cita' }));
    tapKeys('TRN7K4P9Q');
    fireEvent.click(screen.getByRole('button', { name: 'Aceptar' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Volver a imprimir' }));

    expect(bridge.requests.at(-1)).toEqual({
      channel: 'ticket:reprint',
      payload: { ticketId: 'ticket-1', language: 'es' },
    });
    await waitFor(() =>
      expect(screen.getByTestId('print-status').textContent).toBe('Recoja su tique impreso.'),
    );
    expect(screen.getByTestId('turn-number').textContent).toBe('C-014');
    expect(screen.queryByRole('button', { name: 'Volver a imprimir' })).toBeNull();
  });

  it('offers no reprint for a printed ticket', async () => {
    bridge.checkIn = () => ({ ok: true, value: issued() });
    await renderKiosk(bridge);
    act(() => bridge.emit('checkin:completed', { ok: true, value: issued() }));
    expect(screen.getByTestId('turn-number').textContent).toBe('C-014');
    expect(screen.queryByRole('button', { name: 'Volver a imprimir' })).toBeNull();
  });

  it('shows the "already issued" variant and the virtual printer preview', async () => {
    bridge.checkIn = () => ({ ok: true, value: { ...issued(), outcome: 'already-issued' } });
    await renderKiosk(bridge);
    // The preview may arrive before the result.
    act(() =>
      bridge.emit('printer:ticket-rendered', { ticketId: 'ticket-1', text: 'TURNO C-014' }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Tengo cita' }));
    tapKeys('TRN7K4P9Q');
    fireEvent.click(screen.getByRole('button', { name: 'Aceptar' }));

    expect(await screen.findByRole('heading', { name: 'Ya tenía turno' })).toBeTruthy();
    const preview = screen.getByLabelText('Vista previa del tique (impresora virtual)');
    expect(preview.tagName).toBe('PRE');
    expect(preview.textContent).toBe('TURNO C-014');
  });

  it('shows a serial-scanner check-in pushed by main', async () => {
    await renderKiosk(bridge);
    act(() => bridge.emit('checkin:completed', { ok: true, value: issued({ number: 'A-101' }) }));
    expect(screen.getByTestId('turn-number').textContent).toBe('A-101');
    expect(screen.getByTestId('print-status').textContent).toBe('Recoja su tique impreso.');
  });

  it('returns home by itself after the outcome time and its warning', async () => {
    vi.useFakeTimers();
    render(<App bridge={bridge} />);
    await act(async () => {});
    act(() => bridge.emit('checkin:completed', { ok: false, error: { code: 'internal' } }));
    expect(screen.getByTestId('screen-error')).toBeTruthy();
    // The kiosk state's 30 s, then the 20 s warning.
    act(() => vi.advanceTimersByTime(29_000));
    expect(screen.queryByTestId('time-limit-dialog')).toBeNull();
    act(() => vi.advanceTimersByTime(1_500));
    expect(screen.getByTestId('time-limit-dialog')).toBeTruthy();
    expect(screen.getByTestId('screen-error')).toBeTruthy();
    act(() => vi.advanceTimersByTime(18_000));
    expect(screen.getByTestId('screen-error')).toBeTruthy();
    act(() => vi.advanceTimersByTime(2_000));
    expect(screen.getByTestId('screen-home')).toBeTruthy();
  });
});

describe('renderer: keyboard-wedge scanner', () => {
  /** Presses keys as a wedge scanner or a person would, `gapMs` apart on the fake clock. */
  async function press(keys: string[], gapMs: number) {
    for (const key of keys) {
      act(() => {
        vi.advanceTimersByTime(gapMs);
        fireEvent.keyDown(document.body, { key });
      });
    }
    await act(async () => {});
  }

  beforeEach(() => {
    vi.useFakeTimers();
  });

  it('submits a fast burst ending in Enter as a keyboard-wedge check-in', async () => {
    bridge.checkIn = () => ({ ok: true, value: issued() });
    render(<App bridge={bridge} wedge={{ clock: () => Date.now() }} />);
    await act(async () => {});
    await press([...'TRN-7K4P9Q', 'Enter'], 5);
    expect(bridge.submissions).toEqual([
      { input: 'TRN-7K4P9Q', source: 'keyboard-wedge', language: 'es' },
    ]);
    expect(screen.getByTestId('turn-number').textContent).toBe('C-014');
  });

  it('ignores slow typing on the home screen', async () => {
    render(<App bridge={bridge} wedge={{ clock: () => Date.now() }} />);
    await act(async () => {});
    await press([...'TRN7K4P9Q', 'Enter'], 150);
    expect(bridge.submissions).toEqual([]);
    expect(screen.getByTestId('screen-home')).toBeTruthy();
  });

  it('keeps scans out of the code field, while slow typing goes in', async () => {
    bridge.checkIn = () => ({ ok: true, value: issued() });
    render(<App bridge={bridge} wedge={{ clock: () => Date.now() }} />);
    await act(async () => {});
    fireEvent.click(screen.getByRole('button', { name: 'Tengo cita' }));
    await press([...'ab1'], 200);
    act(() => vi.advanceTimersByTime(300));
    expect(screen.getByTestId('code-field').textContent).toBe('AB1');

    await press([...'TRN7K4P9Q'], 4);
    expect(screen.getByTestId('code-field').textContent).toBe('AB1');
    await press(['Enter'], 4);
    expect(bridge.submissions).toEqual([
      { input: 'TRN7K4P9Q', source: 'keyboard-wedge', language: 'es' },
    ]);
    expect(screen.getByTestId('screen-result')).toBeTruthy();
  });
});
