/**
 * The lobby screens an administrator keeps (`/office/api/admin/screens`, docs/office.md): each
 * smart TV of a site has a short stable id, typed into the TV once as `/lobby?screen=<id>`, a
 * name for the staff, and its own screen options (the lobby's, `LobbyOptionsSchema`: one rule
 * for quiet hours, volume, chime… whether a kiosk or the server feeds the screen). The server
 * records when each screen last read its feed.
 */
import { z } from 'zod';
import { LobbyOptionsSchema } from './lobby';

/** 1–32 lower-case letters, digits or hyphens, not starting or ending with a hyphen. */
export const SCREEN_ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/;

export const ScreenIdSchema = z
  .string()
  .regex(SCREEN_ID_PATTERN, 'expected 1–32 lower-case letters, digits or hyphens');

export const ScreenNameSchema = z.string().trim().min(1).max(80);

export const ScreenSchema = z.object({
  id: ScreenIdSchema,
  name: ScreenNameSchema,
  options: LobbyOptionsSchema,
  /** When the TV last read its snapshot or held its event stream; null: never. */
  lastSeenAt: z.iso.datetime({ offset: true }).nullable(),
});
export type Screen = z.infer<typeof ScreenSchema>;

export const ScreensViewSchema = z.object({
  siteId: z.string().max(64),
  screens: z.array(ScreenSchema).max(200),
});
export type ScreensView = z.infer<typeof ScreensViewSchema>;

/** A new screen: its id is fixed from then on (it is typed into the TV). */
export const CreateScreenRequestSchema = z.object({
  site: z.string().max(64).optional(),
  id: ScreenIdSchema,
  name: ScreenNameSchema,
  options: LobbyOptionsSchema,
});
export type CreateScreenRequest = z.infer<typeof CreateScreenRequestSchema>;

/** Every editable field at once (the page sends the whole form). */
export const UpdateScreenRequestSchema = CreateScreenRequestSchema.omit({ id: true });
export type UpdateScreenRequest = z.infer<typeof UpdateScreenRequestSchema>;

export const RemoveScreenRequestSchema = z.object({ site: z.string().max(64).optional() });

/** A screen as the supervisor's devices panel lists it. */
export const ScreenRowSchema = z.object({
  screenId: ScreenIdSchema,
  name: z.string(),
  lastSeenAt: z.string().nullable(),
});
export type ScreenRow = z.infer<typeof ScreenRowSchema>;

/** The path a TV's browser opens: the server's address goes before it. */
export const screenPath = (screenId: string): string =>
  `/lobby?screen=${encodeURIComponent(screenId)}`;
