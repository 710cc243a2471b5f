import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src-main/config/load-config';
import { SettingsService, type SettingsChange } from '../../src-main/settings/settings-service';

const fileConfig = () =>
  parseConfig(
    { api: { baseUrl: 'http://127.0.0.1:8085', pollSeconds: 60 }, checkIn: { minutesBefore: 30 } },
    null,
  );

function service() {
  const log: string[] = [];
  const settings = new SettingsService(fileConfig(), (line) => log.push(line));
  const changes: SettingsChange[] = [];
  settings.onChange((change) => changes.push(change));
  return { settings, changes, log };
}

describe('SettingsService', () => {
  it('starts from the file and reports each field by its source', () => {
    const { settings } = service();
    expect(settings.current.checkIn).toEqual({ minutesBefore: 30, minutesAfter: 60 });
    expect(settings.sourceOf('checkIn.minutesBefore')).toBe('file');
  });

  it('lays the remote configuration over the file, with one change event naming the fields', () => {
    const { settings, changes } = service();
    settings.applyRemote({
      pollSeconds: 15,
      checkInWindow: { minutesBefore: 10, minutesAfter: 5 },
      ticketQrUrl: 'https://ayto.example.es/t/{ticketId}',
    });
    expect(settings.current.api.pollSeconds).toBe(15);
    expect(settings.current.checkIn).toEqual({ minutesBefore: 10, minutesAfter: 5 });
    expect(settings.current.printer.qrUrl).toBe('https://ayto.example.es/t/{ticketId}');
    expect(changes).toHaveLength(1);
    expect([...(changes[0]?.changed ?? [])].sort()).toEqual([
      'api.pollSeconds',
      'checkIn.minutesAfter',
      'checkIn.minutesBefore',
      'printer.qrUrl',
    ]);
    expect(changes[0]?.previous.api.pollSeconds).toBe(60);
    expect(settings.sourceOf('api.pollSeconds')).toBe('remote');
  });

  it('says nothing when a layer changes nothing', () => {
    const { settings, changes } = service();
    settings.applyRemote({ pollSeconds: 60 });
    settings.applyRemote({ pollSeconds: 60 });
    expect(changes).toHaveLength(0);
  });

  it('goes back to the file values when the remote layer is withdrawn', () => {
    const { settings, changes } = service();
    settings.applyRemote({ pollSeconds: 15 });
    settings.applyRemote(null);
    expect(settings.current.api.pollSeconds).toBe(60);
    expect(changes.map((change) => change.changed)).toEqual([
      ['api.pollSeconds'],
      ['api.pollSeconds'],
    ]);
  });

  it('refuses an invalid remote field, keeps the valid ones, and logs why', () => {
    const { settings, log } = service();
    settings.applyRemote({
      pollSeconds: 20,
      ticketQrUrl: 'javascript:alert(1)',
    });
    expect(settings.current.api.pollSeconds).toBe(20);
    expect(settings.current.printer.qrUrl).toBeNull();
    expect(log.join('\n')).toMatch(/remote printer\.qrUrl ignored/);
  });

  it('lets the town hall win over a technician change of the same field', () => {
    const { settings } = service();
    settings.applyTechnician({ checkIn: { minutesBefore: 45 } });
    expect(settings.current.checkIn.minutesBefore).toBe(45);
    expect(settings.sourceOf('checkIn.minutesBefore')).toBe('technician');
    settings.applyRemote({ checkInWindow: { minutesBefore: 10, minutesAfter: 5 } });
    expect(settings.current.checkIn.minutesBefore).toBe(10);
    expect(settings.sourceOf('checkIn.minutesBefore')).toBe('remote');
    settings.applyRemote(null);
    expect(settings.current.checkIn.minutesBefore).toBe(45);
  });

  it('refuses a technician change that the schema refuses, changing nothing', () => {
    const { settings, changes } = service();
    settings.applyTechnician({ printer: { paperWidth: 66 } });
    expect(settings.current.printer.paperWidth).toBe(80);
    expect(changes).toHaveLength(0);
  });
});
