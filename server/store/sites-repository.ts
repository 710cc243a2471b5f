/**
 * Sites and their services: the site's numbering and desks, the salt its citizen-ID hashes are
 * made with (every site has one; an older site gets it when first read), and the services in
 * display order.
 */
import { sql } from 'kysely';
import type { Numbering, Service, Site } from '../../src-shared/contract/townhall-api';
import type { CheckInWindow } from '../../src-shared/domain/checkin-policy';
import { citizenIdHash } from '../../src-shared/domain/citizen-id-hash';
import type { LocalizedText } from '../../src-shared/domain/language';
import { newIdHashSalt } from '../booking-tokens';
import { allRows, firstRow, runWrite, type Connection } from './connection';

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

interface SiteRow {
  id: string;
  name: string;
  time_zone: string;
  id_hash_salt: string | null;
  lease_ceiling: number | null;
  default_block_size: number | null;
}

export class SitesRepository {
  constructor(private readonly connection: Connection) {}

  async hasSite(siteId: string): Promise<boolean> {
    const row = await firstRow(
      this.connection,
      sql`SELECT 1 AS one FROM sites WHERE id = ${siteId}`,
    );
    return row !== undefined;
  }

  /** The administrator's notice for the site's lobby screens; null when there is none. */
  async getLobbyNotice(siteId: string): Promise<string | null> {
    const row = await firstRow(
      this.connection,
      sql<{ lobby_notice: string | null }>`SELECT lobby_notice FROM sites WHERE id = ${siteId}`,
    );
    return row?.lobby_notice ?? null;
  }

  /** Sets (or with null, removes) the notice; false when the site is not known. */
  async setLobbyNotice(siteId: string, notice: string | null): Promise<boolean> {
    const row = await firstRow(
      this.connection,
      sql<{ id: string }>`UPDATE sites SET lobby_notice = ${notice} WHERE id = ${siteId}
        RETURNING id`,
    );
    return row !== undefined;
  }

  /**
   * The site, with its ID-hash salt (made when missing: every site has one) and its numbering
   * (defaults filled in).
   */
  async getSite(siteId: string): Promise<(Site & { numbering: Numbering }) | undefined> {
    const row = await firstRow(
      this.connection,
      sql<SiteRow>`SELECT id, name, time_zone, id_hash_salt, lease_ceiling, default_block_size
        FROM sites WHERE id = ${siteId}`,
    );
    if (!row) return undefined;
    let salt = row.id_hash_salt;
    if (!salt) {
      salt = newIdHashSalt();
      await runWrite(
        this.connection,
        sql`UPDATE sites SET id_hash_salt = ${salt} WHERE id = ${siteId}`,
      );
    }
    return {
      id: row.id,
      name: row.name,
      timeZone: row.time_zone,
      idHashSalt: salt,
      numbering: {
        leaseCeiling: row.lease_ceiling ?? DEFAULT_NUMBERING.leaseCeiling,
        defaultBlockSize: row.default_block_size ?? DEFAULT_NUMBERING.defaultBlockSize,
      },
    };
  }

  /** The site's IANA time zone; throws for an unknown site. */
  async timeZoneOf(siteId: string): Promise<string> {
    const site = await this.getSite(siteId);
    if (!site) throw new Error(`unknown site ${siteId}`);
    return site.timeZone;
  }

  /**
   * Every site's id, in creation order on SQLite (its rowid); PostgreSQL keeps no such order,
   * so there by id.
   */
  async listSiteIds(): Promise<string[]> {
    const order = this.connection.dialect === 'sqlite' ? sql`rowid` : sql`id`;
    const rows = await allRows(
      this.connection,
      sql<{ id: string }>`SELECT id FROM sites ORDER BY ${order}`,
    );
    return rows.map((row) => row.id);
  }

  /** The desks staff can call turns to (seed `desks`; three numbered desks by default). */
  async listDesks(siteId: string): Promise<string[]> {
    const row = await firstRow(
      this.connection,
      sql<{ desks_json: string | null }>`SELECT desks_json FROM sites WHERE id = ${siteId}`,
    );
    return row?.desks_json ? (JSON.parse(row.desks_json) as string[]) : [...DEFAULT_DESKS];
  }

  async getService(siteId: string, serviceId: string): Promise<Service | undefined> {
    return (await this.listServices(siteId)).find((service) => service.id === serviceId);
  }

  async listServices(siteId: string): Promise<Service[]> {
    const rows = await allRows(
      this.connection,
      sql<ServiceRow>`SELECT id, prefix, names_json, walk_ins_allowed, daily_cap,
          check_in_window_json
        FROM services WHERE site_id = ${siteId} ORDER BY position`,
    );
    return rows.map(toService);
  }

  /**
   * Changes a service's editable fields in place (its id and display position stay); false when
   * the site has no such service.
   */
  async updateService(siteId: string, service: Service): Promise<boolean> {
    const changed = await runWrite(
      this.connection,
      sql`UPDATE services SET prefix = ${service.prefix},
          names_json = ${JSON.stringify(service.names)},
          walk_ins_allowed = ${service.walkInsAllowed ? 1 : 0},
          daily_cap = ${service.dailyCap ?? null},
          check_in_window_json = ${service.checkInWindow ? JSON.stringify(service.checkInWindow) : null}
        WHERE site_id = ${siteId} AND id = ${service.id}`,
    );
    return changed > 0;
  }

  /** The salted hash of a normalised ID number under this site's salt. */
  async citizenIdHash(siteId: string, normalisedId: string): Promise<string> {
    const site = await this.getSite(siteId);
    if (!site?.idHashSalt) throw new Error(`unknown site ${siteId}`);
    return citizenIdHash(site.idHashSalt, normalisedId);
  }

  /** Adds a site with its services (in display order); a new salt when none is given. */
  async insertSite(
    site: Site,
    services: readonly Service[],
    desks: readonly string[] | undefined,
  ): Promise<void> {
    await runWrite(
      this.connection,
      sql`INSERT INTO sites (id, name, time_zone, id_hash_salt, lease_ceiling, default_block_size,
          desks_json) VALUES (${site.id}, ${site.name}, ${site.timeZone},
          ${site.idHashSalt ?? newIdHashSalt()}, ${site.numbering?.leaseCeiling ?? null},
          ${site.numbering?.defaultBlockSize ?? null}, ${desks ? JSON.stringify(desks) : null})`,
    );
    for (const [position, service] of services.entries()) {
      await runWrite(
        this.connection,
        sql`INSERT INTO services (site_id, id, position, prefix, names_json, walk_ins_allowed,
            daily_cap, check_in_window_json)
          VALUES (${site.id}, ${service.id}, ${position}, ${service.prefix},
            ${JSON.stringify(service.names)}, ${service.walkInsAllowed ? 1 : 0},
            ${service.dailyCap ?? null},
            ${service.checkInWindow ? JSON.stringify(service.checkInWindow) : null})`,
      );
    }
  }
}
