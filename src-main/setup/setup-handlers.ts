/**
 * Who answers the `setup:*` channels: the wizard while the kiosk has no configuration, and a
 * configured kiosk otherwise (a technician session): there the detection and the first-sync
 * progress answer for real, what changes the kiosk's setup is refused (`already-configured`).
 * The access guard decides who may call them at all (technician/access-guard.ts: in a technician
 * session, or while unconfigured).
 */
import type { RequestChannel, requestChannels } from '../../src-shared/contract/ipc';
import type { SetupDraft, SetupStatus } from '../../src-shared/contract/setup';
import type { Config } from '../config/schema';
import type { FirstSyncTracker } from '../kiosk-state/first-sync';
import type { IpcHandlers } from '../ipc/dispatcher';
import type { CredentialStoreFacts } from '../secrets/secret-store';
import { detectDevices, type DeviceDetectionOptions } from './device-detection';
import { checkNetworkPrinter } from './network-printer-check';
import type { SetupWizard } from './setup-wizard';

/** The channels of the first-run wizard and device detection (access `setup`). */
export type SetupChannel = {
  [C in RequestChannel]: (typeof requestChannels)[C] extends { access: 'setup' } ? C : never;
}[RequestChannel];

export type SetupHandlers = Pick<IpcHandlers, SetupChannel>;

const ok = <T>(value: T) => ({ ok: true as const, value });

/** No kiosk runs while the wizard does: nothing has synced. */
const NOT_STARTED = {
  state: 'waiting' as const,
  appointmentsPulled: 0,
  pages: 0,
  appointmentsCached: 0,
  lastError: null,
};

export function wizardHandlers(wizard: SetupWizard): SetupHandlers {
  return {
    'setup:get-status': async () => ok(wizard.status()),
    'setup:set-language': async ({ language }) => ok({ language: wizard.setLanguage(language) }),
    'setup:enrol': async (request) => ok(await wizard.enrol(request)),
    'setup:detect-devices': async () => ok(await wizard.detectDevices()),
    'setup:check-network-printer': async ({ host, port }) =>
      ok(await checkNetworkPrinter(host, port)),
    'setup:choose-printer': async (request) => ok(await wizard.choosePrinter(request)),
    'setup:printer-status': async () => ok(await wizard.printerStatus()),
    'setup:print-test-page': async () => ok(await wizard.printTestPage()),
    'setup:choose-scanner': async ({ transport }) => ok(await wizard.chooseScanner(transport)),
    'setup:scanner-reads': async ({ after }) => ok(wizard.scannerReads(after)),
    'setup:list-logos': async () => ok(await wizard.listLogos()),
    'setup:preview-logo': async ({ path }) => ok(await wizard.previewLogo(path)),
    'setup:install-logo': async ({ path }) => ok(await wizard.installLogo(path)),
    'setup:set-pin': async ({ pin }) => ok(await wizard.setPin(pin)),
    'setup:finish': async () => ok(await wizard.finish()),
    'setup:start-demo': async () => ok(await wizard.startDemo()),
    'setup:first-sync': async () => ok(NOT_STARTED),
  };
}

export interface ConfiguredSetupParts {
  config: Config;
  firstSync: Pick<FirstSyncTracker, 'progress'>;
  credentialStore: () => CredentialStoreFacts;
  /** The site's name as last pulled. */
  siteName: () => string | null;
  /** Whether the technician PIN is set. */
  pinSet: () => boolean;
  detection?: DeviceDetectionOptions;
}

/** What is set on a configured kiosk, in the wizard's terms (no secret, no enrolment code). */
function draftOf(parts: ConfiguredSetupParts): SetupDraft {
  const { config } = parts;
  return {
    language: config.language,
    server: config.api.baseUrl
      ? {
          baseUrl: config.api.baseUrl,
          siteId: config.siteId,
          kioskId: config.kioskId,
          siteName: parts.siteName(),
          timeZone: config.timeZone,
        }
      : null,
    printer: {
      transport: config.printer.transport,
      profile: config.printer.profile,
      paperWidth: config.printer.paperWidth,
      testPagePrinted: false,
    },
    scanner: { transport: config.scanner.transport, testScans: 0 },
    logo: null,
    pinSet: parts.pinSet(),
  };
}

export function configuredSetupHandlers(parts: ConfiguredSetupParts): SetupHandlers {
  const alreadyConfigured = async () =>
    ok({ outcome: 'refused' as const, reason: 'already-configured' as const });
  const status = (): SetupStatus => ({
    phase: 'configured',
    configPath: null,
    offerDemo: false,
    draft: draftOf(parts),
    credentialStore: parts.credentialStore(),
  });
  return {
    'setup:get-status': async () => ok(status()),
    // The language of a configured kiosk is a setting (settings service), not the wizard's.
    'setup:set-language': async () => ok({ language: parts.config.language }),
    'setup:enrol': alreadyConfigured,
    'setup:detect-devices': async () => ok(await detectDevices(parts.detection)),
    'setup:check-network-printer': async ({ host, port }) =>
      ok(await checkNetworkPrinter(host, port)),
    'setup:choose-printer': alreadyConfigured,
    'setup:printer-status': alreadyConfigured,
    'setup:print-test-page': alreadyConfigured,
    'setup:choose-scanner': alreadyConfigured,
    'setup:scanner-reads': alreadyConfigured,
    'setup:list-logos': async () => ok({ files: [] }),
    'setup:preview-logo': alreadyConfigured,
    'setup:install-logo': alreadyConfigured,
    // A configured kiosk's PIN changes in the technician mode (tech:pin-change), with the old one.
    'setup:set-pin': alreadyConfigured,
    'setup:finish': alreadyConfigured,
    'setup:start-demo': alreadyConfigured,
    'setup:first-sync': async () => ok(parts.firstSync.progress()),
  };
}
