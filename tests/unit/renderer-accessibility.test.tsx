// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src-renderer/App';
import { guidanceText } from '../../src-renderer/accessibility/spoken-guidance';
import type { CheckInResult } from '../../src-shared/contract/ipc';
import { FakeBridge, renderKiosk } from '../support/fake-bridge';

const ISSUED: CheckInResult = {
  outcome: 'issued',
  ticket: {
    id: 'ticket-1',
    number: 'C-014',
    serviceName: { es: 'Padrón municipal' },
    appointmentTime: '10:30',
    issuedAt: '2025-11-27T10:21:00+01:00',
    printStatus: 'printed',
    canReprint: false,
    priority: false,
    paperlessQr: 'C-014 Padrón municipal',
  },
};

const root = document.documentElement;
const presentation = () => ({
  textSize: root.getAttribute('data-text-size'),
  contrast: root.getAttribute('data-contrast'),
  reach: root.getAttribute('data-reach'),
});
const USUAL = { textSize: null, contrast: null, reach: null };

function choose(...names: string[]) {
  fireEvent.click(screen.getByRole('button', { name: 'Accesibilidad' }));
  const panel = screen.getByRole('dialog', { name: 'Accesibilidad' });
  for (const name of names) fireEvent.click(within(panel).getByRole('button', { name }));
  fireEvent.click(within(panel).getByRole('button', { name: 'Cerrar' }));
}

let bridge: FakeBridge;

beforeEach(() => {
  bridge = new FakeBridge();
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('renderer: accessibility mode', () => {
  it('is one labelled button away on every screen', async () => {
    await renderKiosk(bridge);
    const open = () => screen.getByRole('button', { name: 'Accesibilidad' });
    expect(open().getAttribute('aria-haspopup')).toBe('dialog');
    fireEvent.click(screen.getByRole('button', { name: 'Tengo cita' }));
    expect(open()).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Volver' }));
    fireEvent.click(screen.getByTestId('start-id-entry'));
    expect(open()).toBeTruthy();
    act(() => bridge.emit('checkin:completed', { ok: true, value: ISSUED }));
    expect(open()).toBeTruthy();
    act(() => bridge.emit('checkin:completed', { ok: false, error: { code: 'internal' } }));
    expect(open()).toBeTruthy();
  });

  it('sets the page’s presentation from the choices, each toggled with its state shown', async () => {
    await renderKiosk(bridge);
    fireEvent.click(screen.getByRole('button', { name: 'Accesibilidad' }));
    const largeText = screen.getByRole('button', { name: 'Texto grande' });
    expect(largeText.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(largeText);
    expect(largeText.getAttribute('aria-pressed')).toBe('true');
    expect(largeText.textContent).toContain('Activado');
    fireEvent.click(screen.getByRole('button', { name: 'Alto contraste' }));
    fireEvent.click(screen.getByRole('button', { name: 'Botones abajo' }));
    expect(presentation()).toEqual({ textSize: 'large', contrast: 'high', reach: 'low' });

    fireEvent.click(screen.getByRole('button', { name: 'Alto contraste' }));
    expect(presentation()).toEqual({ textSize: 'large', contrast: null, reach: 'low' });
  });

  it('ends with the session: "Terminar" brings the next person the usual screen', async () => {
    await renderKiosk(bridge);
    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    fireEvent.click(screen.getByRole('button', { name: 'Accessibility' }));
    fireEvent.click(screen.getByRole('button', { name: 'Large text' }));
    fireEvent.click(screen.getByRole('button', { name: 'Buttons lower down' }));
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    act(() => bridge.emit('checkin:completed', { ok: true, value: ISSUED }));
    expect(presentation()).toEqual({ textSize: 'large', contrast: null, reach: 'low' });

    fireEvent.click(screen.getByRole('button', { name: 'Finish' }));
    expect(presentation()).toEqual(USUAL);
    fireEvent.click(screen.getByRole('button', { name: 'Accesibilidad' }));
    expect(screen.getByRole('button', { name: 'Texto grande' }).getAttribute('aria-pressed')).toBe(
      'false',
    );
  });

  it('ends an idle session on the home screen even when no language was chosen', async () => {
    vi.useFakeTimers();
    render(<App bridge={bridge} session={{ idleSeconds: 60, warningSeconds: 20 }} />);
    await act(async () => {});
    choose('Texto grande');
    expect(presentation().textSize).toBe('large');
    // Choices make the home screen someone's: it warns at 60 s and ends 20 s later.
    act(() => vi.advanceTimersByTime(79_000));
    expect(presentation().textSize).toBe('large');
    act(() => vi.advanceTimersByTime(1_500));
    expect(presentation()).toEqual(USUAL);
  });

  it('closes its panel when a check-in outcome comes up behind it', async () => {
    await renderKiosk(bridge);
    fireEvent.click(screen.getByRole('button', { name: 'Accesibilidad' }));
    expect(screen.getByRole('dialog', { name: 'Accesibilidad' })).toBeTruthy();
    act(() => bridge.emit('checkin:completed', { ok: true, value: ISSUED }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByTestId('turn-number').textContent).toBe('C-014');
  });
});

describe('spoken guidance text', () => {
  it('is the heading, the outcome, then what the screen marks, as sentences', () => {
    const main = document.createElement('main');
    main.innerHTML = `
      <h1>Este es su turno</h1>
      <p data-guidance>Espere a que su número aparezca   en la pantalla de la sala.</p>
      <p>Not read: unmarked.</p>
      <button data-guidance>Terminar</button>`;
    expect(guidanceText(main, 'Su turno es el C-014. Recoja su tique impreso.')).toBe(
      'Este es su turno. Su turno es el C-014. Recoja su tique impreso. Espere a que su ' +
        'número aparezca en la pantalla de la sala. Terminar.',
    );
    expect(guidanceText(main, '')).not.toContain('unmarked');
  });
});
