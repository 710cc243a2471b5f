/** The kiosk state a fake host or bridge reports in renderer and transport tests. */
import type { KioskState } from '../../src-shared/contract/ipc';

export function kioskStateFixture(overrides: Partial<KioskState> = {}): KioskState {
  return {
    readiness: 'ready',
    siteName: 'Ayuntamiento de Villanueva de la Peña',
    kioskId: 'totem-1',
    defaultLanguage: 'es',
    sessionLanguage: 'es',
    connectivity: 'online',
    lastSyncAt: null,
    printer: { transport: 'virtual', status: 'ready' },
    languages: ['es', 'en', 'fr', 'de'],
    branding: { headerColor: null, actionColor: null },
    bookingUrl: null,
    session: { outcomeSeconds: 30, idleSeconds: 60, warningSeconds: 20 },
    scanner: {
      transport: 'keyboard',
      connected: null,
      keyboardLayout: 'auto',
      camera: false,
      wedgeMaxGapMs: 35,
    },
    ...overrides,
  };
}
