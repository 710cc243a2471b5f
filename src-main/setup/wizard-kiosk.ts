/**
 * The kiosk as the screen sees it while the wizard runs: its state says `unconfigured` (the
 * screen shows the wizard), the `setup` channels reach the wizard (and are closed once it has
 * switched the kiosk into service), every citizen channel is answered "not ready" — there is no
 * site, no appointment and no printer to serve with yet — and the technician mode's channels are
 * refused: there is no technician session without a configuration.
 */
import {
  accessOf,
  requestChannels,
  type KioskState,
  type RequestChannel,
} from '../../src-shared/contract/ipc';
import { LANGUAGES } from '../../src-shared/i18n/catalogs';
import type { Kiosk } from '../app/kiosk';
import { parseConfig } from '../config/load-config';
import { createDispatcher, type IpcHandlers } from '../ipc/dispatcher';
import { KioskEvents } from '../ipc/kiosk-events';
import { createAccessGuard } from '../technician/access-guard';
import { wizardHandlers, type SetupChannel } from './setup-handlers';
import type { SetupWizard } from './setup-wizard';

/** The state of a kiosk without a configuration: the documented defaults, nothing connected. */
export function unconfiguredState(wizard: Pick<SetupWizard, 'language'>): KioskState {
  const defaults = parseConfig({}, null);
  const { citizen, scanner, branding } = defaults;
  return {
    readiness: 'unconfigured',
    siteName: '',
    kioskId: '',
    defaultLanguage: wizard.language,
    sessionLanguage: wizard.language,
    connectivity: 'connecting',
    lastSyncAt: null,
    printer: { transport: 'virtual', status: 'unknown' },
    bookingUrl: null,
    // Every language: the wizard is used in any of them.
    languages: [...LANGUAGES],
    branding: { headerColor: branding.headerColor, actionColor: branding.actionColor },
    session: {
      outcomeSeconds: citizen.outcomeSeconds,
      idleSeconds: citizen.idleSeconds,
      warningSeconds: citizen.warningSeconds,
    },
    scanner: {
      transport: 'keyboard',
      connected: null,
      keyboardLayout: scanner.keyboardLayout,
      camera: false,
      wedgeMaxGapMs: scanner.wedgeMaxGapMs,
    },
  };
}

/**
 * Every citizen channel, answered while there is no configuration. Made from the contract's list,
 * so a citizen channel added later is refused here too without a change.
 */
function citizenChannelsWhileUnconfigured(wizard: SetupWizard): Omit<IpcHandlers, SetupChannel> {
  const notReady = async () => ({
    ok: false as const,
    error: { code: 'kiosk-not-ready' as const },
  });
  const handlers: Record<string, unknown> = {};
  for (const channel of Object.keys(requestChannels) as RequestChannel[]) {
    if (accessOf(channel) !== 'setup') handlers[channel] = notReady;
  }
  return {
    ...(handlers as Omit<IpcHandlers, SetupChannel>),
    'kiosk:get-state': async () => ({ ok: true, value: unconfiguredState(wizard) }),
    'session:set-language': async () => ({ ok: true, value: { language: wizard.language } }),
  };
}

export function createWizardKiosk(wizard: SetupWizard, log: (line: string) => void): Kiosk {
  const events = new KioskEvents(log);
  const handlers: IpcHandlers = {
    ...citizenChannelsWhileUnconfigured(wizard),
    ...wizardHandlers(wizard),
  };
  return {
    config: null,
    // No technician session without a configuration: the setup channels are open while unconfigured.
    dispatch: createDispatcher(
      handlers,
      log,
      createAccessGuard({ sessionOpen: () => false, unconfigured: () => wizard.unconfigured }),
    ),
    onEvent: events.onEvent,
    stop: async () => {
      events.dispose();
      await wizard.close();
    },
  };
}
