/**
 * The first-run wizard through the dispatcher, on real parts: setup mode composed as a host
 * composes it (startSetup), the reference town hall with a real enrolment code from its admin
 * API, a pseudo-terminal printer answering DLE EOT, a pseudo-terminal scanner, a fake device tree
 * whose /dev/serial/by-id links lead to those pseudo-terminals, and a real PNG logo. It ends with
 * the kiosk switched into normal operation in the same process and a scan printing a ticket.
 */
import { mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type {
  KioskState,
  RequestChannel,
  RequestOf,
  ResponseOf,
} from '../../src-shared/contract/ipc';
import type { Kiosk } from '../../src-main/app/kiosk';
import { startSetup } from '../../src-main/app/start-setup';
import { loadKioskConfig } from '../../src-main/config/load-config';
import { decodeEscPos } from '../../src-main/printer/preview/escpos-decoder';
import { LOGO_MARKER_FILE } from '../../src-main/printer/logo/logo-store';
import { PIN_FILE, PinFile } from '../../src-main/technician/pin-file';
import { startTurneroServer, type TurneroServer } from '../../server/server';
import { parseSeed } from '../../server/seed';
import { firstSyncDone, untilKioskState } from '../support/kiosk-state-wait';
import { sampleLogoPng } from '../support/logo-fixture';
import { openPtyPair, type PtyPair } from '../support/pty-pair';
import {
  openSerialPrinterEmulator,
  type SerialPrinterEmulator,
} from '../support/serial-printer-emulator';
import { makeTempDir } from '../support/temp-dir';

const SITE_NAME = 'Ayuntamiento de Villanueva de la Peña';
const SEED = parseSeed({
  site: { id: 'e2e-sac', name: SITE_NAME, timeZone: 'Europe/Madrid' },
  services: [
    {
      id: 'empadronamiento',
      prefix: 'E',
      names: { es: 'Certificado de empadronamiento', en: 'Certificate of registration' },
      walkInsAllowed: true,
    },
  ],
  appointments: [{ code: 'TRN-7K4P9Q', serviceId: 'empadronamiento', offsetMinutes: 10 }],
});
const PRINTER_ID = 'usb-EPSON_TM-T20III_X6TF012345-if00-port0';
const SCANNER_ID = 'usb-Honeywell_Imaging___Mobility_1900-if00';

async function until<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** One call's value, typed by the contract; fails the test on an IPC error. */
async function call<C extends RequestChannel>(
  kiosk: Kiosk,
  channel: C,
  payload: RequestOf<C> | Record<string, never> = {},
): Promise<ResponseOf<C>> {
  const result = await kiosk.dispatch(channel, payload);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}`);
  return result.value as ResponseOf<C>;
}

/** The answer, checked to be of `expected` outcome (a refusal fails with its reason). */
function as<T extends { outcome: string }, O extends T['outcome']>(
  answer: T,
  expected: O,
): Extract<T, { outcome: O }> {
  expect(answer).toMatchObject({ outcome: expected });
  return answer as Extract<T, { outcome: O }>;
}

describe('the first-run wizard, through the dispatcher', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let townhall: TurneroServer;
  let printerPty: PtyPair;
  let printer: SerialPrinterEmulator;
  let scannerPty: PtyPair;
  let scanner: SerialPort;
  let dev: string;
  let logs: string[];
  const kiosks: Kiosk[] = [];

  const scan = (text: string) =>
    new Promise<void>((resolve, reject) =>
      scanner.write(`${text}\r\n`, (error) =>
        error ? reject(error) : scanner.drain(() => resolve()),
      ),
    );

  const setupKiosk = async (name: string, requestDemo = vi.fn()) => {
    const root = join(dir.path, name);
    mkdirSync(join(root, 'etc'), { recursive: true });
    const kiosk = await startSetup({
      configPath: join(root, 'etc', 'kiosk.json'),
      dataDir: join(root, 'data'),
      offerDemo: false,
      requestDemo,
      log: (line) => logs.push(line),
      env: { TURNERO_DEVICE_ROOT: dev },
    });
    kiosks.push(kiosk);
    return { kiosk, root };
  };

  beforeAll(async () => {
    dir = makeTempDir('setup-wizard');
    logs = [];
    townhall = await startTurneroServer({ port: 0, seed: SEED, log: () => undefined });
    printerPty = await openPtyPair();
    printer = await openSerialPrinterEmulator(printerPty.devicePath, 19200);
    scannerPty = await openPtyPair();
    scanner = await new Promise<SerialPort>((resolve, reject) => {
      const port = new SerialPort({ path: scannerPty.devicePath, baudRate: 9600 }, (error) =>
        error ? reject(error) : resolve(port),
      );
    });
    dev = join(dir.path, 'dev');
    mkdirSync(join(dev, 'serial', 'by-id'), { recursive: true });
    symlinkSync(printerPty.appPath, join(dev, 'serial', 'by-id', PRINTER_ID));
    symlinkSync(scannerPty.appPath, join(dev, 'serial', 'by-id', SCANNER_ID));
  });

  afterAll(async () => {
    for (const kiosk of kiosks) await kiosk.stop();
    if (scanner?.isOpen) await new Promise((resolve) => scanner.close(resolve));
    await printer?.close();
    await scannerPty?.close();
    await printerPty?.close();
    await townhall?.close();
    dir?.remove();
  });

  it('sets up a new totem step by step and switches it into service in place', async () => {
    const { kiosk, root } = await setupKiosk('totem');
    const configPath = join(root, 'etc', 'kiosk.json');
    const dataDir = join(root, 'data');
    writeFileSync(join(root, 'etc', 'escudo.png'), sampleLogoPng());

    // Unconfigured: the screen shows the wizard; a citizen channel answers "not ready".
    expect(await call(kiosk, 'kiosk:get-state')).toMatchObject({ readiness: 'unconfigured' });
    expect(
      await kiosk.dispatch('checkin:submit', { input: 'TRN-7K4P9Q', source: 'touch' }),
    ).toEqual({ ok: false, error: { code: 'kiosk-not-ready' } });
    expect(await call(kiosk, 'setup:get-status')).toMatchObject({
      phase: 'setup',
      configPath,
      draft: {
        language: 'es',
        server: null,
        printer: null,
        scanner: null,
        logo: null,
        pinSet: false,
      },
      credentialStore: { kind: 'file', location: join(dataDir, 'credential') },
    });

    // Language.
    await call(kiosk, 'setup:set-language', { language: 'en' });
    expect(await call(kiosk, 'kiosk:get-state')).toMatchObject({ defaultLanguage: 'en' });

    // Server: a wrong code is refused; the town hall's real code enrols, and is never shown again.
    const request = { baseUrl: townhall.url, siteId: 'e2e-sac', kioskId: 'sac-1' };
    expect(
      await call(kiosk, 'setup:enrol', { ...request, enrolmentCode: 'NOPE-NOPE-NOPE' }),
    ).toMatchObject({ outcome: 'refused', reason: 'code-invalid' });
    const code = await townhall.admin.createEnrolmentCode({ kioskId: 'sac-1' });
    const enrolled = await call(kiosk, 'setup:enrol', { ...request, enrolmentCode: code });
    expect(enrolled).toMatchObject({
      outcome: 'enrolled',
      draft: {
        server: { ...request, siteName: SITE_NAME, timeZone: 'Europe/Madrid' },
      },
    });
    expect(JSON.stringify(enrolled)).not.toContain(code);
    expect(JSON.stringify(await call(kiosk, 'setup:get-status'))).not.toContain(code);
    expect(statSync(join(dataDir, 'credential')).mode & 0o777).toBe(0o600);
    expect(
      (await townhall.admin.devices()).find((device) => device.kioskId === 'sac-1')?.enrolled,
    ).toBe(true);

    // Printer: found under its by-id name, its status read live, a test page printed.
    const devices = await call(kiosk, 'setup:detect-devices');
    const byId = join(dev, 'serial', 'by-id', PRINTER_ID);
    expect(devices.serialPorts).toContainEqual(
      expect.objectContaining({ path: byId, byIdName: PRINTER_ID, device: printerPty.appPath }),
    );
    const transport = `serial:${byId}?baud=19200`;
    expect(
      await call(kiosk, 'setup:choose-printer', { transport, profile: 'epson', paperWidth: 80 }),
    ).toMatchObject({ outcome: 'status', reading: { state: 'ready' } });
    printer.script.status = 'paper-out';
    expect(await call(kiosk, 'setup:printer-status')).toMatchObject({
      reading: { state: 'paper-out' },
    });
    printer.script.status = 'ok';
    expect(await call(kiosk, 'setup:printer-status')).toMatchObject({
      reading: { state: 'ready' },
    });
    expect(await call(kiosk, 'setup:print-test-page')).toMatchObject({ outcome: 'sent' });
    const testPage = await printer.waitForTicket(5000);
    expect(testPage.text).toContain('Printer test page');
    expect(testPage.text).toContain('ñ Ñ á é í ó ú');

    // Scanner: the serial test shows what was read and which form it is.
    const scannerTransport = `serial:${join(dev, 'serial', 'by-id', SCANNER_ID)}?baud=9600`;
    expect(await call(kiosk, 'setup:choose-scanner', { transport: scannerTransport })).toEqual({
      outcome: 'chosen',
    });
    await scan('TRN-7K4P9Q');
    await scan('12345678Z');
    const reads = await until(async () => {
      const answer = as(await call(kiosk, 'setup:scanner-reads', { after: 0 }), 'reads');
      return answer.reads.length >= 2 ? answer.reads : undefined;
    }, 'two test scans');
    expect(reads).toEqual([
      { seq: 1, text: 'TRN-7K4P9Q', form: 'booking-code' },
      { seq: 2, text: '12345678Z', form: 'id-document' },
    ]);
    expect(as(await call(kiosk, 'setup:scanner-reads', { after: 2 }), 'reads').reads).toEqual([]);

    // Logo: offered from beside the configuration, previewed, stored in the printer's NV memory.
    const { files } = await call(kiosk, 'setup:list-logos');
    const logo = join(root, 'etc', 'escudo.png');
    expect(files).toContainEqual({ path: logo, name: 'escudo.png' });
    const preview = as(await call(kiosk, 'setup:preview-logo', { path: logo }), 'preview');
    expect(preview).toMatchObject({ outcome: 'preview', width: 480, height: 160 });
    expect(preview.image).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
    const before = printer.received.length;
    expect(await call(kiosk, 'setup:install-logo', { path: logo })).toMatchObject({
      outcome: 'installed',
      draft: { logo: { width: 480, height: 160, installed: true } },
    });
    // The printer end reads the line after the kiosk has handed the bytes over.
    const definitions = await until(async () => {
      const { nvDefinitions } = decodeEscPos(printer.received.subarray(before));
      return nvDefinitions.length > 0 ? nvDefinitions : undefined;
    }, 'the NV logo definition');
    expect(definitions).toEqual([{ key: 'TL', width: 480, height: 160 }]);
    expect(existsSync(join(dataDir, LOGO_MARKER_FILE))).toBe(true);

    // The technician PIN: an easy one is refused; the other is kept as the technician mode's hash.
    expect(await call(kiosk, 'setup:set-pin', { pin: '123456' })).toEqual({
      outcome: 'refused',
      reason: 'pin-weak',
    });
    expect(await call(kiosk, 'setup:set-pin', { pin: '402913' })).toMatchObject({
      outcome: 'set',
      draft: { pinSet: true },
    });
    expect(await new PinFile(dataDir).matches('402913')).toBe(true);
    expect(readFileSync(join(dataDir, PIN_FILE), 'utf8')).not.toContain('402913');

    // Done: the configuration is written, 0600, and the kiosk runs on it without a restart.
    const states: KioskState[] = [];
    kiosk.onEvent(({ event, payload }) => {
      if (event === 'kiosk:state-changed') states.push(payload as KioskState);
    });
    expect(await call(kiosk, 'setup:finish')).toMatchObject({
      outcome: 'started',
      switchedBy: 'in-place',
      configPath,
    });
    expect(statSync(configPath).mode & 0o777).toBe(0o600);
    const { config } = loadKioskConfig(['--config', configPath], {});
    expect(config).toMatchObject({
      dataDir,
      siteId: 'e2e-sac',
      kioskId: 'sac-1',
      language: 'en',
      api: { baseUrl: townhall.url },
      printer: {
        transport,
        profile: 'epson',
        paperWidth: 80,
        logoFile: join(dataDir, 'printer-logo.png'),
      },
      scanner: { transport: scannerTransport },
    });
    expect(readFileSync(configPath, 'utf8')).not.toContain(code);
    expect(kiosk.config).toMatchObject({ kioskId: 'sac-1' });
    await until(
      async () => states.find((state) => state.readiness !== 'unconfigured'),
      'the switch',
    );
    const ready = await firstSyncDone(kiosk);
    expect(ready).toMatchObject({ readiness: 'ready', siteName: SITE_NAME, kioskId: 'sac-1' });

    // The wizard is closed now: its channels are refused outside a technician session.
    expect(await kiosk.dispatch('setup:get-status', {})).toEqual({
      ok: false,
      error: { code: 'technician-session-required' },
    });

    // The first ticket: scanned on the serial scanner, printed with the NV logo, in English.
    await untilKioskState(kiosk, (state) => state.scanner.connected === true, 'the scanner');
    await scan('TRN-7K4P9Q');
    const ticket = await printer.waitForTicket(10_000);
    expect(ticket.text).toContain('E-001');
    expect(ticket.text).toContain('Certificate of registration');
    expect(ticket.nvLogos).toEqual(['TL']);
  });

  it('will not finish before the server, printer, scanner and PIN are set', async () => {
    const { kiosk } = await setupKiosk('early');
    expect(await call(kiosk, 'setup:finish')).toEqual({
      outcome: 'refused',
      reason: 'steps-missing',
      missing: ['server', 'printer', 'scanner', 'pin'],
    });
    expect(await call(kiosk, 'setup:printer-status')).toMatchObject({
      outcome: 'refused',
      reason: 'printer-not-chosen',
    });
  });

  it('refuses a town hall address in clear over the network before sending anything', async () => {
    const { kiosk } = await setupKiosk('insecure');
    expect(
      await call(kiosk, 'setup:enrol', {
        baseUrl: 'http://turnero.ayto.example.es',
        siteId: 'e2e-sac',
        kioskId: 'sac-9',
        enrolmentCode: 'ABCD-EFGH-JKLM',
      }),
    ).toEqual({ outcome: 'refused', reason: 'server-url-insecure' });
    expect(
      await call(kiosk, 'setup:enrol', {
        baseUrl: townhall.url,
        siteId: 'nowhere',
        kioskId: 'sac-9',
        enrolmentCode: await townhall.admin.createEnrolmentCode({ kioskId: 'sac-9' }),
      }),
    ).toMatchObject({ outcome: 'refused', reason: 'site-unknown' });
  });

  it('offers the demo only when its launcher can run it', async () => {
    const requestDemo = vi.fn();
    const { kiosk } = await setupKiosk('demo', requestDemo);
    expect(await call(kiosk, 'setup:start-demo')).toEqual({
      outcome: 'refused',
      reason: 'demo-not-offered',
    });
    expect(requestDemo).not.toHaveBeenCalled();
  });
});
