/**
 * The wizard's hands on the devices: the printer the technician picked (status, test page, logo
 * into its NV memory) and the scanner under test. One of each at a time: picking another closes
 * the previous one; `close()` releases both before the kiosk opens them for good.
 */
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SetupDraft, SetupRefused } from '../../src-shared/contract/setup';
import type { Language } from '../../src-shared/domain/language';
import { parsePrinterTransport, parseScannerTransport } from '../config/schema';
import { errorText } from '../logging/error-text';
import { installLogoBytes, writeLogoMarker } from '../printer/logo/logo-store';
import { renderTestPage } from '../printer/test-page';
import { logoPreview, readLogoPng } from './logo-files';
import { ScannerTest, type NumberedRead } from './scanner-test';
import { SetupPrinter, type StatusReport } from './setup-printer';

/** The kiosk's default response budget for a job (printer.timeoutMs). */
const JOB_TIMEOUT_MS = 10_000;
/** Writing NV memory takes seconds on some models (as `npm run printer -- install-logo`). */
const NV_WRITE_TIMEOUT_MS = 30_000;
/** Where the installed logo is copied, so a USB stick can leave with the technician. */
export const LOGO_COPY_NAME = 'printer-logo.png';

type Printer = NonNullable<SetupDraft['printer']>;
type Refused = Omit<SetupRefused, 'outcome'> & { outcome: 'refused' };

const refused = (reason: SetupRefused['reason'], detail?: string): Refused => ({
  outcome: 'refused',
  reason,
  ...(detail ? { detail: detail.slice(0, 300) } : {}),
});

export interface TestPageContext {
  language: Language;
  kioskId: string;
}

export class WizardDevices {
  private printer: { probe: SetupPrinter; choice: Printer } | null = null;
  private scanner: ScannerTest | null = null;

  constructor(private readonly dataDir: string) {}

  /** Opens the printer and reads its status; the choice is kept only if the port opens. */
  async choosePrinter(
    choice: Omit<Printer, 'testPagePrinted'>,
  ): Promise<{ outcome: 'status'; reading: StatusReport; printer: Printer } | Refused> {
    const transport = parsePrinterTransport(choice.transport);
    if (!transport)
      return refused('printer-unavailable', `not a printer transport: ${choice.transport}`);
    await this.closePrinter();
    const probe = new SetupPrinter(transport, this.dataDir);
    const reading = await probe.readStatus();
    if (reading.state === 'disconnected' || reading.state === 'error') {
      await probe.close();
      return refused('printer-unavailable', reading.detail);
    }
    const printer = { ...choice, testPagePrinted: false };
    this.printer = { probe, choice: printer };
    return { outcome: 'status', reading, printer };
  }

  async printerStatus(): Promise<{ outcome: 'status'; reading: StatusReport } | Refused> {
    if (!this.printer) return refused('printer-not-chosen');
    return { outcome: 'status', reading: await this.printer.probe.readStatus() };
  }

  async printTestPage(
    context: TestPageContext,
  ): Promise<{ outcome: 'sent'; reading: StatusReport; printer: Printer } | Refused> {
    if (!this.printer) return refused('printer-not-chosen');
    const { probe, choice } = this.printer;
    const bytes = renderTestPage({
      paperWidth: choice.paperWidth,
      codePage: 'PC858',
      profile: choice.profile,
      logo: null,
      language: context.language,
      kioskId: context.kioskId,
      qrUrl: null,
    });
    const sent = await probe.send(bytes, JOB_TIMEOUT_MS, 'test-page');
    if (!sent.ok) return refused('printer-unavailable', sent.detail);
    choice.testPagePrinted = true;
    return { outcome: 'sent', reading: await probe.readStatus(), printer: { ...choice } };
  }

  async preview(path: string) {
    try {
      const png = await readLogoPng(path);
      const { raster, image } = logoPreview(png, this.printer?.choice.paperWidth ?? 80);
      return { outcome: 'preview' as const, image, width: raster.width, height: raster.height };
    } catch (error) {
      return refused('logo-unreadable', errorText(error));
    }
  }

  /** Stores the PNG in the printer's NV memory, records the marker, keeps a copy beside it. */
  async installLogo(
    path: string,
  ): Promise<{ outcome: 'installed'; logo: NonNullable<SetupDraft['logo']> } | Refused> {
    if (!this.printer) return refused('printer-not-chosen');
    const { probe, choice } = this.printer;
    let installation: ReturnType<typeof installLogoBytes>;
    try {
      const png = await readLogoPng(path);
      installation = installLogoBytes(png, choice.profile, choice.paperWidth);
    } catch (error) {
      const text = errorText(error);
      return refused(
        /no NV logo support/.test(text) ? 'logo-not-supported' : 'logo-unreadable',
        text,
      );
    }
    const sent = await probe.send(installation.bytes, NV_WRITE_TIMEOUT_MS, 'nv-logo-install');
    if (!sent.ok) return refused('printer-unavailable', sent.detail);
    const copy = join(this.dataDir, LOGO_COPY_NAME);
    await copyFile(path, copy);
    writeLogoMarker(this.dataDir, installation.marker);
    const { width, height } = installation.marker;
    return { outcome: 'installed', logo: { file: copy, width, height, installed: true } };
  }

  /** `keyboard` needs nothing opened; a serial scanner is opened for the test. */
  async chooseScanner(transport: string): Promise<{ outcome: 'chosen' } | Refused> {
    const parsed = parseScannerTransport(transport);
    if (!parsed) return refused('scanner-unavailable', `not a scanner transport: ${transport}`);
    await this.closeScanner();
    if (parsed.kind === 'keyboard') return { outcome: 'chosen' };
    const test = new ScannerTest(parsed);
    const started = await test.start();
    if (!started.ok) {
      await test.stop();
      return refused('scanner-unavailable', started.detail);
    }
    this.scanner = test;
    return { outcome: 'chosen' };
  }

  /** The serial test's reads after `after`; null link state for a keyboard wedge. */
  scannerReads(after: number): { connected: boolean | null; reads: NumberedRead[]; count: number } {
    if (!this.scanner) return { connected: null, reads: [], count: 0 };
    return {
      connected: this.scanner.connected(),
      reads: this.scanner.readsAfter(after),
      count: this.scanner.count,
    };
  }

  async close(): Promise<void> {
    await Promise.all([this.closePrinter(), this.closeScanner()]);
  }

  private async closePrinter(): Promise<void> {
    const current = this.printer;
    this.printer = null;
    await current?.probe.close();
  }

  private async closeScanner(): Promise<void> {
    const current = this.scanner;
    this.scanner = null;
    await current?.stop();
  }
}
