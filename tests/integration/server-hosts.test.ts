import { describe, expect, it } from 'vitest';
import {
  AppointmentsPageSchema,
  apiPaths,
  EnrolmentResponseSchema,
  SiteInfoResponseSchema,
} from '../../src-shared/contract/townhall-api';
import { parseServerArgs } from '../../server/cli-options';
import type { TurneroServer } from '../../server/server';
import {
  bearer,
  CITIZEN_ID,
  rawErrorCode,
  rawRequest,
  request,
  serversClosedAfterEach,
  SITE,
  TODAY,
  walkIn,
} from './server-kit';

const startServer = serversClosedAfterEach();
let server: TurneroServer;

const withHost = (host: string, path: string) => rawRequest(server, { path, headers: { host } });

describe('reference Town Hall API: Host names (DNS rebinding)', () => {
  it('answers only the names it serves, for the API, the pages and the streams alike', async () => {
    ({ server } = await startServer());
    const port = server.port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`]) {
      expect((await withHost(host, apiPaths.health)).status, host).toBe(200);
    }
    expect((await withHost(`[::1]:${port}`, apiPaths.siteInfo(SITE))).status).toBe(200);
    // Any address literal: a LAN, NAT or a container's port mapping (no rebinding without DNS).
    for (const host of [`192.168.1.10:${port}`, '10.0.0.5:8080', '[fe80::1]:80', '127.0.0.1']) {
      expect((await withHost(host, apiPaths.health)).status, host).toBe(200);
    }
    // A rebound name, a name without the port, another port: refused before anything is done.
    for (const host of [`evil.example:${port}`, 'localhost', `localhost:${port + 1}`]) {
      for (const path of [
        apiPaths.health,
        apiPaths.siteInfo(SITE),
        '/staff',
        '/screen',
        `/screen/stream?site=${SITE}`,
        apiPaths.calledTurnsStream(SITE),
      ]) {
        const answer = await withHost(host, path);
        expect(answer.status, `${host} ${path}`).toBe(421);
        expect(rawErrorCode(answer)).toBe('bad-request');
      }
    }
    const write = await rawRequest(server, {
      method: 'POST',
      path: apiPaths.walkIns(SITE),
      headers: { host: `evil.example:${port}`, 'idempotency-key': 'x' },
      body: walkIn(),
    });
    expect(write.status).toBe(421);
    expect(await server.admin.walkIns()).toEqual([]);
    expect(server.admin.openStreams()).toBe(0);
  });

  it('also answers its configured public names, with or without the port', async () => {
    ({ server } = await startServer({ publicHosts: ['turnero.ayto.example'] }));
    for (const host of ['turnero.ayto.example', `turnero.ayto.example:${server.port}`]) {
      expect((await withHost(host, apiPaths.health)).status, host).toBe(200);
    }
    expect((await withHost('ayto.example', apiPaths.health)).status).toBe(421);
    const strict = await startServer({ allowedHosts: ['kiosks.lan:8443', '10.0.0.5'] });
    server = strict.server;
    expect((await withHost('kiosks.lan:8443', apiPaths.health)).status).toBe(200);
    expect((await withHost('10.0.0.5', apiPaths.health)).status).toBe(200);
    expect((await withHost(`127.0.0.1:${server.port}`, apiPaths.health)).status).toBe(421);
    expect((await withHost('10.0.0.6', apiPaths.health)).status).toBe(421);
  });

  it('takes public names on the command line, and says which names it answers', async () => {
    const parsed = parseServerArgs([
      '--public-host',
      'turnero.ayto.example',
      '--public-host',
      '10.0.0.5:8085',
    ]);
    expect(parsed.help ? null : parsed.options.publicHosts).toEqual([
      'turnero.ayto.example',
      '10.0.0.5:8085',
    ]);
    expect(() => parseServerArgs(['--public-host', 'bad name'])).toThrow(/not a host name/);
    ({ server } = await startServer({ publicHosts: ['Turnero.Ayto.Example'] }));
    expect(server.allowedHosts).toEqual(
      expect.arrayContaining([
        `127.0.0.1:${server.port}`,
        `localhost:${server.port}`,
        `[::1]:${server.port}`,
        'turnero.ayto.example',
      ]),
    );
  });

  it('takes a staff post only from a page of its own names, whatever the Host says', async () => {
    ({ server } = await startServer({ publicHosts: ['turnero.ayto.example'] }));
    /** Opens a session as a page of `host` would, then signs in (wrongly) from `origin`. */
    const post = async (host: string, origin: string) => {
      const session = await rawRequest(server, { path: '/office/api/session', headers: { host } });
      const cookie = String(session.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
      const { csrfToken } = session.body as { csrfToken: string };
      return (
        await rawRequest(server, {
          method: 'POST',
          path: '/office/api/sign-in',
          headers: { host, origin, cookie, 'x-csrf-token': csrfToken },
          body: { username: 'nadie', password: 'wrong password' },
        })
      ).status;
    };
    const port = server.port;
    // 401: the origin and the token passed, the password did not.
    // The page was opened as localhost, the post goes to 127.0.0.1: both are this server.
    expect(await post(`127.0.0.1:${port}`, `http://localhost:${port}`)).toBe(401);
    expect(await post(`127.0.0.1:${port}`, 'https://evil.example')).toBe(403);
    expect(await post(`127.0.0.1:${port}`, `http://evil.example:${port}`)).toBe(403);
    expect(await post(`127.0.0.1:${port}`, 'null')).toBe(403);
    // The public name, under the scheme the request came with (plain http here).
    expect(await post('turnero.ayto.example', 'http://turnero.ayto.example')).toBe(401);
    expect(await post('turnero.ayto.example', 'https://turnero.ayto.example')).toBe(403);
    // An address is trusted as an Origin only when the post went to that very address.
    expect(await post(`192.168.1.10:${port}`, `http://192.168.1.10:${port}`)).toBe(401);
    expect(await post(`127.0.0.1:${port}`, `http://192.168.1.10:${port}`)).toBe(403);
  });
});

