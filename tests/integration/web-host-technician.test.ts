/**
 * What the web host does for the technician's panels: it restarts the kiosk in its own process
 * (the real kiosk services over a real SQLite file, a Turnero server with the demo seed) with
 * open pages reconnecting to it, and it serves a one-time download only to our own page.
 */
import { request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { IpcResult, WsServerFrame } from '../../src-shared/contract/ipc';
import type { HostCapabilities } from '../../src-main/app/kiosk';
import { startKiosk } from '../../src-main/app/start-kiosk';
import { parseConfig } from '../../src-main/config/load-config';
import { DownloadOffers } from '../../src-main/diagnostics/downloads';
import {
  startRestartableKiosk,
  type RestartableKiosk,
} from '../../src-main/hosts/web/restartable-kiosk';
import { startWebHost, type WebHost } from '../../src-main/hosts/web/web-host';
import { startTurneroServer, type TurneroServer } from '../../server/server';
import { loadSeed } from '../../server/seed';
import { makeTempDir } from '../support/temp-dir';
import { firstSyncDone } from '../support/kiosk-state-wait';

const SECRET = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde';

let dir: ReturnType<typeof makeTempDir>;
let server: TurneroServer;
let app: RestartableKiosk;
let host: WebHost;
let capabilities: HostCapabilities | undefined;
let starts = 0;
const offers = new DownloadOffers();
const logs: string[] = [];

beforeAll(async () => {
  dir = makeTempDir('web-host-technician');
  const rendererDir = join(dir.path, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Turnero</title>');
  server = await startTurneroServer({
    port: 0,
    dbFile: join(dir.path, 'server.sqlite'),
    seed: loadSeed('demo'),
  });
  const config = parseConfig(
    { dataDir: join(dir.path, 'data'), api: { baseUrl: server.url } },
    null,
  );
  app = await startRestartableKiosk({
    start: (offered) => {
      capabilities = offered;
      starts += 1;
      return startKiosk({ config, defaultDataDir: dir.path, log: () => undefined, host: offered });
    },
    log: (line) => logs.push(line),
    onFatal: (error) => {
      throw error;
    },
  });
  // The real kiosk's contract, with downloads this test offers itself.
  host = await startWebHost({
    app: { ...app, takeDownload: (token) => offers.take(token) },
    rendererDir,
    secret: SECRET,
  });
  app.onRestarted(() => host.dropConnections());
  // Start-up does not wait for the town hall: the restart test checks a booking in.
  await firstSyncDone(app);
});

afterAll(async () => {
  await host.close();
  await app.stop();
  await server.close();
  dir.remove();
});

function get(
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port: host.port, path, method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks),
        }),
      );
    })
      .on('error', reject)
      .end();
  });
}

function connect(): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws?token=${SECRET}`, {
    origin: `http://127.0.0.1:${host.port}`,
  });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

let nextId = 1;
function call(ws: WebSocket, channel: string, payload: unknown): Promise<IpcResult<unknown>> {
  const id = nextId++;
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(data.toString()) as WsServerFrame;
      if (message.kind === 'response' && message.id === id) {
        ws.off('message', onMessage);
        resolve(message.result);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, channel, payload }));
  });
}

const offerBundle = () =>
  offers.offer(() => ({
    fileName: 'turnero-logs-kiosk-1-20261130T090000Z.tar.gz',
    contentType: 'application/gzip',
    body: Buffer.from('bundle bytes'),
  }));

describe('the technician download route', () => {
  it('hands the file once to a page that proves the secret', async () => {
    const path = offerBundle();
    const first = await get(`${path}?token=${SECRET}`, { 'Sec-Fetch-Site': 'same-origin' });
    expect(first.status).toBe(200);
    expect(first.body.toString()).toBe('bundle bytes');
    expect(first.headers).toMatchObject({
      'content-type': 'application/gzip',
      'content-disposition': 'attachment; filename="turnero-logs-kiosk-1-20261130T090000Z.tar.gz"',
      'cache-control': 'no-store',
    });
    expect((await get(`${path}?token=${SECRET}`)).status).toBe(404);
  });

  it('accepts the session cookie the kiosk browser holds', async () => {
    const path = offerBundle();
    expect((await get(path, { Cookie: `turnero-session=${SECRET}` })).status).toBe(200);
  });

  it('refuses a page without the secret, another site, and a HEAD, spending nothing', async () => {
    const path = offerBundle();
    expect((await get(path)).status).toBe(403);
    expect((await get(`${path}?token=wrong`)).status).toBe(403);
    expect((await get(`${path}?token=${SECRET}`, { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(
      403,
    );
    expect((await get(`${path}?token=${SECRET}`, {}, 'HEAD')).status).toBe(405);
    expect((await get(`${path}?token=${SECRET}`)).status).toBe(200);
  });

  it('answers 404 to an unknown token', async () => {
    expect((await get(`/technician/download/${'x'.repeat(32)}?token=${SECRET}`)).status).toBe(404);
  });
});

describe('a restart of the kiosk in the web host’s process', () => {
  it('stops the services, starts them again on the same data, and the page reconnects', async () => {
    const ws = await connect();
    const before = await call(ws, 'checkin:submit', { input: 'TRN-7K4P9Q', source: 'touch' });
    expect(before).toMatchObject({ ok: true, value: { ticket: { number: 'E-001' } } });
    expect(capabilities?.downloads).toBe(true);

    const restarted = new Promise<void>((resolve) => app.onRestarted(resolve));
    const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
    capabilities?.restart();
    await restarted;
    await closed;
    expect(starts).toBe(2);
    expect(logs).toEqual(['restarting the kiosk at the technician’s request', 'kiosk restarted']);

    const again = await connect();
    // The same store: the booking is checked in, and the next one gets the next number.
    expect(
      await call(again, 'checkin:submit', { input: 'TRN-7K4P9Q', source: 'touch' }),
    ).toMatchObject({
      ok: true,
      value: { outcome: 'already-issued', ticket: { number: 'E-001' } },
    });
    expect(
      await call(again, 'checkin:submit', { input: 'TRN-B8N3VJ', source: 'touch' }),
    ).toMatchObject({
      ok: true,
      value: { outcome: 'issued', ticket: { number: 'E-002' } },
    });
    again.close();
  });
});
