/**
 * The catalog keys of a setting's texts. The lobby screen's settings have an area of their own
 * (`lobbySettings`); the others are under `technician.settings`.
 */
import type { SettingGroup, SettingInput } from '../../../src-shared/contract/technician';

type Unit = Extract<SettingInput, { kind: 'integer' }>['unit'];

const LOBBY_PREFIX = 'lobby.';

export const settingLabelKey = (path: string): string =>
  path.startsWith(LOBBY_PREFIX)
    ? `lobbySettings.fields.${path.slice(LOBBY_PREFIX.length)}`
    : `technician.settings.fields.${path}`;

export const settingGroupKey = (group: SettingGroup): string =>
  group === 'lobby' ? 'lobbySettings.group' : `technician.settings.groups.${group}`;

export const settingUnitKey = (unit: Unit): string =>
  unit === 'percent' || unit === 'calls'
    ? `lobbySettings.units.${unit}`
    : `technician.settings.units.${unit}`;
