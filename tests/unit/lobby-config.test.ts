import { describe, expect, it } from 'vitest';
import {
  changesLobbyOptions,
  LobbyConfigSchema,
  lobbyOptionsOf,
} from '../../src-main/config/lobby-config';
import { parseConfig } from '../../src-main/config/load-config';
import { appliesOf, editableSetting } from '../../src-main/technician/editable-settings';
import { LANGUAGES } from '../../src-shared/i18n/catalogs';
import { translator } from '../../src-shared/i18n/translator';
import {
  settingGroupKey,
  settingLabelKey,
  settingUnitKey,
} from '../../src-renderer/technician/panels/setting-texts';

const BASE = { siteId: 'sac', api: { baseUrl: 'https://townhall.example' } };

describe('the kiosk’s lobby configuration', () => {
  it('has no lobby window by default, and the screen’s own defaults', () => {
    const lobby = parseConfig(BASE, null).lobby;
    expect(lobby.display).toBeNull();
    expect(lobbyOptionsOf(lobby)).toMatchObject({
      chime: true,
      volume: 1,
      speakTicketLanguage: true,
      highContrast: false,
      recentCount: 6,
    });
  });

  it('takes a display number or an Electron display id, and nothing else', () => {
    expect(LobbyConfigSchema.parse({ display: 1 }).display).toBe(1);
    expect(LobbyConfigSchema.parse({ display: 'id:2528732444' }).display).toBe('id:2528732444');
    for (const display of [-1, 16, 1.5, 'HDMI-1', 'id:', true]) {
      expect(LobbyConfigSchema.safeParse({ display }).success).toBe(false);
    }
    expect(LobbyConfigSchema.safeParse({ volumePercent: 101 }).success).toBe(false);
    expect(LobbyConfigSchema.safeParse({ quietHours: { mon: ['09:00'] } }).success).toBe(false);
    expect(LobbyConfigSchema.safeParse({ loud: true }).success).toBe(false);
  });

  it('maps the volume in percent and the quiet hours to the screen’s options', () => {
    const options = lobbyOptionsOf(
      LobbyConfigSchema.parse({ volumePercent: 35, quietHours: { sun: ['00:00-24:00'] } }),
    );
    expect(options.volume).toBe(0.35);
    expect(options.quietHours.sun).toEqual(['00:00-24:00']);
  });

  it('lets the technician change the look and sound live, not the display', () => {
    for (const path of ['lobby.chime', 'lobby.volumePercent', 'lobby.highContrast']) {
      expect(editableSetting(path)?.group).toBe('lobby');
      expect(appliesOf(path)).toBe('live');
    }
    expect(editableSetting('lobby.display')).toBeUndefined();
    expect(appliesOf('lobby.display')).toBe('restart');
    expect(changesLobbyOptions(['lobby.display'])).toBe(false);
    expect(changesLobbyOptions(['citizen.idleSeconds', 'lobby.recentCount'])).toBe(true);
  });
});

describe('the lobby settings’ texts in the technician’s panel', () => {
  it('has a label for every lobby setting, its group and its unit, in every language', () => {
    const lobbyPaths = [
      'chime',
      'volumePercent',
      'speakTicketLanguage',
      'highContrast',
      'recentCount',
    ];
    for (const language of LANGUAGES) {
      const t = translator(language);
      const keys = [
        settingGroupKey('lobby'),
        settingUnitKey('percent'),
        settingUnitKey('calls'),
        ...lobbyPaths.map((field) => settingLabelKey(`lobby.${field}`)),
      ];
      for (const key of keys) expect(t(key), `${language}: ${key}`).not.toBe(key);
      // The others still come from the technician area.
      expect(settingLabelKey('checkIn.minutesBefore')).toBe(
        'technician.settings.fields.checkIn.minutesBefore',
      );
    }
  });
});
