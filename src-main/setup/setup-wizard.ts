/**
 * The first-run wizard, main side: what the technician has set so far (the draft), each step's
 * work, and the end: the configuration written (config-file.ts) and the kiosk started on it in
 * this very process, handed to the host in place of the wizard. The screen drives it through the
 * `setup:*` channels (setup-handlers.ts).
 */
import { hostname } from 'node:os';
import type {
  DetectedDevices,
  SetupDraft,
  SetupRefused,
  SetupStatus,
  SetupStep,
} from '../../src-shared/contract/setup';
import type { Language } from '../../src-shared/domain/language';
import type { Kiosk } from '../app/kiosk';
import { credentialPath } from '../backend/turnero-api/credential';
import type { Config } from '../config/schema';
import { errorText } from '../logging/error-text';
import type { SecretStore, SecretStoreFactory } from '../secrets/secret-store';
import { PinFile } from '../technician/pin-file';
import { isWeakPin } from '../technician/pin-rules';
import { configDocumentOf, isComplete, writeConfigFile } from './config-file';
import { detectDevices, type DeviceDetectionOptions } from './device-detection';
import { enrolWithTownHall, type EnrolmentInput } from './enrolment-step';
import { listLogoFiles } from './logo-files';
import { WizardDevices } from './wizard-devices';

/** The API client's default (api.timeoutMs). */
const ENROLMENT_TIMEOUT_MS = 8000;

export interface SetupWizardOptions {
  configPath: string;
  dataDir: string;
  offerDemo: boolean;
  secretStore: SecretStoreFactory;
  /** Folders offered for the logo besides removable media (the configuration's, the data's). */
  logoFolders: readonly string[];
  detection?: DeviceDetectionOptions;
  /** Starts the kiosk on the written configuration (startKiosk). */
  startKiosk: (config: Config) => Promise<Kiosk>;
  /** Hands the started kiosk to the host: from now on it answers the screen. */
  switchTo: (kiosk: Kiosk) => void;
  /** Asks the launcher for the demo (the process exits; see DEMO_REQUESTED_EXIT_CODE). */
  requestDemo: () => void;
  log: (line: string) => void;
  fetch?: typeof fetch;
}

const refused = (reason: SetupRefused['reason'], extra: Partial<SetupRefused> = {}) => ({
  outcome: 'refused' as const,
  reason,
  ...extra,
});

export class SetupWizard {
  private readonly draft: SetupDraft;
  private readonly devices: WizardDevices;
  private readonly credential: SecretStore;
  /** The technician mode's own PIN store: the wizard sets the PIN it will ask for. */
  private readonly pins: PinFile;
  private finishing = false;
  private finished = false;

  constructor(private readonly options: SetupWizardOptions) {
    this.devices = new WizardDevices(options.dataDir);
    this.credential = options.secretStore(credentialPath(options.dataDir, undefined));
    this.pins = new PinFile(options.dataDir, options.log);
    this.draft = {
      language: 'es',
      server: null,
      printer: null,
      scanner: null,
      logo: null,
      // `--setup` on a totem that has a PIN keeps it unless the technician sets another.
      pinSet: this.pins.isSet(),
    };
  }

  /** False once the kiosk runs on its configuration: the `setup` channels close then. */
  get unconfigured(): boolean {
    return !this.finished;
  }

  get language(): Language {
    return this.draft.language;
  }

  status(): SetupStatus {
    return {
      phase: 'setup',
      configPath: this.options.configPath,
      offerDemo: this.options.offerDemo,
      draft: this.snapshot(),
      credentialStore: this.credential.facts(),
    };
  }

  setLanguage(language: Language): Language {
    this.draft.language = language;
    return language;
  }

  async enrol(input: EnrolmentInput) {
    const result = await enrolWithTownHall(input, {
      store: this.credential,
      timeoutMs: ENROLMENT_TIMEOUT_MS,
      deviceName: `${input.kioskId} (${hostname()})`,
      log: this.options.log,
      ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
    });
    if (result.outcome === 'refused') return result;
    this.draft.server = {
      baseUrl: input.baseUrl,
      siteId: input.siteId,
      kioskId: input.kioskId,
      ...result.site,
    };
    return { outcome: 'enrolled' as const, draft: this.snapshot() };
  }

