/**
 * The kiosk's `lobby` section (docs/configuration.md): where the lobby screen goes on the totem
 * (Electron's second window) and how it looks and sounds there. The sound and look options
 * replace the server's in every snapshot the kiosk relays (src-main/lobby/lobby-relay.ts), and
 * follow the technician's changes at once; the display is chosen at start.
 */
import { z } from 'zod';
import {
  LobbyOptionsSchema,
  LobbyOrientationSchema,
  type LobbyOptions,
} from '../../src-shared/contract/lobby';
import { emptyWeek, WeeklyHoursSchema } from '../../src-shared/domain/weekly-hours';

/** `id:<number>`: the display Electron knows by that id (stable while it stays plugged in). */
const DISPLAY_ID = /^id:\d{1,15}$/;

export const LobbyConfigSchema = z
  .object({
    /**
     * The display the lobby window opens on: null (default) none; a number, the display's
     * place (0-based) among the displays ordered left to right, then top to bottom; or
     * `"id:<n>"`, Electron's display id. Never the kiosk's own display.
     */
    display: z
      .union([
        z.number().int().min(0).max(15),
        z.string().regex(DISPLAY_ID, 'expected a display number or "id:<display id>"'),
      ])
      .nullable()
      .default(null),
    orientation: LobbyOrientationSchema.default('auto'),
    /** The three-tone chime before each call. */
    chime: z.boolean().default(true),
    /** Loudness of the chime and the speech, in percent (0: silent, the calls only shown). */
    volumePercent: z.number().int().min(0).max(100).default(100),
    /** Site-clock ranges per weekday with neither chime nor speech. */
    quietHours: WeeklyHoursSchema.default(emptyWeek),
    /** After Spanish, the call again in the ticket's language. */
    speakTicketLanguage: z.boolean().default(true),
    highContrast: z.boolean().default(false),
    /** Earlier calls listed under the current one. */
    recentCount: z.number().int().min(0).max(12).default(6),
  })
  .strict()
  .prefault({});
export type LobbyConfig = z.infer<typeof LobbyConfigSchema>;

/** The screen options the kiosk gives its lobby pages. */
export function lobbyOptionsOf(lobby: LobbyConfig): LobbyOptions {
  return LobbyOptionsSchema.parse({
    orientation: lobby.orientation,
    highContrast: lobby.highContrast,
    chime: lobby.chime,
    volume: lobby.volumePercent / 100,
    quietHours: lobby.quietHours,
    speakTicketLanguage: lobby.speakTicketLanguage,
    recentCount: lobby.recentCount,
  });
}

/** Whether changed settings (dotted paths) touch the screen's options: all of `lobby` but the display. */
export const changesLobbyOptions = (paths: readonly string[]): boolean =>
  paths.some((path) => path.startsWith('lobby.') && path !== 'lobby.display');
