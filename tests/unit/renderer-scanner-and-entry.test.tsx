// @vitest-environment happy-dom
/**
 * The small things a new user met at the scanner and the code field: the kiosk state's wedge
 * speed reaches the detector, a scan cut off is said on screen, the hint tells that the "TRN-"
 * prefix (which the keyboard has no "-" for) is optional, and the short form is accepted.
 */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src-renderer/App';
import { parseScanPayload } from '../../src-shared/domain/scan-payload';
import { FakeBridge, renderKiosk, tapKeys } from '../support/fake-bridge';
import { kioskStateFixture } from '../support/kiosk-state-fixture';
import { issuedResult } from '../support/ticket-view-fixture';

let bridge: FakeBridge;

beforeEach(() => {
  bridge = new FakeBridge();
  bridge.checkIn = () => ({ ok: true, value: issuedResult() });
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('keyboard-wedge scanner', () => {
  /** Keys `gapMs` apart on the fake clock, as a scanner types them. */
  async function press(keys: string[], gapMs: number) {
    for (const key of keys) {
      act(() => {
        vi.advanceTimersByTime(gapMs);
        fireEvent.keyDown(document.body, { key });
      });
    }
    await act(async () => {});
  }

  async function renderWithClock() {
    render(<App bridge={bridge} wedge={{ clock: () => Date.now() }} />);
    await act(async () => {});
  }

  beforeEach(() => {
    vi.useFakeTimers();
  });

  it('reads a 50 ms-a-key scanner when the kiosk state allows 60 ms', async () => {
    bridge.state = kioskStateFixture({
      scanner: { ...kioskStateFixture().scanner, wedgeMaxGapMs: 60 },
    });
    await renderWithClock();
    await press([...'TRN-7K4P9Q', 'Enter'], 50);
    expect(bridge.submissions).toEqual([
      { input: 'TRN-7K4P9Q', source: 'keyboard-wedge', language: 'es' },
    ]);
  });

  it('with the default 35 ms, the same scanner is not a scan', async () => {
    await renderWithClock();
    await press([...'TRN-7K4P9Q', 'Enter'], 50);
    expect(bridge.submissions).toEqual([]);
  });

  it('a kiosk state arriving in the middle of a scan does not cut it', async () => {
    bridge.getState = () => ({ ok: false, error: { code: 'internal' } });
    await renderWithClock();
    await press([...'TRN-7K'], 5);
    act(() => bridge.emit('kiosk:state-changed', bridge.state));
    await press([...'4P9Q', 'Enter'], 5);
    expect(bridge.submissions).toEqual([
      { input: 'TRN-7K4P9Q', source: 'keyboard-wedge', language: 'es' },
    ]);
  });

  it('says "Lectura incompleta" when a fast burst is cut off, and lets it go after a while', async () => {
    await renderWithClock();
    fireEvent.click(screen.getByRole('button', { name: 'Tengo cita' }));
    await press([...'TRN7K4'], 5);
    act(() => vi.advanceTimersByTime(200));
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toBe('Lectura incompleta, vuelva a pasar el código.');
    // What arrived is not typed into the field either.
    expect(screen.getByTestId('code-field').textContent).toBe('Todavía no ha escrito nada');
    expect(bridge.submissions).toEqual([]);
    act(() => vi.advanceTimersByTime(6_000));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('code entry', () => {
  it('says the prefix is optional, and the short form is what main accepts', async () => {
    await renderKiosk(bridge);
    fireEvent.click(screen.getByRole('button', { name: 'Tengo cita' }));
    const hint = screen.getByText(/por ejemplo TRN-7K4P9Q/).textContent ?? '';
    expect(hint).toContain('No hace falta escribir «TRN-»: basta con 7K4P9Q.');
    expect(parseScanPayload('7K4P9Q', 'code')).toMatchObject({ code: 'TRN-7K4P9Q' });

    tapKeys('7K4P9Q');
    fireEvent.click(screen.getByRole('button', { name: 'Aceptar' }));
    await screen.findByTestId('turn-number');
    expect(bridge.submissions).toEqual([{ input: '7K4P9Q', source: 'touch', language: 'es' }]);
  });
});
