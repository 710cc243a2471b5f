/**
 * Remote configuration: settings for one kiosk, or for every kiosk of a site (target '*'),
 * versioned so a kiosk learns from its heartbeat answer that it should fetch them again.
 */
import { sql } from 'kysely';
import type { z } from 'zod';
import type { RemoteConfig, RemoteConfigSchema } from '../../src-shared/contract/townhall-api';
import { allRows, atomically, firstRow, runWrite, type Connection } from './connection';

export type RemoteSettings = z.infer<typeof RemoteConfigSchema>['settings'];

export class RemoteConfigRepository {
  constructor(private readonly connection: Connection) {}

  /**
   * Replaces the settings of one kiosk (or of every kiosk of the site, target '*'). Versions
   * come from one counter per site, so a kiosk's effective version (the larger of its own and
   * the site-wide one) changes whenever either changes.
   */
  async set(siteId: string, target: string, settings: RemoteSettings): Promise<number> {
    return atomically(
      this.connection,
      async (connection) => {
        const row = await firstRow(
          connection,
          sql<{ top: number }>`SELECT COALESCE(MAX(version), 0) AS top FROM remote_config
            WHERE site_id = ${siteId}`,
        );
        const version = (row?.top ?? 0) + 1;
        await runWrite(
          connection,
          sql`INSERT INTO remote_config (site_id, target, settings_json, version)
            VALUES (${siteId}, ${target}, ${JSON.stringify(settings)}, ${version})
            ON CONFLICT (site_id, target) DO UPDATE SET
              settings_json = excluded.settings_json, version = excluded.version`,
        );
        return version;
      },
      siteId,
    );
  }

  /** The site-wide settings with the kiosk's own on top; version 0 when none were ever set. */
  async of(siteId: string, kioskId: string): Promise<RemoteConfig> {
    const rows = await allRows(
      this.connection,
      sql<{ target: string; settings_json: string; version: number }>`SELECT target,
          settings_json, version FROM remote_config
        WHERE site_id = ${siteId} AND target IN ('*', ${kioskId})`,
    );
    const global = rows.find((row) => row.target === '*');
    const own = rows.find((row) => row.target !== '*');
    return {
      version: Math.max(global?.version ?? 0, own?.version ?? 0),
      settings: {
        ...(global ? (JSON.parse(global.settings_json) as RemoteSettings) : {}),
        ...(own ? (JSON.parse(own.settings_json) as RemoteSettings) : {}),
      },
    };
  }
}
