import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  apiPaths,
  EnrolmentResponseSchema,
  HeartbeatResponseSchema,
  RemoteConfigSchema,
  SiteInfoResponseSchema,
} from '../../src-shared/contract/townhall-api';
import { loadSeed, parseSeed } from '../../server/seed';
import type { TurneroServer } from '../../server/server';
import {
  bearer,
  errorCode,
  heartbeat,
  NOW,
  postTicket,
  request,
  seedDocument,
  serversClosedAfterEach,
  SITE,
  walkIn,
  tempDbFile,
} from './server-kit';

const startServer = serversClosedAfterEach();
let server: TurneroServer;

const enrol = (target: TurneroServer, enrolmentCode: string, kioskId: string, site = SITE) =>
  request(target, 'POST', apiPaths.enrol(site), { enrolmentCode, kioskId, deviceName: 'Entrada' });

describe('reference Town Hall API: devices', () => {
  it('publishes numbering, daily caps and check-in windows in site info', async () => {
    ({ server } = await startServer());
    const info = SiteInfoResponseSchema.parse(
      (await request(server, 'GET', apiPaths.siteInfo(SITE))).body,
    );
    expect(info.site.numbering).toEqual({ leaseCeiling: 99, defaultBlockSize: 10 });
    expect(info.services.find((service) => service.id === 'registro')).toMatchObject({
      dailyCap: 3,
      checkInWindow: { minutesBefore: 30, minutesAfter: 15 },
    });
    expect(info.services.find((service) => service.id === 'padron')).toMatchObject({
      dailyCap: null,
      checkInWindow: null,
    });
  });

  it('the demo seed gets the default numbering', async () => {
    ({ server } = await startServer({ seed: loadSeed('demo') }));
    const info = SiteInfoResponseSchema.parse(
      (await request(server, 'GET', apiPaths.siteInfo('demo-sac'))).body,
    );
    expect(info.site.numbering).toEqual({ leaseCeiling: 799, defaultBlockSize: 20 });
  });

  it('exchanges a one-time code for a credential, storing only hashes', async () => {
    let dbFile: string;
    // On its SQLite file, which the test reads.
    ({ server, dbFile } = await startServer({ dbFile: tempDbFile() }));
    const first = await enrol(server, 'ENROL-0001', 'kiosk-1');
    expect(first.status).toBe(201);
    const enrolled = EnrolmentResponseSchema.parse(first.body);
    expect(enrolled).toMatchObject({ siteId: SITE, kioskId: 'kiosk-1' });
    expect(enrolled.credential.length).toBeGreaterThanOrEqual(43);
    expect(first.headers.get('cache-control')).toBe('no-store');

    // The code works once, for any kiosk.
    const again = await enrol(server, 'ENROL-0001', 'kiosk-2');
    expect(again.status).toBe(401);
    expect(errorCode(again)).toBe('unauthorized');
    expect((await enrol(server, 'NOT-A-CODE', 'kiosk-2')).status).toBe(401);
    expect((await enrol(server, 'ENROL-0002', 'Bad Kiosk!')).status).toBe(400);

    const db = new Database(dbFile, { readonly: true });
    try {
      const devices = db.prepare(`SELECT * FROM devices`).all() as { credential_hash: string }[];
      expect(devices).toHaveLength(1);
      expect(devices[0]?.credential_hash).toBe(
        createHash('sha256').update(enrolled.credential).digest('hex'),
      );
      const codes = db.prepare(`SELECT code_hash, used_by FROM enrolment_codes`).all();
      expect(codes).toContainEqual({
        code_hash: createHash('sha256').update('ENROL-0001').digest('hex'),
        used_by: 'kiosk-1',
      });
    } finally {
      db.close();
    }
    // Neither the credential nor the codes are anywhere in the database file in clear.
    await server.close();
    for (const file of [dbFile, `${dbFile}-wal`]) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch {
        continue;
      }
      expect(bytes.includes(Buffer.from(enrolled.credential))).toBe(false);
      expect(bytes.includes(Buffer.from('ENROL-0002'))).toBe(false);
    }
  });

  it('with auth optional, needs no credential', async () => {
    ({ server } = await startServer());
    expect((await request(server, 'GET', apiPaths.siteInfo(SITE))).status).toBe(200);
    const ticket = walkIn();
    expect((await postTicket(server, apiPaths.walkIns(SITE), ticket)).status).toBe(201);
  });

  it('with auth required, needs a credential of that site and of that kiosk', async () => {
    ({ server } = await startServer({ auth: 'required' }));
    const anonymous = await request(server, 'GET', apiPaths.siteInfo(SITE));
    expect(anonymous.status).toBe(401);
    expect(errorCode(anonymous)).toBe('unauthorized');
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await request(server, 'GET', apiPaths.health)).status).toBe(200);

    const { credential } = EnrolmentResponseSchema.parse(
      (await enrol(server, 'ENROL-0001', 'kiosk-1')).body,
    );
    const auth = bearer(credential);
    expect((await request(server, 'GET', apiPaths.siteInfo(SITE), undefined, auth)).status).toBe(
      200,
    );
    const garbage = await request(
      server,
      'GET',
      apiPaths.siteInfo(SITE),
      undefined,
      bearer('x'.repeat(43)),
    );
    expect(garbage.status).toBe(401);

    // The kiosk of a body or path must be the credential's own.
    const own = walkIn({ kioskId: 'kiosk-1' });
    expect((await postTicket(server, apiPaths.walkIns(SITE), own, auth)).status).toBe(201);
    const other = walkIn({ kioskId: 'kiosk-2', ticketNumber: 'E-002' });
    const forbidden = await postTicket(server, apiPaths.walkIns(SITE), other, auth);
    expect(forbidden.status).toBe(403);
    expect(errorCode(forbidden)).toBe('unauthorized');
    expect(
      (
        await request(
          server,
          'POST',
          apiPaths.heartbeat(SITE, 'kiosk-2'),
          heartbeat('kiosk-2'),
          auth,
        )
      ).status,
    ).toBe(403);
    expect(
      (await request(server, 'GET', apiPaths.remoteConfig(SITE, 'kiosk-2'), undefined, auth))
        .status,
    ).toBe(403);
    expect(
      (
        await request(
          server,
          'POST',
          apiPaths.numberLeases(SITE),
          { kioskId: 'kiosk-2', serviceId: 'empadronamiento', day: '2026-02-10' },
          auth,
        )
      ).status,
    ).toBe(403);

    // Enrolling the same kiosk again, with a code made to replace it, replaces its credential.
    expect((await enrol(server, 'ENROL-0002', 'kiosk-1')).status).toBe(409);
    const replace = await server.admin.createEnrolmentCode({ kioskId: 'kiosk-1', replace: true });
    const second = EnrolmentResponseSchema.parse((await enrol(server, replace, 'kiosk-1')).body);
    expect(second.credential).not.toBe(credential);
    expect((await request(server, 'GET', apiPaths.siteInfo(SITE), undefined, auth)).status).toBe(
      401,
    );
    expect(
      (await request(server, 'GET', apiPaths.siteInfo(SITE), undefined, bearer(second.credential)))
        .status,
    ).toBe(200);

    // Switched at run time (the kiosk-side tests use this).
    server.admin.setAuth('optional');
    expect((await request(server, 'GET', apiPaths.siteInfo(SITE))).status).toBe(200);
  });

  it('refuses a credential of another site', async () => {
    ({ server } = await startServer({ auth: 'required' }));
    const other = await startServer({
      auth: 'required',
      seed: parseSeed({ ...seedDocument(), site: { ...seedDocument().site, id: 'other-sac' } }),
    });
    const code = await other.server.admin.createEnrolmentCode('other-sac');
    expect((await enrol(server, code, 'kiosk-1')).status).toBe(401);
    const { credential } = EnrolmentResponseSchema.parse(
      (await enrol(other.server, code, 'kiosk-1', 'other-sac')).body,
    );
    const answer = await request(
      server,
      'GET',
      apiPaths.siteInfo(SITE),
      undefined,
      bearer(credential),
    );
    expect(answer.status).toBe(401);
  });

  it('keeps the last heartbeat of each device and answers clock and config version', async () => {
    ({ server } = await startServer());
    const path = apiPaths.heartbeat(SITE, 'kiosk-1');
    const answer = await request(server, 'POST', path, heartbeat('kiosk-1'));
    expect(answer.status).toBe(200);
    expect(HeartbeatResponseSchema.parse(answer.body)).toEqual({
      serverTime: NOW.toISOString(),
      configVersion: 0,
    });
    await request(server, 'POST', path, heartbeat('kiosk-1', { outbox: { pending: 5 } }));
    expect(await server.admin.devices()).toEqual([
      expect.objectContaining({
        kioskId: 'kiosk-1',
        enrolled: false,
        lastSeenAt: NOW.toISOString(),
        printerState: 'paper-near-end',
        outboxPending: 5,
        clockSkewMs: 2500,
        serverMeasuredSkewMs: -3000,
      }),
    ]);
    const mismatch = await request(server, 'POST', path, heartbeat('kiosk-2'));
    expect(mismatch.status).toBe(400);
    const invalid = await request(server, 'POST', path, { kioskId: 'kiosk-1' });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({
      error: { message: expect.stringMatching(/body\.sentAt/) },
    });
  });

  it('versions remote configuration: site-wide settings with the kiosk’s own on top', async () => {
    ({ server } = await startServer());
    const get = async (kioskId: string) =>
      RemoteConfigSchema.parse(
        (await request(server as TurneroServer, 'GET', apiPaths.remoteConfig(SITE, kioskId))).body,
      );
    expect(await get('kiosk-1')).toEqual({ version: 0, settings: {} });
    await server.admin.setRemoteConfig('*', { pollSeconds: 60, ticketQrUrl: null });
    expect(await get('kiosk-1')).toEqual({
      version: 1,
      settings: { pollSeconds: 60, ticketQrUrl: null },
    });
    const own = await server.admin.setRemoteConfig('kiosk-1', {
      pollSeconds: 30,
      checkInWindow: { minutesBefore: 60, minutesAfter: 10 },
    });
    expect(own.version).toBe(2);
    expect(await get('kiosk-1')).toEqual({
      version: 2,
      settings: {
        pollSeconds: 30,
        ticketQrUrl: null,
        checkInWindow: { minutesBefore: 60, minutesAfter: 10 },
      },
    });
    expect((await get('kiosk-2')).version).toBe(1);
    const beat = await request(
      server,
      'POST',
      apiPaths.heartbeat(SITE, 'kiosk-1'),
      heartbeat('kiosk-1'),
    );
    expect(HeartbeatResponseSchema.parse(beat.body).configVersion).toBe(2);
    await server.admin.setRemoteConfig('*', { pollSeconds: 90 });
    expect(await get('kiosk-1')).toMatchObject({ version: 3, settings: { pollSeconds: 30 } });
    expect(await get('kiosk-2')).toEqual({ version: 3, settings: { pollSeconds: 90 } });
    await expect(server?.admin.setRemoteConfig('*', { pollSeconds: 1 })).rejects.toThrow();
  });
});
