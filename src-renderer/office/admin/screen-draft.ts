/**
 * A lobby screen's form as typed (texts, checkboxes) and its way to the request the server
 * takes, checked with the server's own zod schema so that a bad value gets its own message
 * before anything is sent. Quiet hours are typed per weekday as ranges separated by commas
 * (`13:30-16:00, 20:00-24:00`): the lobby's WeeklyHours, the one rule the screen applies.
 */
import {
  LobbyOptionsSchema,
  type LobbyOptions,
  type LobbyOrientation,
} from '../../../src-shared/contract/lobby';
import { UpdateScreenRequestSchema } from '../../../src-shared/contract/office-screens';
import type { Weekday } from '../../../src-shared/domain/weekly-hours';

/** The office's week starts on Monday. */
export const WEEK: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export interface ScreenDraft {
  name: string;
  orientation: LobbyOrientation;
  highContrast: boolean;
  chime: boolean;
  volumePercent: string;
  speakTicketLanguage: boolean;
  recentCount: string;
  quietHours: Record<Weekday, string>;
}

export const draftOf = (name: string, options: LobbyOptions): ScreenDraft => ({
  name,
  orientation: options.orientation,
  highContrast: options.highContrast,
  chime: options.chime,
  volumePercent: String(Math.round(options.volume * 100)),
  speakTicketLanguage: options.speakTicketLanguage,
  recentCount: String(options.recentCount),
  quietHours: {
    mon: options.quietHours.mon.join(', '),
    tue: options.quietHours.tue.join(', '),
    wed: options.quietHours.wed.join(', '),
    thu: options.quietHours.thu.join(', '),
    fri: options.quietHours.fri.join(', '),
    sat: options.quietHours.sat.join(', '),
    sun: options.quietHours.sun.join(', '),
  },
});

export const newScreenDraft = (): ScreenDraft => draftOf('', LobbyOptionsSchema.parse({}));

/** A whole number typed in a field, or NaN (which the schema refuses). */
const whole = (text: string): number => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN);

/** `08:00 – 09:00, 13:00-14:00` → ["08:00-09:00", "13:00-14:00"]. */
const rangesOf = (text: string): string[] =>
  text
    .replace(/\s*[-–]\s*/g, '-')
    .split(/[\s,;]+/)
    .filter((range) => range !== '');

/** What is wrong, one entry per field (a weekday for quiet hours). */
export type DraftProblem = 'name' | 'volume' | 'recentCount' | Weekday;

export const isWeekday = (value: unknown): value is Weekday => WEEK.includes(value as Weekday);

export type DraftCheck =
  { ok: true; name: string; options: LobbyOptions } | { ok: false; problems: DraftProblem[] };

export function checkDraft(draft: ScreenDraft): DraftCheck {
  const volumePercent = whole(draft.volumePercent);
  const parsed = UpdateScreenRequestSchema.safeParse({
    name: draft.name,
    options: {
      orientation: draft.orientation,
      highContrast: draft.highContrast,
      chime: draft.chime,
      volume: volumePercent <= 100 ? volumePercent / 100 : Number.NaN,
      speakTicketLanguage: draft.speakTicketLanguage,
      recentCount: whole(draft.recentCount),
      quietHours: Object.fromEntries(WEEK.map((day) => [day, rangesOf(draft.quietHours[day])])),
    },
  });
  if (parsed.success) return { ok: true, name: parsed.data.name, options: parsed.data.options };
  const problems = new Set<DraftProblem>();
  for (const issue of parsed.error.issues) {
    const [first, second, third] = issue.path;
    if (first === 'name') problems.add('name');
    else if (second === 'volume') problems.add('volume');
    else if (second === 'recentCount') problems.add('recentCount');
    else if (second === 'quietHours' && isWeekday(third)) problems.add(third);
  }
  return { ok: false, problems: [...problems] };
}
