import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ConfigError,
  loadConfig,
  loadKioskConfig,
  parseConfig,
} from '../../src-main/config/load-config';
import { parsePrinterTransport, parseScannerTransport } from '../../src-main/config/schema';
import { makeTempDir } from '../support/temp-dir';

describe('configuration', () => {
  let dir: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    dir = makeTempDir('config');
  });
  afterEach(() => dir.remove());

  const write = (document: unknown): string => {
    const file = join(dir.path, 'turnero.json');
    writeFileSync(file, typeof document === 'string' ? document : JSON.stringify(document));
    return file;
  };

  it('gives the technician tools defaults without a file, with no town hall and no demo', () => {
    const { config, source } = loadConfig([], {});
    expect(source).toBeNull();
    expect(config).toMatchObject({
      siteId: 'demo-sac',
      timeZone: 'Europe/Madrid',
      language: 'es',
      printer: { transport: 'virtual', paperWidth: 80, codePage: 'PC858' },
      scanner: { transport: 'keyboard' },
    });
    expect(config.api.baseUrl).toBeUndefined();
  });

  it('refuses to start a kiosk without a file, pointing to the demo commands', () => {
    expect(() => loadKioskConfig([], {})).toThrow(ConfigError);
    expect(() => loadKioskConfig([], {})).toThrow(
      /No configuration: give --config FILE.*npm start/,
    );
  });

  it('refuses to start a kiosk whose file forgets api.baseUrl, naming the field', () => {
    const file = write({ kioskId: 'sac-2' });
    expect(() => loadKioskConfig(['--config', file], {})).toThrow(
      /Invalid configuration in .*turnero\.json: api\.baseUrl: required/,
    );
    expect(
      loadKioskConfig(['--config', write({ api: { baseUrl: 'https://citas.example.es' } })], {})
        .config.api.baseUrl,
    ).toBe('https://citas.example.es');
  });

  it('refuses the retired embedded: demo URL in a file', () => {
    expect(() =>
      loadKioskConfig(['--config', write({ api: { baseUrl: 'embedded:demo' } })], {}),
    ).toThrow(/api\.baseUrl: expected an https URL/);
  });

  it('starts an Easy!Appointments kiosk without api.baseUrl (it names its own server)', () => {
    const file = write({
      api: {
        adapter: 'easy-appointments',
        easyAppointments: {
          baseUrl: 'https://ea.example.es',
          apiToken: 'token-123456',
          siteName: 'SAC',
        },
      },
    });
    expect(loadKioskConfig(['--config', file], {}).config.api.adapter).toBe('easy-appointments');
  });

  it('reads --config FILE, --config=FILE and TURNERO_CONFIG, resolving dataDir beside the file', () => {
    const file = write({
      kioskId: 'sac-2',
      dataDir: 'data',
      printer: { transport: 'tcp://10.0.0.5:9100' },
    });
    for (const [argv, env] of [
      [['--config', file], {}],
      [[`--config=${file}`], {}],
      [[], { TURNERO_CONFIG: file }],
    ] as const) {
      const { config, source } = loadConfig(argv, env);
      expect(source).toBe(file);
      expect(config.kioskId).toBe('sac-2');
      expect(config.dataDir).toBe(join(dir.path, 'data'));
    }
  });

  it.each([
    [{ timeZone: 'Europe/Atlantis' }, /timeZone: unknown IANA time zone/],
    [{ printer: { transport: 'lpt1' } }, /printer\.transport: expected "virtual"/],
    [{ printer: { paperWidth: 76 } }, /printer\.paperWidth/],
    [{ scanner: { transport: 'serial:ttyACM0' } }, /scanner\.transport/],
    [{ api: { baseUrl: 'ftp://townhall' } }, /api\.baseUrl/],
    [{ api: { baseUrl: 'http://citas.ayto.example.es/' } }, /api\.baseUrl: .*https URL/],
    [{ kioskId: '../../etc' }, /kioskId/],
    [{ printr: {} }, /printr|Unrecognized key/],
  ])('refuses %j naming the bad field', (document, message) => {
    const file = write(document);
    expect(() => loadConfig(['--config', file], {})).toThrow(ConfigError);
    expect(() => loadConfig(['--config', file], {})).toThrow(message);
  });

  it('takes an Easy!Appointments back end only with its settings', () => {
    expect(() => parseConfig({ api: { adapter: 'easy-appointments' } }, null)).toThrow(
      /api\.easyAppointments: adapter "easy-appointments" needs/,
    );
    const config = parseConfig(
      {
        api: {
          adapter: 'easy-appointments',
          easyAppointments: {
            baseUrl: 'https://citas.ayto.example.es/index.php/api/v1',
            apiToken: 'secret-token',
            siteName: 'SAC',
            servicePrefixes: { '7': 'E' },
          },
        },
      },
      null,
    );
    expect(config.api.easyAppointments).toMatchObject({
      checkedInStatus: 'Checked-in',
      pageLength: 200,
    });
    expect(() =>
      parseConfig(
        { api: { adapter: 'easy-appointments', easyAppointments: { baseUrl: 'x' } } },
        null,
      ),
    ).toThrow(/api\.easyAppointments\.baseUrl/);
  });

  it('refuses a file that is missing or not JSON', () => {
    expect(() => loadConfig(['--config', join(dir.path, 'nope.json')], {})).toThrow(
      /Cannot read.*ENOENT/,
    );
    expect(() => loadConfig(['--config', write('{ "siteId": ')], {})).toThrow(/not valid JSON/);
    expect(() => loadConfig(['--config'], {})).toThrow(/needs a file path/);
  });

  it('parses device transports', () => {
    expect(parsePrinterTransport('serial:/dev/ttyUSB0?baud=9600')).toEqual({
      kind: 'serial',
      path: '/dev/ttyUSB0',
      baud: 9600,
      dataBits: 8,
      parity: 'none',
      stopBits: 1,
      flow: 'none',
      dtr: 'on',
    });
    expect(
      parsePrinterTransport(
        'serial:/dev/ttyS0?baud=38400&dataBits=7&parity=even&stopBits=2&flow=rtscts&dtr=off',
      ),
    ).toEqual({
      kind: 'serial',
      path: '/dev/ttyS0',
      baud: 38400,
      dataBits: 7,
      parity: 'even',
      stopBits: 2,
      flow: 'rtscts',
      dtr: 'off',
    });
    expect(parsePrinterTransport('serial:/dev/ttyS0?flow=cts')).toBeNull();
    expect(parsePrinterTransport('serial:/dev/ttyS0?dataBits=6')).toBeNull();
    expect(parsePrinterTransport('serial:/dev/ttyS0?speed=9600')).toBeNull();
    expect(parsePrinterTransport('serial:/dev/ttyUSB0')).toMatchObject({ baud: 19200 });
    expect(parsePrinterTransport('tcp://192.168.1.40')).toEqual({
      kind: 'tcp',
      host: '192.168.1.40',
      port: 9100,
    });
    expect(parsePrinterTransport('usblp:/dev/usb/lp0')).toEqual({
      kind: 'usblp',
      path: '/dev/usb/lp0',
    });
    expect(parsePrinterTransport('serial:/dev/ttyUSB0?baud=fast')).toBeNull();
    expect(parseScannerTransport('serial:/dev/ttyACM0?baud=115200')).toMatchObject({
      baud: 115200,
    });
    expect(parseScannerTransport('camera')).toBeNull();
    expect(
      parseConfig({ printer: { transport: 'tcp://[::1]:9101' } }, null).printer.transport,
    ).toBe('tcp://[::1]:9101');
  });
});
