/**
 * Sites and their services: the site's numbering and desks, the salt its citizen-ID hashes are
 * made with (every site has one; an older site gets it when first read), and the services in
 * display order.
 */
import type Database from 'better-sqlite3';
import type { Numbering, Service, Site } from '../../src-shared/contract/townhall-api';
import type { CheckInWindow } from '../../src-shared/domain/checkin-policy';
import { citizenIdHash } from '../../src-shared/domain/citizen-id-hash';
import type { LocalizedText } from '../../src-shared/domain/language';
import { newIdHashSalt } from '../booking-tokens';

/** A site's numbering when its seed says nothing: counters 1–799 leased, 800–999 for kiosks. */
export const DEFAULT_NUMBERING: Numbering = { leaseCeiling: 799, defaultBlockSize: 20 };
export const DEFAULT_DESKS: readonly string[] = ['Mesa 1', 'Mesa 2', 'Mesa 3'];

interface ServiceRow {
  id: string;
  prefix: string;
  names_json: string;
  walk_ins_allowed: number;
  daily_cap: number | null;
  check_in_window_json: string | null;
}

const toService = (row: ServiceRow): Service => ({
  id: row.id,
  prefix: row.prefix,
  names: JSON.parse(row.names_json) as LocalizedText,
  walkInsAllowed: row.walk_ins_allowed === 1,
  dailyCap: row.daily_cap,
  checkInWindow: row.check_in_window_json
    ? (JSON.parse(row.check_in_window_json) as CheckInWindow)
    : null,
});

export class SitesRepository {
  constructor(private readonly db: Database.Database) {}

  hasSite(siteId: string): boolean {
    return this.db.prepare(`SELECT 1 FROM sites WHERE id = ?`).get(siteId) !== undefined;
  }

  /**
   * The site, with its ID-hash salt (made when missing: every site has one) and its numbering
   * (defaults filled in).
   */
  getSite(siteId: string): (Site & { numbering: Numbering }) | undefined {
    const row = this.db
      .prepare(
        `SELECT id, name, time_zone AS timeZone, id_hash_salt AS idHashSalt,
           lease_ceiling AS leaseCeiling, default_block_size AS defaultBlockSize
         FROM sites WHERE id = ?`,
      )
      .get(siteId) as
      | {
          id: string;
          name: string;
          timeZone: string;
          idHashSalt: string | null;
          leaseCeiling: number | null;
          defaultBlockSize: number | null;
        }
      | undefined;
    if (!row) return undefined;
    let salt = row.idHashSalt;
    if (!salt) {
      salt = newIdHashSalt();
      this.db.prepare(`UPDATE sites SET id_hash_salt = ? WHERE id = ?`).run(salt, siteId);
    }
    return {
      id: row.id,
      name: row.name,
      timeZone: row.timeZone,
      idHashSalt: salt,
      numbering: {
        leaseCeiling: row.leaseCeiling ?? DEFAULT_NUMBERING.leaseCeiling,
        defaultBlockSize: row.defaultBlockSize ?? DEFAULT_NUMBERING.defaultBlockSize,
      },
    };
  }

  /** The site's IANA time zone; throws for an unknown site. */
  timeZoneOf(siteId: string): string {
    const site = this.getSite(siteId);
    if (!site) throw new Error(`unknown site ${siteId}`);
    return site.timeZone;
  }

  /** Every site's id, in creation order. */
  listSiteIds(): string[] {
    return (this.db.prepare(`SELECT id FROM sites ORDER BY rowid`).all() as { id: string }[]).map(
      (row) => row.id,
    );
  }

  /** The desks staff can call turns to (seed `desks`; three numbered desks by default). */
  listDesks(siteId: string): string[] {
    const row = this.db.prepare(`SELECT desks_json FROM sites WHERE id = ?`).get(siteId) as
      { desks_json: string | null } | undefined;
    return row?.desks_json ? (JSON.parse(row.desks_json) as string[]) : [...DEFAULT_DESKS];
  }

  getService(siteId: string, serviceId: string): Service | undefined {
    return this.listServices(siteId).find((service) => service.id === serviceId);
  }

  listServices(siteId: string): Service[] {
    return (
      this.db
        .prepare(
          `SELECT id, prefix, names_json, walk_ins_allowed, daily_cap, check_in_window_json
           FROM services WHERE site_id = ? ORDER BY position`,
        )
        .all(siteId) as ServiceRow[]
    ).map(toService);
  }

  /** The salted hash of a normalised ID number under this site's salt. */
  citizenIdHash(siteId: string, normalisedId: string): string {
    const site = this.getSite(siteId);
    if (!site?.idHashSalt) throw new Error(`unknown site ${siteId}`);
    return citizenIdHash(site.idHashSalt, normalisedId);
  }

  /** Adds a site with its services (in display order); a new salt when none is given. */
  insertSite(site: Site, services: readonly Service[], desks: readonly string[] | undefined): void {
    this.db
      .prepare(
        `INSERT INTO sites (id, name, time_zone, id_hash_salt, lease_ceiling, default_block_size,
           desks_json) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        site.id,
        site.name,
        site.timeZone,
        site.idHashSalt ?? newIdHashSalt(),
        site.numbering?.leaseCeiling ?? null,
        site.numbering?.defaultBlockSize ?? null,
        desks ? JSON.stringify(desks) : null,
      );
    const insertService = this.db.prepare(
      `INSERT INTO services (site_id, id, position, prefix, names_json, walk_ins_allowed,
         daily_cap, check_in_window_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    services.forEach((service, position) =>
      insertService.run(
        site.id,
        service.id,
        position,
        service.prefix,
        JSON.stringify(service.names),
        service.walkInsAllowed ? 1 : 0,
        service.dailyCap ?? null,
        service.checkInWindow ? JSON.stringify(service.checkInWindow) : null,
      ),
    );
  }
}
