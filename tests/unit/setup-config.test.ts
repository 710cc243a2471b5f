/**
 * What decides setup mode from the command line, and the configuration file the wizard writes:
 * validated by ConfigSchema before a byte is written, 0600, read back by the kiosk as it was
 * set, the enrolment code never in it.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SetupDraft } from '../../src-shared/contract/setup';
import { ConfigError, loadKioskConfig } from '../../src-main/config/load-config';
import {
  configDocumentOf,
  isComplete,
  writeConfigFile,
  type CompleteDraft,
} from '../../src-main/setup/config-file';
import {
  defaultConfigPath,
  OFFER_DEMO_FLAG,
  planLaunch,
  SETUP_FLAG,
} from '../../src-main/setup/launch-plan';
import { makeTempDir } from '../support/temp-dir';

const DRAFT: CompleteDraft = {
  language: 'fr',
  server: {
    baseUrl: 'https://turnero.ayto.example.es',
    siteId: 'sac-centro',
    kioskId: 'totem-entrada-1',
    siteName: 'Ayuntamiento de Villanueva de la Peña',
    timeZone: 'Atlantic/Canary',
  },
  printer: {
    transport: 'serial:/dev/serial/by-id/usb-EPSON_TM-T20III-if00-port0?baud=38400',
    profile: 'star',
    paperWidth: 58,
    testPagePrinted: true,
  },
  scanner: { transport: 'serial:/dev/ttyACM0?baud=9600', testScans: 3 },
  logo: null,
  pinSet: true,
};

describe('setup mode and the configuration it writes', () => {
  let dir: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    dir = makeTempDir('setup-config');
  });
  afterEach(() => dir.remove());

  describe('launch plan', () => {
    it('runs the wizard for a configuration file that does not exist yet', () => {
      const file = join(dir.path, 'kiosk.json');
      expect(planLaunch(['--config', file], {})).toEqual({
        mode: 'setup',
        configPath: file,
        offerDemo: false,
      });
      expect(planLaunch([], { TURNERO_CONFIG: file })).toMatchObject({ mode: 'setup' });
    });

    it('runs the kiosk on a file that exists, and still stops on a bad one', () => {
      const file = join(dir.path, 'kiosk.json');
      writeFileSync(file, JSON.stringify({ api: { baseUrl: 'https://turnero.example.es' } }));
      expect(planLaunch(['--config', file], {})).toMatchObject({ mode: 'kiosk', source: file });
      writeFileSync(file, JSON.stringify({ kioskId: 'sac-2' }));
      expect(() => planLaunch(['--config', file], {})).toThrow(/api\.baseUrl: required/);
    });

    it('runs the wizard with --setup even over an existing file, at the default path without --config', () => {
      const file = join(dir.path, 'kiosk.json');
      writeFileSync(file, JSON.stringify({ api: { baseUrl: 'https://turnero.example.es' } }));
      expect(planLaunch(['--config', file, SETUP_FLAG, OFFER_DEMO_FLAG], {})).toEqual({
        mode: 'setup',
        configPath: file,
        offerDemo: true,
      });
      const env = { XDG_CONFIG_HOME: join(dir.path, 'xdg') };
      expect(planLaunch([SETUP_FLAG], env)).toMatchObject({
        configPath: join(dir.path, 'xdg', 'turnero', 'kiosk.json'),
      });
      expect(defaultConfigPath(env)).toBe(join(dir.path, 'xdg', 'turnero', 'kiosk.json'));
    });

    it('still refuses to start with no configuration at all, pointing to --setup and the demo', () => {
      expect(() => planLaunch([], {})).toThrow(ConfigError);
      expect(() => planLaunch([], {})).toThrow(/--setup.*npm start/);
    });
  });

  describe('configuration file', () => {
    it('makes a configuration only with the server, printer and scanner steps done', () => {
      expect(isComplete(DRAFT)).toBe(true);
      const withoutScanner: SetupDraft = { ...DRAFT, scanner: null };
      expect(isComplete(withoutScanner)).toBe(false);
    });

    it('writes what was set, 0600, and the kiosk reads the same back', () => {
      const file = join(dir.path, 'etc', 'kiosk.json');
      const dataDir = join(dir.path, 'data');
      const logoFile = join(dataDir, 'printer-logo.png');
      const written = writeConfigFile(file, configDocumentOf(DRAFT, { dataDir, logoFile }));
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const { config } = loadKioskConfig(['--config', file], {});
      expect(config).toEqual(written);
      expect(config).toMatchObject({
        dataDir,
        siteId: 'sac-centro',
        kioskId: 'totem-entrada-1',
        timeZone: 'Atlantic/Canary',
        language: 'fr',
        api: { baseUrl: 'https://turnero.ayto.example.es', adapter: 'turnero' },
        printer: {
          transport: DRAFT.printer.transport,
          profile: 'star',
          paperWidth: 58,
          logoFile,
        },
        scanner: { transport: 'serial:/dev/ttyACM0?baud=9600' },
      });
      // Nothing else is pinned: every other field keeps its documented default.
      const document = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      expect(Object.keys(document).sort()).toEqual(
        [
          'api',
          'dataDir',
          'kioskId',
          'language',
          'printer',
          'scanner',
          'siteId',
          'timeZone',
        ].sort(),
      );
      expect(JSON.stringify(document)).not.toMatch(/enrolment/i);
    });

    it('writes nothing when the schema refuses the document, naming the field', () => {
      const file = join(dir.path, 'kiosk.json');
      const bad = { ...DRAFT, server: { ...DRAFT.server, timeZone: 'Mars/Olympus' } };
      expect(() =>
        writeConfigFile(file, configDocumentOf(bad, { dataDir: dir.path, logoFile: null })),
      ).toThrow(/timeZone: unknown IANA time zone/);
      expect(existsSync(file)).toBe(false);
    });

    it('keeps the file it replaces as .previous', () => {
      const file = join(dir.path, 'kiosk.json');
      writeFileSync(file, '{"api":{"baseUrl":"https://old.example.es"}}');
      writeConfigFile(file, configDocumentOf(DRAFT, { dataDir: dir.path, logoFile: null }));
      expect(readFileSync(`${file}.previous`, 'utf8')).toContain('old.example.es');
      expect(readFileSync(file, 'utf8')).toContain('turnero.ayto.example.es');
    });
  });
});
