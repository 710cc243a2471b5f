// @vitest-environment happy-dom
/**
 * The result screen says exactly what happened to the paper: printed, already had (nothing
 * printed now), unconfirmed (look in the tray), failed (with its reason). Whenever nothing, or
 * maybe nothing, came out: never "anote su número", the paperless QR, and no reprint while the
 * printer cannot print. Home says when the printer is down.
 */
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import QRCode from 'qrcode';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CheckInResult, PrinterState, PrintFailure } from '../../src-shared/contract/ipc';
import { LANGUAGES } from '../../src-shared/i18n/catalogs';
import { FakeBridge, renderKiosk } from '../support/fake-bridge';
import { kioskStateFixture } from '../support/kiosk-state-fixture';
import { issuedResult } from '../support/ticket-view-fixture';

let bridge: FakeBridge;

beforeEach(() => {
  bridge = new FakeBridge();
});

afterEach(() => {
  cleanup();
});

async function show(result: CheckInResult, printer: PrinterState = 'ready'): Promise<void> {
  bridge.state = kioskStateFixture({ printer: { transport: 'tcp', status: printer } });
  await renderKiosk(bridge);
  act(() => bridge.emit('checkin:completed', { ok: true, value: result }));
}

/** The dark modules an SVG path of src-renderer/qr/qr-path.ts draws, as "x,y" cells. */
function drawnModules(svg: Element): Set<string> {
  const d = svg.querySelector('path')?.getAttribute('d') ?? '';
  return new Set([...d.matchAll(/M(\d+) (\d+)h1v1h-1z/g)].map(([, x, y]) => `${x},${y}`));
}

/** The dark modules of `text` as a QR code, offset by the 4-module quiet zone. */
function expectedModules(text: string): Set<string> {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const cells = new Set<string>();
  for (let y = 0; y < modules.size; y += 1) {
    for (let x = 0; x < modules.size; x += 1) if (modules.get(y, x)) cells.add(`${x + 4},${y + 4}`);
  }
  return cells;
}

const paperOut = issuedResult({
  printStatus: 'failed',
  printFailure: 'paper-out',
  canReprint: true,
});

