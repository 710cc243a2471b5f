/**
 * The settings the technician's settings panel edits, how each is asked for (bounds mirror
 * config/schema.ts, which still validates every value), and which settings take effect at once.
 * A setting takes effect at once when every part that uses it reads the settings service when it
 * acts or follows its change event; the others are written now and used from the next start.
 */
import { LanguageSchema, type LocalizedText } from '../../src-shared/domain/language';
import type {
  SettingApplies,
  SettingGroup,
  SettingInput,
} from '../../src-shared/contract/technician';

export interface EditableSetting {
  path: string;
  group: SettingGroup;
  /** The input; the walk-in services come from the site's catalogue at the time. */
  input(services: readonly { id: string; names: LocalizedText }[]): SettingInput;
}

const integer =
  (min: number, max: number, unit: 'minutes' | 'seconds' | 'tickets' | 'percent' | 'calls') => () =>
    ({ kind: 'integer', min, max, unit }) as const;

export const EDITABLE_SETTINGS: readonly EditableSetting[] = [
  { path: 'checkIn.minutesBefore', group: 'checkIn', input: integer(0, 720, 'minutes') },
  { path: 'checkIn.minutesAfter', group: 'checkIn', input: integer(0, 720, 'minutes') },
  {
    path: 'walkIn.hiddenServices',
    group: 'walkIn',
    input: (services) => ({ kind: 'hidden-services', services: [...services] }),
  },
  { path: 'walkIn.priorityEnabled', group: 'walkIn', input: () => ({ kind: 'boolean' }) },
  { path: 'walkIn.showRemainingBelow', group: 'walkIn', input: integer(0, 999, 'tickets') },
  {
    path: 'printer.qrUrl',
    group: 'ticket',
    input: () => ({ kind: 'text', maxLength: 300, nullable: true }),
  },
  {
    path: 'language',
    group: 'languages',
    input: () => ({ kind: 'language', options: [...LanguageSchema.options] }),
  },
  {
    path: 'citizen.languages',
    group: 'languages',
    input: () => ({ kind: 'languages', options: [...LanguageSchema.options] }),
  },
  { path: 'citizen.outcomeSeconds', group: 'citizen', input: integer(5, 600, 'seconds') },
  { path: 'citizen.idleSeconds', group: 'citizen', input: integer(10, 600, 'seconds') },
  { path: 'citizen.warningSeconds', group: 'citizen', input: integer(5, 120, 'seconds') },
  {
    path: 'branding.siteName',
    group: 'branding',
    input: () => ({ kind: 'text', maxLength: 80, nullable: true }),
  },
  { path: 'branding.headerColor', group: 'branding', input: () => ({ kind: 'colour' }) },
  { path: 'branding.actionColor', group: 'branding', input: () => ({ kind: 'colour' }) },
  // The lobby screen's look and sound (docs/lobby-screen.md); its display and quiet hours are
  // set in the configuration file.
  { path: 'lobby.chime', group: 'lobby', input: () => ({ kind: 'boolean' }) },
  { path: 'lobby.volumePercent', group: 'lobby', input: integer(0, 100, 'percent') },
  { path: 'lobby.speakTicketLanguage', group: 'lobby', input: () => ({ kind: 'boolean' }) },
  { path: 'lobby.highContrast', group: 'lobby', input: () => ({ kind: 'boolean' }) },
  { path: 'lobby.recentCount', group: 'lobby', input: integer(0, 12, 'calls') },
];

export function editableSetting(path: string): EditableSetting | undefined {
  return EDITABLE_SETTINGS.find((setting) => setting.path === path);
}

/**
 * Fields (or whole sections, ending in '.') that take effect without a restart: the check-in
 * service reads the window and the QR URL at each check-in, the sync engine the poll interval
 * at each scheduling; the kiosk state follows the citizen, language, branding and keyboard
 * settings to the screen; the walk-in screen reads its section when it opens; the lobby relay
 * sends the lobby pages a new snapshot when the screen's options change.
 */
const LIVE: readonly string[] = [
  'checkIn.',
  'walkIn.',
  'printer.qrUrl',
  'citizen.',
  'language',
  'branding.',
  'api.pollSeconds',
  'scanner.keyboardLayout',
  'scanner.wedgeMaxGapMs',
  'lobby.orientation',
  'lobby.chime',
  'lobby.volumePercent',
  'lobby.quietHours',
  'lobby.speakTicketLanguage',
  'lobby.highContrast',
  'lobby.recentCount',
];

export function appliesOf(path: string): SettingApplies {
  const live = LIVE.some((entry) =>
    entry.endsWith('.') ? path.startsWith(entry) : path === entry,
  );
  return live ? 'live' : 'restart';
}
