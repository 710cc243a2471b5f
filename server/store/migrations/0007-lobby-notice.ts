/**
 * `sites.lobby_notice`: the administrator's notice, the ticker along the foot of the site's lobby
 * screens (null: none). Text for the waiting room: never a citizen's data.
 */
import { sql, type Migration } from 'kysely';

export const lobbyNotice = (): Migration => ({
  up: async (db) => {
    await sql`ALTER TABLE sites ADD COLUMN lobby_notice TEXT`.execute(db);
  },
});
