// @vitest-environment happy-dom
/**
 * What the screen shows from the kiosk's readiness: the first-run wizard while it has no
 * configuration, a calm "preparing" note while a new kiosk has nothing to serve, the home screen
 * once it does; each following the kiosk state, without a reload.
 */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src-renderer/App';
import type {
  IpcResult,
  RequestChannel,
  RequestOf,
  ResponseOf,
} from '../../src-shared/contract/ipc';
import type { SetupStatus } from '../../src-shared/contract/setup';
import { FakeBridge } from '../support/fake-bridge';

const STATUS: SetupStatus = {
  phase: 'setup',
  configPath: '/etc/turnero/kiosk.json',
  offerDemo: true,
  draft: {
    language: 'es',
    server: null,
    printer: null,
    scanner: null,
    logo: null,
    pinSet: false,
  },
  credentialStore: {
    kind: 'file',
    location: '/var/lib/turnero/credential',
    backend: null,
    encryptedAtRest: false,
  },
};

/** The fake bridge, answering the wizard's status and language as main does in setup mode. */
class SetupBridge extends FakeBridge {
  status: SetupStatus = structuredClone(STATUS);

  override invoke<C extends RequestChannel>(
    channel: C,
    payload: RequestOf<C>,
  ): Promise<IpcResult<ResponseOf<C>>> {
    if (channel === 'setup:get-status') {
      this.requests.push({ channel, payload });
      return Promise.resolve({ ok: true, value: this.status } as IpcResult<ResponseOf<C>>);
    }
    if (channel === 'setup:set-language') {
      this.requests.push({ channel, payload });
      const { language } = payload as RequestOf<'setup:set-language'>;
      this.status.draft.language = language;
      return Promise.resolve({ ok: true, value: { language } } as IpcResult<ResponseOf<C>>);
    }
    return super.invoke(channel, payload);
  }
}

let bridge: SetupBridge;
beforeEach(() => {
  bridge = new SetupBridge();
});
afterEach(() => cleanup());

describe('renderer: readiness', () => {
  it('shows the wizard while unconfigured, in the language chosen there, then the home screen', async () => {
    bridge.state = { ...bridge.state, readiness: 'unconfigured', siteName: '' };
    render(<App bridge={bridge} />);
    expect(await screen.findByText('Paso 1 de 7: Idioma')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Probar la demostración' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Tengo cita' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    expect(await screen.findByText('Step 1 of 7: Language')).toBeTruthy();
    expect(bridge.requests).toContainEqual({
      channel: 'setup:set-language',
      payload: { language: 'en' },
    });
    // The wizard cannot go past the server step before the kiosk is enrolled.
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('Step 2 of 7: Town hall server')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Next' }).hasAttribute('disabled')).toBe(true);

    // setup:finish switched the kiosk: its new state brings the citizen screens up.
    act(() =>
      bridge.emit('kiosk:state-changed', {
        ...bridge.state,
        readiness: 'ready',
        siteName: 'Ayuntamiento de Villanueva de la Peña',
        defaultLanguage: 'en',
        sessionLanguage: 'en',
      }),
    );
    expect(await screen.findByRole('button', { name: 'I have an appointment' })).toBeTruthy();
    expect(screen.queryByText(/Step \d of 7/)).toBeNull();
  });

  it('tells citizens the kiosk is being prepared while it has nothing to serve', async () => {
    bridge.state = { ...bridge.state, readiness: 'preparing', siteName: '' };
    render(<App bridge={bridge} />);
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Estamos preparando el tótem' }),
    ).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Tengo cita' })).toBeNull();
    // The language bar still works: the note is read in the citizen's language.
    fireEvent.click(screen.getByRole('button', { name: 'Français' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Nous préparons la borne' }),
    ).toBeTruthy();

    act(() =>
      bridge.emit('kiosk:state-changed', {
        ...bridge.state,
        readiness: 'ready',
        siteName: 'Ayuntamiento de Villanueva de la Peña',
      }),
    );
    expect(await screen.findByRole('button', { name: 'J’ai un rendez-vous' })).toBeTruthy();
    expect(screen.queryByTestId('screen-preparing')).toBeNull();
  });
});