describe('result screen: what happened to the paper', () => {
  it('printed: "Recoja su tique", no QR, plain "Terminar"', async () => {
    await show(issuedResult());
    expect(screen.getByTestId('print-status').textContent).toBe('Recoja su tique impreso.');
    expect(screen.queryByTestId('paperless')).toBeNull();
    expect(screen.getByRole('button', { name: 'Terminar' })).toBeTruthy();
    expect(screen.getByTestId('live-region').textContent).toContain('Su turno es el C-014.');
  });

  it('failed: the reason, the number on screen and the paperless ticket as a QR', async () => {
    await show(paperOut);
    expect(screen.getByTestId('turn-number').textContent).toBe('C-014');
    expect(screen.getByTestId('print-status').textContent).toBe(
      'No se ha impreso el tique: la impresora se ha quedado sin papel.',
    );
    expect(screen.getByRole('heading', { name: 'Lleve su turno en el móvil' })).toBeTruthy();
    const qr = screen.getByRole('img', { name: 'Código QR con su turno C-014' });
    await waitFor(() => expect(qr.getAttribute('data-ready')).toBe('true'));
    expect(drawnModules(qr)).toEqual(expectedModules('https://turnos.villanueva.es/t/C-014'));
    expect(screen.getByRole('button', { name: 'Ya tengo mi número' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Volver a imprimir' })).toBeTruthy();
  });

  it.each(LANGUAGES)('never asks for a pen (%s)', async (language) => {
    bridge.state = kioskStateFixture({ defaultLanguage: language });
    await renderKiosk(bridge);
    const failures: PrintFailure[] = [
      'paper-out',
      'cover-open',
      'offline',
      'disconnected',
      'timeout',
      'error',
    ];
    for (const printFailure of failures) {
      const result = issuedResult({ printStatus: 'failed', printFailure });
      act(() => bridge.emit('checkin:completed', { ok: true, value: result }));
      const page = document.body.textContent ?? '';
      expect(page).not.toMatch(/anote|note your|notez|notieren/i);
      expect(screen.getByTestId('paperless')).toBeTruthy();
    }
  });

  it('unconfirmed: look in the tray, "it did not come out", and the QR', async () => {
    await show(issuedResult({ printStatus: 'unconfirmed', canReprint: true }));
    expect(screen.getByTestId('print-status').textContent).toContain(
      'mire en la bandeja de la impresora',
    );
    expect(screen.getByRole('button', { name: 'No ha salido el tique' })).toBeTruthy();
    expect(screen.getByTestId('paperless')).toBeTruthy();
  });

  it.each<PrinterState>(['disconnected', 'paper-out', 'cover-open', 'offline', 'error'])(
    'offers no reprint while the printer is %s, even when the ticket could be reprinted',
    async (status) => {
      await show(paperOut, status);
      expect(screen.queryByRole('button', { name: 'Volver a imprimir' })).toBeNull();
      act(() =>
        bridge.emit('checkin:completed', {
          ok: true,
          value: issuedResult({ printStatus: 'unconfirmed', canReprint: true }),
        }),
      );
      expect(screen.queryByRole('button', { name: 'No ha salido el tique' })).toBeNull();
      expect(screen.getByTestId('paperless')).toBeTruthy();
    },
  );

  it('offers the reprint again once the printer is back', async () => {
    await show(paperOut, 'paper-out');
    expect(screen.queryByRole('button', { name: 'Volver a imprimir' })).toBeNull();
    act(() =>
      bridge.emit('kiosk:state-changed', {
        ...bridge.state,
        printer: { transport: 'tcp', status: 'ready' },
      }),
    );
    expect(screen.getByRole('button', { name: 'Volver a imprimir' })).toBeTruthy();
  });

  it('already issued: "nothing was printed now", announced as a number they had', async () => {
    await show(issuedResult({}, 'already-issued'));
    expect(screen.getByRole('heading', { level: 1, name: 'Ya tenía turno' })).toBeTruthy();
    expect(screen.getByTestId('print-status').textContent).toBe(
      'Ya tenía este número: no se ha impreso nada ahora.',
    );
    const announced = screen.getByTestId('live-region').textContent ?? '';
    expect(announced).toContain('Ya tenía turno: el C-014. No se ha impreso nada ahora.');
    expect(announced).not.toContain('Su turno es el');
    expect(announced).not.toContain('Recoja su tique');
    expect(screen.getByTestId('paperless')).toBeTruthy();
  });

  it('a refused reprint keeps the number on screen and says why', async () => {
    await show(paperOut);
    fireEvent.click(screen.getByRole('button', { name: 'Volver a imprimir' }));
    expect((await screen.findByTestId('reprint-refused')).textContent).toBe(
      'Ya no se puede volver a imprimir. Lleve su turno en el móvil o pregunte en el mostrador.',
    );
    expect(screen.getByTestId('turn-number').textContent).toBe('C-014');
    expect(screen.queryByTestId('screen-error')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Volver a imprimir' })).toBeNull();
  });
});

describe('home: the printer is down', () => {
  it.each<PrinterState>(['paper-out', 'disconnected', 'cover-open', 'offline', 'error'])(
    'says so when the printer is %s',
    async (status) => {
      bridge.state = kioskStateFixture({ printer: { transport: 'serial', status } });
      await renderKiosk(bridge);
      expect(screen.getByTestId('printer-notice').textContent).toBe(
        'La impresora no funciona: le mostraremos su número en pantalla.',
      );
    },
  );

  it.each<PrinterState>(['ready', 'paper-near-end', 'printing', 'unknown'])(
    'says nothing when the printer is %s',
    async (status) => {
      bridge.state = kioskStateFixture({ printer: { transport: 'serial', status } });
      await renderKiosk(bridge);
      expect(screen.queryByTestId('printer-notice')).toBeNull();
    },
  );
});
