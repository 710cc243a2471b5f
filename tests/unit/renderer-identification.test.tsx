// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src-renderer/App';
import { maskIdDocument } from '../../src-renderer/checkin/id-document';
import type { QrCamera } from '../../src-renderer/camera/qr-camera';
import { spanishKeystrokeFor } from '../../src-renderer/scanner/keyboard-layout';
import { createScreenStore } from '../../src-renderer/state/screen-store';
import type { CheckInResult, KioskState } from '../../src-shared/contract/ipc';
import { kioskStateFixture } from '../support/kiosk-state-fixture';
import { FakeBridge, renderKiosk, tapKeys } from '../support/fake-bridge';

/* The bridge is tests/support/fake-bridge.tsx's FAKE TurneroBridge (`hold()` keeps the next
 * check-in answer pending so a test can look at the screen while a document is being checked). */
const KIOSK_STATE: KioskState = kioskStateFixture();

const DNI = '12345678Z';

function issued(): CheckInResult {
  return {
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
}

let bridge: FakeBridge;

beforeEach(() => {
  bridge = new FakeBridge();
  bridge.checkIn = () => ({ ok: true, value: issued() });
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('ID document masking', () => {
  it.each([
    ['12345678Z', '•••4567••'],
    ['X1234567L', '••••4567•'],
    ['y-7654321-g', '••••4321•'],
    ['PAB123456', '•••1234••'],
    ['1234', '••••'],
    ['', ''],
  ])('%s is shown as %s', (typed, masked) => {
    expect(maskIdDocument(typed)).toBe(masked);
  });
});

describe('renderer: identification with DNI / NIE / passport', () => {
  it('home offers it next to "Tengo cita"; the screen has digits, X/Y/Z and the hint', async () => {
    await renderKiosk(bridge);
    const button = screen.getByRole('button', { name: 'Con mi DNI / NIE' });
    expect(button.getAttribute('aria-describedby')).toBe('home-id-hint');
    fireEvent.click(button);

    expect(
      screen.getByRole('heading', { level: 1, name: 'Escriba su DNI, NIE o pasaporte' }),
    ).toBeTruthy();
    expect(screen.getByText(/DNI: 8 números y la letra/)).toBeTruthy();
    const keyboard = screen.getByRole('group', { name: 'Teclado' });
    const keys = within(keyboard)
      .getAllByRole('button')
      .map((key) => key.textContent);
    expect(keys.slice(0, 13)).toEqual([...'1234567890XYZ']);
    expect(keys).toHaveLength(36);
    expect(within(keyboard).getByRole('button', { name: 'X' }).className).toContain(
      'osk__key--nie',
    );
    expect(screen.getByRole('button', { name: 'Aceptar' })).toHaveProperty('disabled', true);
  });

  it('submits an id-document check-in and masks the number as soon as it is sent', async () => {
    await renderKiosk(bridge);
    fireEvent.click(screen.getByRole('button', { name: 'Con mi DNI / NIE' }));
    tapKeys('12345678ZA');
    fireEvent.click(screen.getByRole('button', { name: 'Borrar' }));
    expect(screen.getByRole('textbox', { name: 'Documento escrito' }).textContent).toBe(DNI);

    bridge.hold();
    fireEvent.click(screen.getByRole('button', { name: 'Aceptar' }));
    expect(bridge.submissions).toEqual([
      { input: DNI, source: 'touch', mode: 'id-document', language: 'es' },
    ]);
    // While it is checked: only the mask is on screen, and the number is nowhere in the page.
    expect(screen.getByTestId('id-field').textContent).toContain('•••4567••');
    expect(screen.getByTestId('id-field').textContent).toContain('Número oculto por privacidad');
    expect(document.body.innerHTML).not.toContain('12345678');
    expect(screen.getByTestId('busy')).toBeTruthy();

    await act(async () => bridge.release());
    expect(screen.getByTestId('turn-number').textContent).toBe('C-014');
    expect(document.body.innerHTML).not.toContain('12345678');
    expect(document.body.innerHTML).not.toContain('4567');
  });

  it('a wrong letter shows the translated message and "Escribir el documento" starts over', async () => {
    bridge.checkIn = () => ({
      ok: false,
      error: { code: 'id-document-letter', params: { letter: 'Z' } },
    });
    await renderKiosk(bridge);
    fireEvent.click(screen.getByRole('button', { name: 'Con mi DNI / NIE' }));
    tapKeys('12345678A');
    fireEvent.click(screen.getByRole('button', { name: 'Aceptar' }));

    expect((await screen.findByTestId('error-message')).textContent).toBe(
      'La letra no corresponde a ese número: para esos dígitos la letra es Z. Revíselo.',
    );
    expect(document.body.innerHTML).not.toContain('12345678');
    expect(screen.queryByRole('button', { name: 'Escribir el código' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Escribir el documento' }));
    expect(screen.getByTestId('screen-id-entry')).toBeTruthy();
    expect(screen.getByTestId('id-field').textContent).toBe('Todavía no ha escrito nada');
  });

  it('a booking-code refusal still offers "Escribir el código"', async () => {
    bridge.checkIn = () => ({ ok: false, error: { code: 'booking-not-found' } });
    await renderKiosk(bridge);
    fireEvent.click(screen.getByRole('button', { name: 'Tengo cita' }));
    tapKeys('TRN7K4P9Q');
    fireEvent.click(screen.getByRole('button', { name: 'Aceptar' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Escribir el código' }));
    expect(screen.getByTestId('screen-code-entry')).toBeTruthy();
  });

  it('"Volver" forgets the typed number', async () => {
    await renderKiosk(bridge);
    fireEvent.click(screen.getByRole('button', { name: 'Con mi DNI / NIE' }));
    tapKeys('X1234');
    fireEvent.click(screen.getByRole('button', { name: 'Volver' }));
    expect(screen.getByTestId('screen-home')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Con mi DNI / NIE' }));
    expect(screen.getByTestId('id-field').textContent).toBe('Todavía no ha escrito nada');
    expect(bridge.submissions).toEqual([]);
  });

  it('is offered in the chosen language', async () => {
    await renderKiosk(bridge);
    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    fireEvent.click(screen.getByRole('button', { name: 'With my DNI / NIE' }));
    expect(
      screen.getByRole('heading', { name: 'Type your DNI, NIE or passport number' }),
    ).toBeTruthy();
    expect(screen.getByRole('group', { name: 'Keyboard' })).toBeTruthy();
  });
});

describe('renderer store: nothing of an ID document outlives the session', () => {
  const traces = (state: object) => JSON.stringify(state);

  it('keeps only the mask after submission, and nothing after the outcome or endSession', () => {
    const store = createScreenStore();
    const { startIdEntry, typeCode } = store.getState();
    startIdEntry();
    typeCode(DNI);
    expect(store.getState().code).toBe(DNI);

    store.getState().markIdSubmitted(maskIdDocument(DNI));
    expect(traces(store.getState())).not.toContain('12345678');
    expect(store.getState().submittedMask).toBe('•••4567••');

    store.getState().showOutcome({ ok: true, value: issued() });
    expect(store.getState().submittedMask).toBeNull();
    store.getState().endSession();
    expect(traces(store.getState())).not.toMatch(/4567|12345678/);
  });

  it('goHome and endSession drop a number that was typed and never sent', () => {
    const store = createScreenStore();
    store.getState().startIdEntry();
    store.getState().typeCode(DNI);
    store.getState().goHome();
    expect(store.getState().code).toBe('');
    store.getState().startIdEntry();
    store.getState().typeCode(DNI);
    store.getState().endSession();
    expect(traces(store.getState())).not.toContain('12345678');
  });
});

describe('renderer: keyboard-wedge scanner set to a US layout', () => {
  /** Keys as a Spanish-layout PC reports a US-layout scanner sending `text`, 5 ms apart. */
  async function scanUsLayout(text: string) {
    for (const character of text) {
      const stroke = spanishKeystrokeFor(character);
      if (!stroke) throw new Error(`no keystroke for ${character}`);
      act(() => {
        vi.advanceTimersByTime(5);
        fireEvent.keyDown(document.body, stroke);
      });
    }
    act(() => {
      vi.advanceTimersByTime(5);
      fireEvent.keyDown(document.body, { key: 'Enter', code: 'Enter' });
    });
    await act(async () => {});
  }

  beforeEach(() => {
    vi.useFakeTimers();
  });

  it('detects the mismatch and submits the URL the QR holds', async () => {
    render(<App bridge={bridge} wedge={{ clock: () => Date.now() }} />);
    await act(async () => {});
    const url = "https://cita.villanueva.es/c/TRN-7K4P9Q?lang=es&from='mail'";
    await scanUsLayout(url);
    expect(bridge.submissions).toEqual([{ input: url, source: 'keyboard-wedge', language: 'es' }]);
  });

  it('follows a technician setting: layout "es" leaves the scan as it came', async () => {
    render(<App bridge={bridge} wedge={{ clock: () => Date.now(), layout: 'es' }} />);
    await act(async () => {});
    await scanUsLayout('TRN-7K4P9Q');
    expect(bridge.submissions).toEqual([
      { input: "TRN'7K4P9Q", source: 'keyboard-wedge', language: 'es' },
    ]);
  });

  it('never leaks a scan into the ID document field', async () => {
    render(<App bridge={bridge} wedge={{ clock: () => Date.now() }} />);
    await act(async () => {});
    fireEvent.click(screen.getByRole('button', { name: 'Con mi DNI / NIE' }));
    for (const key of '123') {
      act(() => {
        vi.advanceTimersByTime(200);
        fireEvent.keyDown(document.body, { key });
      });
    }
    act(() => vi.advanceTimersByTime(300));
    expect(screen.getByTestId('id-field').textContent).toBe('123');
    await scanUsLayout('TRN-7K4P9Q');
    expect(bridge.submissions).toEqual([
      { input: 'TRN-7K4P9Q', source: 'keyboard-wedge', language: 'es' },
    ]);
    expect(screen.getByTestId('screen-result')).toBeTruthy();
  });
});

describe('renderer: camera scanning (optional)', () => {
  /** A FAKE camera: the test decodes "frames" by calling `show(text)`. */
  function fakeCamera() {
    const camera = {
      started: 0,
      stopped: 0,
      show: (_text: string): void => undefined,
      start: (_video: HTMLVideoElement, onText: (text: string) => void): Promise<QrCamera> => {
        camera.started += 1;
        camera.show = onText;
        return Promise.resolve({ stop: () => void (camera.stopped += 1) });
      },
    };
    return camera;
  }

  it('is off by default', async () => {
    await renderKiosk(bridge);
    expect(screen.queryByTestId('camera')).toBeNull();
  });

  it('stays off, camera untouched, until the kiosk state turns it on', async () => {
    const camera = fakeCamera();
    await renderKiosk(bridge, { camera: { start: camera.start } });
    expect(screen.queryByTestId('camera')).toBeNull();
    expect(camera.started).toBe(0);
  });

  it('submits a decoded QR with source "camera", once, and stops the camera off home', async () => {
    const camera = fakeCamera();
    bridge.state = kioskStateFixture({ scanner: { ...KIOSK_STATE.scanner, camera: true } });
    await renderKiosk(bridge, { camera: { start: camera.start }, session: { outcomeSeconds: 60 } });
    expect(await screen.findByText('Cámara: acerque aquí su código QR')).toBeTruthy();
    expect(screen.getByTestId('camera').dataset.status).toBe('scanning');

    await act(async () => camera.show('https://cita.villanueva.es/c/TRN-7K4P9Q'));
    expect(screen.getByTestId('turn-number').textContent).toBe('C-014');
    expect(bridge.submissions).toEqual([
      { input: 'https://cita.villanueva.es/c/TRN-7K4P9Q', source: 'camera', language: 'es' },
    ]);
    expect(camera.stopped).toBe(camera.started);

    // Back home with the phone still in front of the camera: not a second check-in.
    fireEvent.click(screen.getByRole('button', { name: 'Terminar' }));
    await act(async () => {});
    await act(async () => camera.show('https://cita.villanueva.es/c/TRN-7K4P9Q'));
    expect(bridge.submissions).toHaveLength(1);
    expect(screen.getByTestId('screen-home')).toBeTruthy();
  });

  it('falls back to the picture when there is no camera', async () => {
    await renderKiosk(bridge, {
      camera: { start: () => Promise.reject(new Error('NotFoundError')) },
    });
    await act(async () => {});
    expect(screen.queryByTestId('camera')).toBeNull();
    expect(screen.getByRole('heading', { name: 'Escanee el código QR de su cita' })).toBeTruthy();
  });
});
