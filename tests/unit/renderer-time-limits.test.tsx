// @vitest-environment happy-dom
/**
 * Time limits with a warning (WCAG 2.2.1), on fake timers: the hook's phases, which screen gets
 * which limit, and the "¿Necesita más tiempo?" dialog in the kiosk (visible countdown, focus on
 * the one-tap extension, the reset only when nobody answers).
 */
import { act, cleanup, fireEvent, render, renderHook, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src-renderer/App';
import { timeLimitFor, type TimeLimitFacts } from '../../src-renderer/session/time-limits';
import { useTimeLimit } from '../../src-renderer/session/use-time-limit';
import { FakeBridge, tapKeys } from '../support/fake-bridge';
import { kioskStateFixture } from '../support/kiosk-state-fixture';
import { issuedResult } from '../support/ticket-view-fixture';

const SESSION = { outcomeSeconds: 30, idleSeconds: 60, warningSeconds: 20 };

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('useTimeLimit', () => {
  const LIMIT = { limitMs: 10_000, warningMs: 5_000 };

  it('warns after the limit, counts down each second, then expires', () => {
    const onExpire = vi.fn();
    const { result } = renderHook(() => useTimeLimit(LIMIT, onExpire));
    act(() => vi.advanceTimersByTime(9_999));
    expect(result.current.warningSecondsLeft).toBeNull();
    act(() => vi.advanceTimersByTime(1));
    expect(result.current.warningSecondsLeft).toBe(5);
    act(() => vi.advanceTimersByTime(1_000));
    expect(result.current.warningSecondsLeft).toBe(4);
    act(() => vi.advanceTimersByTime(3_999));
    expect(onExpire).not.toHaveBeenCalled();
    act(() => vi.advanceTimersByTime(1));
    expect(onExpire).toHaveBeenCalledTimes(1);
    expect(result.current.warningSecondsLeft).toBeNull();
  });

  it('a touch before the warning starts the limit over', () => {
    const onExpire = vi.fn();
    const { result } = renderHook(() => useTimeLimit(LIMIT, onExpire));
    act(() => vi.advanceTimersByTime(8_000));
    fireEvent.pointerDown(document.body);
    act(() => vi.advanceTimersByTime(8_000));
    expect(result.current.warningSecondsLeft).toBeNull();
    act(() => vi.advanceTimersByTime(2_000));
    expect(result.current.warningSecondsLeft).toBe(5);
  });

  it('once warned, only extend() answers: a stray touch neither resets nor extends', () => {
    const onExpire = vi.fn();
    const { result } = renderHook(() => useTimeLimit(LIMIT, onExpire));
    act(() => vi.advanceTimersByTime(12_000));
    expect(result.current.warningSecondsLeft).toBe(3);
    fireEvent.pointerDown(document.body);
    expect(result.current.warningSecondsLeft).toBe(3);

    act(() => result.current.extend());
    expect(result.current.warningSecondsLeft).toBeNull();
    act(() => vi.advanceTimersByTime(9_000));
    expect(onExpire).not.toHaveBeenCalled();
    act(() => vi.advanceTimersByTime(6_000));
    expect(onExpire).toHaveBeenCalledTimes(1);
  });

  it('expireNow() ends at once; a limit without warning expires without one', () => {
    const onExpire = vi.fn();
    const { result, rerender } = renderHook(({ limit }) => useTimeLimit(limit, onExpire), {
      initialProps: { limit: LIMIT },
    });
    act(() => vi.advanceTimersByTime(10_000));
    act(() => result.current.expireNow());
    expect(onExpire).toHaveBeenCalledTimes(1);

    rerender({ limit: { limitMs: 3_000, warningMs: 0 } });
    act(() => vi.advanceTimersByTime(3_000));
    expect(onExpire).toHaveBeenCalledTimes(2);
    expect(result.current.warningSecondsLeft).toBeNull();
  });

  it('no limit: nothing ever happens', () => {
    const onExpire = vi.fn();
    renderHook(() => useTimeLimit(null, onExpire));
    act(() => vi.advanceTimersByTime(3_600_000));
    expect(onExpire).not.toHaveBeenCalled();
  });
});

describe('which screen gets which limit', () => {
  const facts = (overrides: Partial<TimeLimitFacts>): TimeLimitFacts => ({
    screen: 'home',
    busy: false,
    languageChosen: false,
    numberOnlyOnScreen: false,
    ...overrides,
  });

  it.each([
    ['home in the default language', facts({}), null],
    ['home in a chosen language', facts({ languageChosen: true }), [60_000, 20_000]],
    ['code entry', facts({ screen: 'entering-code' }), [60_000, 20_000]],
    ['ID entry', facts({ screen: 'entering-id' }), [60_000, 20_000]],
    ['walk-in', facts({ screen: 'walk-in' }), [60_000, 20_000]],
    ['an error', facts({ screen: 'error' }), [30_000, 20_000]],
    ['a printed result', facts({ screen: 'result' }), [30_000, 0]],
    [
      'a number only on screen',
      facts({ screen: 'result', numberOnlyOnScreen: true }),
      [30_000, 20_000],
    ],
    ['anything while busy', facts({ screen: 'entering-code', busy: true }), null],
  ] as const)('%s', (_name, input, expected) => {
    const limit = timeLimitFor(input, SESSION);
    expect(limit && [limit.limitMs, limit.warningMs]).toEqual(expected);
  });
});

describe('the kiosk warns before every reset that loses something', () => {
  let bridge: FakeBridge;

  beforeEach(() => {
    bridge = new FakeBridge();
    bridge.state = kioskStateFixture({ session: SESSION });
  });

  async function renderApp(props: Parameters<typeof App>[0] | null = null) {
    render(<App bridge={bridge} {...props} />);
    await act(async () => {});
  }

  it('typed code: a visible countdown, focus on "Sí, necesito más tiempo", input kept', async () => {
    await renderApp();
    fireEvent.click(screen.getByRole('button', { name: 'Tengo cita' }));
    tapKeys('7K4');
    act(() => vi.advanceTimersByTime(60_000));

    const dialog = screen.getByRole('alertdialog', { name: '¿Necesita más tiempo?' });
    expect(dialog.getAttribute('aria-describedby')).toBe('time-limit-countdown');
    expect(
      screen.getByText('Si no toca la pantalla, volverá al inicio en 20 segundos.'),
    ).toBeTruthy();
    const extend = screen.getByRole('button', { name: 'Sí, necesito más tiempo' });
    expect(document.activeElement).toBe(extend);
    act(() => vi.advanceTimersByTime(5_000));
    expect(screen.getByTestId('time-limit-seconds').textContent).toBe('15');

    fireEvent.click(extend);
    expect(screen.queryByTestId('time-limit-dialog')).toBeNull();
    expect(screen.getByTestId('code-field').textContent).toBe('7K4');
    act(() => vi.advanceTimersByTime(59_000));
    expect(screen.queryByTestId('time-limit-dialog')).toBeNull();
  });

  it('nobody answers: the typed code is discarded and home is back', async () => {
    await renderApp();
    fireEvent.click(screen.getByRole('button', { name: 'Tengo cita' }));
    tapKeys('7K4');
    act(() => vi.advanceTimersByTime(60_000 + 19_000));
    expect(screen.getByTestId('code-field').textContent).toBe('7K4');
    act(() => vi.advanceTimersByTime(1_000));
    expect(screen.getByTestId('screen-home')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Tengo cita' }));
    expect(screen.getByTestId('code-field').textContent).toBe('Todavía no ha escrito nada');
  });

  it('a chosen language is reset only after the warning', async () => {
    await renderApp();
    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    act(() => vi.advanceTimersByTime(60_000));
    expect(screen.getByRole('alertdialog', { name: 'Do you need more time?' })).toBeTruthy();
    act(() => vi.advanceTimersByTime(20_000));
    expect(screen.getByRole('button', { name: 'Tengo cita' })).toBeTruthy();
    expect(bridge.sessionLanguages.at(-1)).toBeNull();
  });

  it('"No, volver al inicio" ends the session at once', async () => {
    await renderApp();
    fireEvent.click(screen.getByRole('button', { name: 'Con mi DNI / NIE' }));
    tapKeys('1234');
    act(() => vi.advanceTimersByTime(60_000));
    fireEvent.click(screen.getByRole('button', { name: 'No, volver al inicio' }));
    expect(screen.getByTestId('screen-home')).toBeTruthy();
    expect(screen.queryByTestId('time-limit-dialog')).toBeNull();
  });

  it('a number only on screen stays until confirmed: never a reset without the warning', async () => {
    await renderApp();
    const failed = issuedResult({ printStatus: 'failed', printFailure: 'cover-open' });
    act(() => bridge.emit('checkin:completed', { ok: true, value: failed }));
    act(() => vi.advanceTimersByTime(30_000));
    expect(screen.getByTestId('turn-number').textContent).toBe('C-014');
    expect(screen.getByRole('alertdialog')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Sí, necesito más tiempo' }));
    act(() => vi.advanceTimersByTime(45_000));
    expect(screen.getByTestId('turn-number').textContent).toBe('C-014');

    fireEvent.click(screen.getByRole('button', { name: 'Ya tengo mi número' }));
    expect(screen.getByTestId('screen-home')).toBeTruthy();
  });

  it('a printed ticket goes home after the outcome time without a dialog', async () => {
    await renderApp();
    act(() => bridge.emit('checkin:completed', { ok: true, value: issuedResult() }));
    act(() => vi.advanceTimersByTime(29_999));
    expect(screen.getByTestId('screen-result')).toBeTruthy();
    act(() => vi.advanceTimersByTime(1));
    expect(screen.getByTestId('screen-home')).toBeTruthy();
    expect(screen.queryByTestId('time-limit-dialog')).toBeNull();
  });

  it('an error screen warns before going home', async () => {
    await renderApp();
    act(() =>
      bridge.emit('checkin:completed', { ok: false, error: { code: 'booking-cancelled' } }),
    );
    act(() => vi.advanceTimersByTime(30_000));
    expect(screen.getByRole('alertdialog')).toBeTruthy();
    expect(screen.getByTestId('screen-error')).toBeTruthy();
  });

  it('the App props override the kiosk state’s seconds', async () => {
    await renderApp({ bridge, session: { idleSeconds: 10, warningSeconds: 5 } });
    fireEvent.click(screen.getByRole('button', { name: 'Sin cita' }));
    act(() => vi.advanceTimersByTime(10_000));
    expect(
      screen.getByText('Si no toca la pantalla, volverá al inicio en 5 segundos.'),
    ).toBeTruthy();
    act(() => vi.advanceTimersByTime(5_000));
    expect(screen.getByTestId('screen-home')).toBeTruthy();
  });
});
