// @vitest-environment happy-dom
/**
 * The renderer's side of the technician mode on a fake bridge: the citizen screen honours the
 * technician's languages and colours from the kiosk state; a technician card read by the
 * keyboard-wedge scanner goes to main, not to check-in; the mode replaces the citizen screens
 * while main says a session is open, and leaves nothing behind when it closes.
 */
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src-renderer/App';
import type {
  EventChannel,
  EventOf,
  IpcResult,
  RequestChannel,
  RequestOf,
  ResponseOf,
  TurneroBridge,
} from '../../src-shared/contract/ipc';
import type { TechnicianSessionView } from '../../src-shared/contract/technician';
import { CLOSED_TECHNICIAN_SESSION, FakeBridge, renderKiosk } from '../support/fake-bridge';
import { kioskStateFixture } from '../support/kiosk-state-fixture';

const CARD = `TURNERO-TECH.eyJhbGciOiJFZERTQSJ9.${'e'.repeat(40)}.${'s'.repeat(86)}`;
const OPEN: TechnicianSessionView = { ...CLOSED_TECHNICIAN_SESSION, phase: 'open' };

/** The fake bridge, with main's technician channels answered by the test. */
class TechnicianBridge implements TurneroBridge {
  readonly technicianCalls: { channel: string; payload: unknown }[] = [];
  answers: Partial<Record<RequestChannel, unknown>> = {};
  constructor(readonly citizen: FakeBridge) {}

  invoke<C extends RequestChannel>(
    channel: C,
    payload: RequestOf<C>,
  ): Promise<IpcResult<ResponseOf<C>>> {
    if (!channel.startsWith('tech:') || !(channel in this.answers)) {
      return this.citizen.invoke(channel, payload);
    }
    this.technicianCalls.push({ channel, payload });
    return Promise.resolve({ ok: true, value: this.answers[channel] as ResponseOf<C> });
  }

  on<E extends EventChannel>(event: E, listener: (payload: EventOf<E>) => void): () => void {
    return this.citizen.on(event, listener);
  }
}

let citizen: FakeBridge;
let bridge: TechnicianBridge;

beforeEach(() => {
  citizen = new FakeBridge();
  bridge = new TechnicianBridge(citizen);
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('technician settings on the citizen screen', () => {
  it('offers only the languages the technician chose, and none when only one is left', async () => {
    citizen.state = kioskStateFixture({ languages: ['es', 'en'] });
    await renderKiosk(bridge);
    const bar = screen.getByRole('navigation', { name: 'Idioma' });
    expect(
      within(bar)
        .getAllByRole('button')
        .map((button) => button.getAttribute('lang')),
    ).toEqual(['es', 'en']);
    act(() => citizen.emit('kiosk:state-changed', kioskStateFixture({ languages: ['es'] })));
    expect(screen.queryByRole('navigation', { name: 'Idioma' })).toBeNull();
  });

  it('paints the header and buttons in the technician’s colours', async () => {
    citizen.state = kioskStateFixture({ branding: { headerColor: '#1a237e', actionColor: null } });
    const { container } = await renderKiosk(bridge);
    const kiosk = container.querySelector<HTMLElement>('.kiosk');
    expect(kiosk?.style.getPropertyValue('--navy')).toBe('#1a237e');
    expect(kiosk?.style.getPropertyValue('--navy-dark')).toBe('#141a5f');
    expect(kiosk?.style.getPropertyValue('--blue')).toBe('');
  });
});

describe('technician mode in the renderer', () => {
  it('sends a technician card from the wedge scanner to main, never to check-in', async () => {
    vi.useFakeTimers();
    bridge.answers['tech:card-present'] = {
      refusal: null,
      session: { ...CLOSED_TECHNICIAN_SESSION, phase: 'pin', via: 'card', cardId: 'TEC-0042' },
    };
    render(<App bridge={bridge} wedge={{ clock: () => Date.now() }} />);
    await act(async () => {});
    for (const key of [...CARD, 'Enter']) {
      act(() => {
        vi.advanceTimersByTime(4);
        fireEvent.keyDown(document.body, { key });
      });
    }
    await act(async () => {});
    expect(bridge.technicianCalls).toEqual([
      { channel: 'tech:card-present', payload: { card: CARD } },
    ]);
    expect(citizen.submissions).toEqual([]);
    expect(screen.getByText('Tarjeta TEC-0042: introduzca el PIN de técnico.')).toBeTruthy();
  });

  it('shows the mode while main says a session is open, and drops it all when it closes', async () => {
    bridge.answers['tech:settings-get'] = { settings: [] };
    await renderKiosk(bridge);
    act(() => citizen.emit('technician:session-changed', OPEN));
    expect(screen.getByTestId('technician-mode')).toBeTruthy();
    expect(screen.queryByTestId('screen-home')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Registro de cambios' }));
    expect(screen.getByRole('heading', { name: 'Registro de cambios' })).toBeTruthy();

    // Main closed it (inactivity): the citizen home is back, nothing technical remains.
    act(() => citizen.emit('technician:session-changed', CLOSED_TECHNICIAN_SESSION));
    expect(screen.getByTestId('screen-home')).toBeTruthy();
    expect(screen.queryByTestId('technician-mode')).toBeNull();
    expect(document.body.textContent).not.toMatch(/Registro de cambios|Modo técnico/);

    // Opened again, it starts from its first panel: nothing was kept of the last visit.
    act(() => citizen.emit('technician:session-changed', OPEN));
    expect(screen.getByRole('heading', { name: 'Diagnóstico' })).toBeTruthy();
  });

  it('leaves at once on "Salir", telling main', async () => {
    bridge.answers['tech:settings-get'] = { settings: [] };
    bridge.answers['tech:session-end'] = CLOSED_TECHNICIAN_SESSION;
    await renderKiosk(bridge);
    act(() => citizen.emit('technician:session-changed', OPEN));
    fireEvent.click(screen.getByRole('button', { name: 'Salir del modo técnico' }));
    expect(screen.getByTestId('screen-home')).toBeTruthy();
    expect(bridge.technicianCalls).toContainEqual({
      channel: 'tech:session-end',
      payload: { reason: 'exit' },
    });
  });
});
