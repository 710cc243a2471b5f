/**
 * Remote configuration: settings for one kiosk, or for every kiosk of a site (target '*'),
 * versioned so a kiosk learns from its heartbeat answer that it should fetch them again.
 */
import type Database from 'better-sqlite3';
import type { z } from 'zod';
import type { RemoteConfig, RemoteConfigSchema } from '../../src-shared/contract/townhall-api';

export type RemoteSettings = z.infer<typeof RemoteConfigSchema>['settings'];

export class RemoteConfigRepository {
  constructor(private readonly db: Database.Database) {}

  /**
   * Replaces the settings of one kiosk (or of every kiosk of the site, target '*'). Versions
   * come from one counter per site, so a kiosk's effective version (the larger of its own and
   * the site-wide one) changes whenever either changes.
   */
  set(siteId: string, target: string, settings: RemoteSettings): number {
    return this.db.transaction(() => {
      const { top } = this.db
        .prepare(`SELECT COALESCE(MAX(version), 0) AS top FROM remote_config WHERE site_id = ?`)
        .get(siteId) as { top: number };
      const version = top + 1;
      this.db
        .prepare(
          `INSERT INTO remote_config (site_id, target, settings_json, version) VALUES (?, ?, ?, ?)
           ON CONFLICT (site_id, target) DO UPDATE SET
             settings_json = excluded.settings_json, version = excluded.version`,
        )
        .run(siteId, target, JSON.stringify(settings), version);
      return version;
    })();
  }

  /** The site-wide settings with the kiosk's own on top; version 0 when none were ever set. */
  of(siteId: string, kioskId: string): RemoteConfig {
    const rows = this.db
      .prepare(
        `SELECT target, settings_json, version FROM remote_config
         WHERE site_id = ? AND target IN ('*', ?)`,
      )
      .all(siteId, kioskId) as { target: string; settings_json: string; version: number }[];
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
