/**
 * The lobby screens of each site (migration 0008-screens): their names and options, and when
 * each last read its feed. The options are stored column by column and come back through
 * `LobbyOptionsSchema`, so a screen's snapshot carries exactly what the lobby contract allows.
 */
import { sql } from 'kysely';
import { LobbyOptionsSchema, type LobbyOptions } from '../../src-shared/contract/lobby';
import { allRows, firstRow, runWrite, type Connection } from './connection';

export interface ScreenRecord {
  id: string;
  siteId: string;
  name: string;
  options: LobbyOptions;
  lastSeenMs: number | null;
}

interface ScreenRow {
  id: string;
  site_id: string;
  name: string;
  orientation: string;
  high_contrast: number;
  chime: number;
  volume: number;
  speak_ticket_language: number;
  recent_count: number;
  quiet_hours_json: string;
  last_seen_ms: number | string | null;
}

const toScreen = (row: ScreenRow): ScreenRecord => ({
  id: row.id,
  siteId: row.site_id,
  name: row.name,
  options: LobbyOptionsSchema.parse({
    orientation: row.orientation,
    highContrast: Number(row.high_contrast) === 1,
    chime: Number(row.chime) === 1,
    volume: Number(row.volume),
    speakTicketLanguage: Number(row.speak_ticket_language) === 1,
    recentCount: Number(row.recent_count),
    quietHours: JSON.parse(row.quiet_hours_json) as unknown,
  }),
  lastSeenMs: row.last_seen_ms === null ? null : Number(row.last_seen_ms),
});

const flag = (value: boolean): number => (value ? 1 : 0);

export class ScreensRepository {
  constructor(private readonly connection: Connection) {}

  async ofSite(siteId: string): Promise<ScreenRecord[]> {
    const rows = await allRows(
      this.connection,
      sql<ScreenRow>`SELECT * FROM screens WHERE site_id = ${siteId} ORDER BY name, id`,
    );
    return rows.map(toScreen);
  }

  /** The screen of that id, whatever its site (ids are unique on the server). */
  async byId(id: string): Promise<ScreenRecord | undefined> {
    const row = await firstRow(
      this.connection,
      sql<ScreenRow>`SELECT * FROM screens WHERE id = ${id}`,
    );
    return row ? toScreen(row) : undefined;
  }

  /** False when the id is taken (by a screen of any site). */
  async insert(
    screen: Pick<ScreenRecord, 'id' | 'siteId' | 'name' | 'options'>,
    at: Date,
  ): Promise<boolean> {
    const { options } = screen;
    const inserted = await runWrite(
      this.connection,
      sql`INSERT INTO screens (id, site_id, name, orientation, high_contrast, chime, volume,
          speak_ticket_language, recent_count, quiet_hours_json, created_at_ms)
        VALUES (${screen.id}, ${screen.siteId}, ${screen.name}, ${options.orientation},
          ${flag(options.highContrast)}, ${flag(options.chime)}, ${options.volume},
          ${flag(options.speakTicketLanguage)}, ${options.recentCount},
          ${JSON.stringify(options.quietHours)}, ${at.getTime()})
        ON CONFLICT (id) DO NOTHING`,
    );
    return inserted === 1;
  }

  /** False when the site has no screen of that id. */
  async update(siteId: string, id: string, name: string, options: LobbyOptions): Promise<boolean> {
    const changed = await runWrite(
      this.connection,
      sql`UPDATE screens SET name = ${name}, orientation = ${options.orientation},
          high_contrast = ${flag(options.highContrast)}, chime = ${flag(options.chime)},
          volume = ${options.volume},
          speak_ticket_language = ${flag(options.speakTicketLanguage)},
          recent_count = ${options.recentCount},
          quiet_hours_json = ${JSON.stringify(options.quietHours)}
        WHERE site_id = ${siteId} AND id = ${id}`,
    );
    return changed === 1;
  }

  /** False when the site has no screen of that id. */
  async remove(siteId: string, id: string): Promise<boolean> {
    const removed = await runWrite(
      this.connection,
      sql`DELETE FROM screens WHERE site_id = ${siteId} AND id = ${id}`,
    );
    return removed === 1;
  }

  async markSeen(id: string, at: Date): Promise<void> {
    await runWrite(
      this.connection,
      sql`UPDATE screens SET last_seen_ms = ${at.getTime()} WHERE id = ${id}`,
    );
  }
}
