/** The `setup:*` handlers of a configured kiosk on defaults, for tests that need a full map. */
import { parseConfig } from '../../src-main/config/load-config';
import { configuredSetupHandlers, type SetupHandlers } from '../../src-main/setup/setup-handlers';

export function setupHandlersFixture(): SetupHandlers {
  return configuredSetupHandlers({
    config: parseConfig({ api: { baseUrl: 'https://turnero.example.es' } }, null),
    firstSync: {
      progress: () => ({
        state: 'done',
        appointmentsPulled: 0,
        pages: 0,
        appointmentsCached: 0,
        lastError: null,
      }),
    },
    credentialStore: () => ({
      kind: 'file',
      location: '/tmp/credential',
      backend: null,
      encryptedAtRest: false,
    }),
    siteName: () => null,
    pinSet: () => true,
  });
}