  detectDevices(): Promise<DetectedDevices> {
    return detectDevices(this.options.detection);
  }

  async choosePrinter(choice: Parameters<WizardDevices['choosePrinter']>[0]) {
    const result = await this.devices.choosePrinter(choice);
    if (result.outcome === 'refused') return result;
    this.draft.printer = result.printer;
    // A logo installed in another printer is not in this one.
    this.draft.logo = null;
    return { outcome: result.outcome, reading: result.reading };
  }

  printerStatus() {
    return this.devices.printerStatus();
  }

  async printTestPage() {
    const result = await this.devices.printTestPage({
      language: this.draft.language,
      kioskId: this.draft.server?.kioskId ?? 'kiosk',
    });
    if (result.outcome === 'refused') return result;
    this.draft.printer = result.printer;
    return { outcome: result.outcome, reading: result.reading };
  }

  async chooseScanner(transport: string) {
    const result = await this.devices.chooseScanner(transport);
    if (result.outcome === 'chosen') this.draft.scanner = { transport, testScans: 0 };
    return result;
  }

  scannerReads(after: number) {
    const { connected, reads, count } = this.devices.scannerReads(after);
    if (this.draft.scanner && count > this.draft.scanner.testScans) {
      this.draft.scanner.testScans = count;
    }
    return { outcome: 'reads' as const, connected, reads };
  }

  async listLogos() {
    return { files: await listLogoFiles(this.options.logoFolders) };
  }

  previewLogo(path: string) {
    return this.devices.preview(path);
  }

  async installLogo(path: string) {
    const result = await this.devices.installLogo(path);
    if (result.outcome === 'refused') return result;
    this.draft.logo = result.logo;
    return { outcome: result.outcome, draft: this.snapshot() };
  }

  async setPin(pin: string) {
    if (isWeakPin(pin)) return refused('pin-weak');
    await this.pins.set(pin);
    this.draft.pinSet = true;
    this.options.log('setup: technician PIN set');
    return { outcome: 'set' as const, draft: this.snapshot() };
  }

  /** Writes the configuration and starts the kiosk on it, in place of the wizard. */
  async finish() {
    const { draft } = this;
    if (!isComplete(draft) || !draft.pinSet) {
      return refused('steps-missing', { missing: this.missingSteps() });
    }
    if (this.finishing || this.finished) return refused('already-configured');
    this.finishing = true;
    try {
      await this.devices.close();
      const document = configDocumentOf(draft, {
        dataDir: this.options.dataDir,
        logoFile: draft.logo?.installed ? draft.logo.file : null,
      });
      let config: Config;
      try {
        config = writeConfigFile(this.options.configPath, document);
      } catch (error) {
        return refused('config-not-written', { detail: errorText(error).slice(0, 300) });
      }
      this.options.log(`setup: configuration written to ${this.options.configPath}`);
      let kiosk: Kiosk;
      try {
        kiosk = await this.options.startKiosk(config);
      } catch (error) {
        this.options.log(`setup: the kiosk did not start: ${errorText(error)}`);
        return refused('kiosk-failed', { detail: errorText(error).slice(0, 300) });
      }
      this.finished = true;
      this.options.switchTo(kiosk);
      return {
        outcome: 'started' as const,
        switchedBy: 'in-place' as const,
        configPath: this.options.configPath,
        draft: this.snapshot(),
      };
    } finally {
      this.finishing = false;
    }
  }

  async startDemo() {
    if (!this.options.offerDemo) return refused('demo-not-offered');
    await this.devices.close();
    this.options.log('setup: the technician asked for the demo');
    // After this answer has gone to the screen; the screen waits for the demo kiosk meanwhile.
    setTimeout(this.options.requestDemo, 100);
    return { outcome: 'restarting' as const };
  }

  close(): Promise<void> {
    return this.devices.close();
  }

  private missingSteps(): SetupStep[] {
    const missing: SetupStep[] = [];
    if (!this.draft.server) missing.push('server');
    if (!this.draft.printer) missing.push('printer');
    if (!this.draft.scanner) missing.push('scanner');
    if (!this.draft.pinSet) missing.push('pin');
    return missing;
  }

  private snapshot(): SetupDraft {
    return structuredClone(this.draft);
  }
}
