/**
 * The technician's settings changes and settings files, on a real settings service, a real
 * technician layer file and a SQLite audit log: validated by the configuration schema, refused
 * whole (naming each field) or applied and audited old → new; remote settings untouchable;
 * exports without secrets or identity; imports checked before anything changes.
 */
import { readFileSync, statSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src-main/config/load-config';
import { SettingsService } from '../../src-main/settings/settings-service';
import { openStore, type Store } from '../../src-main/store/store';
import { AuditLog } from '../../src-main/technician/audit-log';
import { ConfigTransfer } from '../../src-main/technician/config-transfer';
import { SettingsEditor } from '../../src-main/technician/settings-editor';
import { TechnicianLayerFile } from '../../src-main/technician/technician-layer-file';
import { makeTempDir } from '../support/temp-dir';

const ENROLMENT_CODE = 'SECRET-ENROL-7731';

function fileConfig() {
  return parseConfig(
    {
      siteId: 'sac-centro',
      kioskId: 'totem-3',
      api: {
        baseUrl: 'http://127.0.0.1:8085',
        enrolmentCode: ENROLMENT_CODE,
        credentialFile: '/var/lib/turnero/credential',
      },
      numbering: { reservedRange: { first: 930, last: 959 } },
      checkIn: { minutesBefore: 30 },
    },
    null,
  );
}

describe('technician settings', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let store: Store;
  let settings: SettingsService;
  let layerFile: TechnicianLayerFile;
  let editor: SettingsEditor;
  let transfer: ConfigTransfer;

  beforeEach(() => {
    dir = makeTempDir('settings');
    store = openStore(':memory:');
    settings = new SettingsService(fileConfig());
    layerFile = new TechnicianLayerFile(dir.path);
    const audit = new AuditLog(store.technicianAudit, () => new Date('2026-11-30T09:00:00Z'));
    editor = new SettingsEditor({
      settings,
      layerFile,
      audit,
      services: () => [{ id: 'padron', names: { es: 'Padrón' } }],
    });
    transfer = new ConfigTransfer({
      settings,
      editor,
      audit,
      kioskId: 'totem-3',
      now: () => new Date('2026-11-30T09:00:00Z'),
    });
  });
  afterEach(() => {
    store.close();
    dir.remove();
  });

  const auditRows = () => store.technicianAudit.list({ limit: 200 }).entries.reverse();

  it('shows each editable setting with its value, source and whether it needs a restart', () => {
    const view = editor.view();
    expect(view.settings.find((entry) => entry.path === 'checkIn.minutesBefore')).toEqual({
      path: 'checkIn.minutesBefore',
      group: 'checkIn',
      value: 30,
      source: 'file',
      applies: 'live',
      input: { kind: 'integer', min: 0, max: 720, unit: 'minutes' },
    });
    expect(view.settings.find((entry) => entry.path === 'walkIn.hiddenServices')?.input).toEqual({
      kind: 'hidden-services',
      services: [{ id: 'padron', names: { es: 'Padrón' } }],
    });
    expect(view.settings.map((entry) => entry.path)).not.toContain('api.enrolmentCode');
  });

  it('applies valid changes at once, keeps them in a 0600 file, and audits old → new', () => {
    const outcome = editor.apply(
      [
        { path: 'checkIn.minutesBefore', value: 45 },
        { path: 'citizen.languages', value: ['es', 'en'] },
        { path: 'branding.headerColor', value: '#1A237E' },
      ],
      'card:TEC-0042',
    );
    expect(outcome).toEqual({
      outcome: 'applied',
      changes: [
        { path: 'checkIn.minutesBefore', from: '30', to: '45', applies: 'live' },
        {
          path: 'citizen.languages',
          from: '["es","en","fr","de"]',
          to: '["es","en"]',
          applies: 'live',
        },
        { path: 'branding.headerColor', from: 'null', to: '"#1a237e"', applies: 'live' },
      ],
    });
    expect(settings.current.checkIn.minutesBefore).toBe(45);
    expect(settings.sourceOf('checkIn.minutesBefore')).toBe('technician');
    expect(statSync(layerFile.file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(layerFile.file, 'utf8'))).toEqual({
      checkIn: { minutesBefore: 45 },
      citizen: { languages: ['es', 'en'] },
      branding: { headerColor: '#1A237E' },
    });
    expect(
      auditRows().map(({ actor, action, path, from, to }) => [actor, action, path, from, to]),
    ).toEqual([
      ['card:TEC-0042', 'setting-changed', 'checkIn.minutesBefore', '30', '45'],
      [
        'card:TEC-0042',
        'setting-changed',
        'citizen.languages',
        '["es","en","fr","de"]',
        '["es","en"]',
      ],
      ['card:TEC-0042', 'setting-changed', 'branding.headerColor', 'null', '"#1a237e"'],
    ]);
  });

  it('refuses the whole change when one field is wrong, naming each, and changes nothing', () => {
    const outcome = editor.apply(
      [
        { path: 'checkIn.minutesBefore', value: 45 },
        { path: 'checkIn.minutesAfter', value: 5000 },
        { path: 'citizen.idleSeconds', value: 'soon' },
        { path: 'branding.actionColor', value: '#ffee58' },
      ],
      'technician',
    );
    expect(outcome).toEqual({
      outcome: 'refused',
      issues: expect.arrayContaining([
        { path: 'checkIn.minutesAfter', code: 'too-big', params: { maximum: '720' } },
        { path: 'citizen.idleSeconds', code: 'invalid-type', params: { expected: 'number' } },
        { path: 'branding.actionColor', code: 'low-contrast' },
      ]),
    });
    // Rules across fields are checked once every field is valid on its own.
    expect(
      editor.apply([{ path: 'citizen.languages', value: ['en', 'fr'] }], 'technician'),
    ).toEqual({
      outcome: 'refused',
      issues: [{ path: 'citizen.languages', code: 'default-language-missing' }],
    });
    expect(settings.current.checkIn.minutesBefore).toBe(30);
    expect(() => statSync(layerFile.file)).toThrow();
    expect(auditRows()).toEqual([]);
  });

  it('never changes what the town hall manages, nor what the mode does not edit', () => {
    settings.applyRemote({ checkInWindow: { minutesBefore: 15, minutesAfter: 10 } });
    const view = editor.view().settings.find((entry) => entry.path === 'checkIn.minutesBefore');
    expect(view).toMatchObject({ value: 15, source: 'remote' });
    expect(
      editor.apply(
        [
          { path: 'checkIn.minutesBefore', value: 45 },
          { path: 'api.baseUrl', value: 'https://evil.example' },
        ],
        'technician',
      ),
    ).toEqual({
      outcome: 'refused',
      issues: [
        { path: 'checkIn.minutesBefore', code: 'remote-managed' },
        { path: 'api.baseUrl', code: 'not-editable' },
      ],
    });
    expect(settings.current.checkIn.minutesBefore).toBe(15);
  });

  it('exports the settings without secrets or this kiosk’s identity', () => {
    const exported = transfer.export('technician');
    expect(exported.fileName).toBe('turnero-settings-totem-3-2026-11-30.json');
    const document = JSON.parse(exported.content) as { settings: Record<string, unknown> };
    expect(document).toMatchObject({
      format: 'turnero-settings',
      version: 1,
      exportedFrom: 'totem-3',
    });
    expect(exported.content).not.toContain(ENROLMENT_CODE);
    expect(exported.content).not.toContain('credential');
    expect(Object.keys(document.settings)).not.toEqual(expect.arrayContaining(['kioskId']));
    for (const key of ['kioskId', 'siteId', 'dataDir', 'numbering']) {
      expect(document.settings).not.toHaveProperty(key);
    }
    expect(document.settings).toMatchObject({
      checkIn: { minutesBefore: 30 },
      api: { baseUrl: 'http://127.0.0.1:8085' },
    });
    expect(auditRows().map((row) => row.action)).toEqual(['config-exported']);
  });

  it('refuses a bad file naming the field, and changes nothing', () => {
    const exported = JSON.parse(transfer.export('technician').content) as {
      settings: Record<string, Record<string, unknown>>;
    };
    const withSettings = (settingsPatch: Record<string, unknown>) =>
      JSON.stringify({ ...exported, settings: { ...exported.settings, ...settingsPatch } });

    expect(transfer.preview('{"format": ')).toEqual({
      outcome: 'invalid',
      issues: [{ path: '', code: 'not-json' }],
    });
    expect(transfer.preview(JSON.stringify({ settings: {} }))).toEqual({
      outcome: 'invalid',
      issues: [{ path: '', code: 'wrong-format' }],
    });
    expect(transfer.preview(withSettings({ kioskId: 'totem-9' }))).toEqual({
      outcome: 'invalid',
      issues: [{ path: 'settings.kioskId', code: 'not-importable' }],
    });
    expect(
      transfer.preview(
        withSettings({ api: { ...exported.settings.api, enrolmentCode: 'X-1234567' } }),
      ),
    ).toEqual({
      outcome: 'invalid',
      issues: [{ path: 'settings.api.enrolmentCode', code: 'not-importable' }],
    });
    const tooSmall = withSettings({ citizen: { ...exported.settings.citizen, warningSeconds: 1 } });
    expect(transfer.preview(tooSmall)).toEqual({
      outcome: 'invalid',
      issues: [
        { path: 'settings.citizen.warningSeconds', code: 'too-small', params: { minimum: '5' } },
      ],
    });
    expect(transfer.import(tooSmall, 'technician')).toMatchObject({ outcome: 'refused' });
    expect(settings.current.citizen.warningSeconds).toBe(20);
    expect(() => statSync(layerFile.file)).toThrow();
    expect(auditRows().map(({ action, path, from, to }) => [action, path, from, to])).toEqual([
      ['config-exported', null, null, null],
      ['config-import-refused', 'settings.citizen.warningSeconds', null, null],
    ]);
  });

  it('imports a good file after showing its changes, leaving the town hall’s fields alone', () => {
    settings.applyRemote({ pollSeconds: 15 });
    const exported = JSON.parse(transfer.export('technician').content) as {
      settings: Record<string, Record<string, unknown>>;
    };
    const file = JSON.stringify({
      ...exported,
      settings: {
        ...exported.settings,
        api: { ...exported.settings.api, pollSeconds: 300 },
        printer: { ...exported.settings.printer, transport: 'tcp://10.0.0.7:9100' },
        walkIn: { ...exported.settings.walkIn, priorityEnabled: true },
      },
    });
    expect(transfer.preview(file)).toEqual({
      outcome: 'valid',
      changes: [
        {
          path: 'printer.transport',
          from: '"virtual"',
          to: '"tcp://10.0.0.7:9100"',
          applies: 'restart',
        },
        { path: 'walkIn.priorityEnabled', from: 'false', to: 'true', applies: 'live' },
      ],
      remoteManaged: ['api.pollSeconds'],
    });
    expect(transfer.import(file, 'technician')).toMatchObject({ outcome: 'applied' });
    expect(settings.current.walkIn.priorityEnabled).toBe(true);
    expect(settings.current.api.pollSeconds).toBe(15);
    expect(settings.current.printer.transport).toBe('tcp://10.0.0.7:9100');
    expect(
      auditRows()
        .filter((row) => row.action === 'config-imported')
        .map((row) => row.path),
    ).toEqual(['printer.transport', 'walkIn.priorityEnabled']);
  });

  it('never writes a secret to the audit log, whatever it is asked to', () => {
    const audit = new AuditLog(store.technicianAudit);
    audit.write({
      actor: 'technician',
      action: 'setting-changed',
      path: 'api.enrolmentCode',
      from: null,
      to: ENROLMENT_CODE,
    });
    audit.write({ actor: 'technician', action: 'pin-changed', from: '246810', to: '975310' });
    const rows = JSON.stringify(store.technicianAudit.list({ limit: 10 }));
    expect(rows).not.toContain(ENROLMENT_CODE);
    expect(rows).not.toContain('246810');
    expect(rows).not.toContain('975310');
  });

  it('forgets audit entries older than a year', () => {
    let now = new Date('2025-11-01T09:00:00Z');
    const audit = new AuditLog(store.technicianAudit, () => now);
    audit.write({ actor: 'technician', action: 'session-opened' });
    now = new Date('2026-11-30T09:00:00Z');
    audit.write({ actor: 'technician', action: 'session-closed' });
    expect(store.technicianAudit.list({ limit: 10 }).entries.map((entry) => entry.action)).toEqual([
      'session-closed',
    ]);
  });
});