describe('reference Town Hall API: ID hashes only for enrolled devices', () => {
  it('keeps the salt and the citizens’ ID hashes from a client without a credential', async () => {
    ({ server } = await startServer());
    const anonymousInfo = SiteInfoResponseSchema.parse(
      (await request(server, 'GET', apiPaths.siteInfo(SITE))).body,
    );
    expect(anonymousInfo.site.idHashSalt).toBeUndefined();
    expect(anonymousInfo.site).not.toHaveProperty('idHashSalt');
    const appointmentsPath = `${apiPaths.appointments(SITE)}?from=${TODAY}`;
    const anonymousPage = AppointmentsPageSchema.parse(
      (await request(server, 'GET', appointmentsPath)).body,
    );
    expect(anonymousPage.appointments).toHaveLength(4);
    for (const appointment of anonymousPage.appointments) {
      expect(appointment).not.toHaveProperty('citizenIdHash');
    }
    // A credential that is not (or no longer) valid counts as none.
    const wrong = await request(
      server,
      'GET',
      apiPaths.siteInfo(SITE),
      undefined,
      bearer('x'.repeat(43)),
    );
    expect(wrong.status).toBe(200);
    expect(SiteInfoResponseSchema.parse(wrong.body).site.idHashSalt).toBeUndefined();

    const { credential } = EnrolmentResponseSchema.parse(
      (
        await request(server, 'POST', apiPaths.enrol(SITE), {
          enrolmentCode: 'ENROL-0001',
          kioskId: 'kiosk-1',
        })
      ).body,
    );
    const auth = bearer(credential);
    const info = SiteInfoResponseSchema.parse(
      (await request(server, 'GET', apiPaths.siteInfo(SITE), undefined, auth)).body,
    );
    expect(info.site.idHashSalt).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const page = AppointmentsPageSchema.parse(
      (await request(server, 'GET', appointmentsPath, undefined, auth)).body,
    );
    expect(page.appointments.find((a) => a.id === 'apt-aaa001')?.citizenIdHash).toBe(
      await server.admin.citizenIdHash(SITE, CITIZEN_ID),
    );
  });
});
