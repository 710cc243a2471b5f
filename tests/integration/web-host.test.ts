/**
 * The web host end to end at the transport level: the real kiosk services (a Turnero server with
 * the demo seed, virtual printer, real SQLite) behind the real HTTP + WebSocket server, started
 * the way an installation starts it (secret and port kept in the data folder).
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { IpcResult, WsServerFrame } from '../../src-shared/contract/ipc';
import { createWebBridge, type SocketLike } from '../../src-renderer/bridge/web-bridge';
import { startKiosk } from '../../src-main/app/start-kiosk';
import type { Kiosk } from '../../src-main/app/kiosk';
import { parseConfig } from '../../src-main/config/load-config';
import { startStableWebHost, type StableWebHost } from '../../src-main/hosts/web/stable-web-host';
import { startTurneroServer, type TurneroServer } from '../../server/server';
import { loadSeed } from '../../server/seed';
import { LaunchTokens } from '../../src-main/hosts/web/web-access';
import { makeTempDir } from '../support/temp-dir';

let dir: ReturnType<typeof makeTempDir>;
let server: TurneroServer;
let app: Kiosk;
let host: StableWebHost;
let rendererDir: string;
let dataDir: string;
let secret: string;

beforeAll(async () => {
  dir = makeTempDir('web-host');
  rendererDir = join(dir.path, 'renderer');
  dataDir = join(dir.path, 'data');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Turnero</title>');
  writeFileSync(join(dir.path, 'secret.txt'), 'not for the page');
  server = await startTurneroServer({
    port: 0,
    dbFile: join(dir.path, 'server.sqlite'),
    seed: loadSeed('demo'),
  });
  const config = parseConfig({ dataDir, api: { baseUrl: server.url } }, null);
  app = await startKiosk({ config, defaultDataDir: dir.path, log: () => undefined });
  host = await startStableWebHost({ app, rendererDir, dataDir });
  secret = new URL(host.url).searchParams.get('token') ?? '';
});

afterAll(async () => {
  await host.close();
  await app.stop();
  await server.close();
  dir.remove();
});

function httpGet(path: string): Promise<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port: host.port, path, method: 'GET' }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
      );
    })
      .on('error', reject)
      .end();
  });
}

interface Credentials {
  /** `?token=`; the secret unless a cookie is given. */
  token?: string;
  /** The Cookie header. */
  cookie?: string;
  origin?: string;
}

function connect(options: Credentials = {}): Promise<WebSocket> {
  const query =
    options.token !== undefined || options.cookie === undefined
      ? `?token=${encodeURIComponent(options.token ?? secret)}`
      : '';
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws${query}`, {
    origin: options.origin ?? `http://127.0.0.1:${host.port}`,
    ...(options.cookie === undefined ? {} : { headers: { cookie: options.cookie } }),
  });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_request, response) =>
      reject(new Error(`refused with ${response.statusCode}`)),
    );
    ws.once('error', reject);
  });
}

function call(ws: WebSocket, frame: unknown): Promise<IpcResult<unknown>> {
  const id = (frame as { id: number }).id;
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(data.toString()) as WsServerFrame;
      if (message.kind === 'response' && message.id === id) {
        ws.off('message', onMessage);
        resolve(message.result);
      }
    };
    ws.on('message', onMessage);
    ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  });
}

describe('web host', () => {
  it('serves the renderer with a CSP, and nothing outside its folder', async () => {
    const index = await httpGet('/');
    expect(index.status).toBe(200);
    expect(index.body).toContain('<title>Turnero</title>');
    expect(String(index.headers['content-security-policy'])).toContain("default-src 'self'");
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%00']) {
      const response = await httpGet(path);
      expect(response.status, path).toBe(404);
      expect(response.body).not.toContain('not for the page');
    }
  });

  it('refuses a WebSocket without the token or from another origin', async () => {
    await expect(connect({ token: 'guessed' })).rejects.toThrow('refused with 403');
    await expect(connect({ token: '' })).rejects.toThrow('refused with 403');
    await expect(connect({ origin: 'http://evil.example' })).rejects.toThrow('refused with 403');
    await expect(connect({ origin: 'null' })).rejects.toThrow('refused with 403');
  });

  it('refuses a WebSocket with a wrong session cookie, or the right one from another origin', async () => {
    await expect(connect({ cookie: 'turnero-session=guessed' })).rejects.toThrow('403');
    await expect(connect({ cookie: `other=${secret}` })).rejects.toThrow('403');
    await expect(connect({ cookie: `turnero-session=${secret}x` })).rejects.toThrow('403');
    const cookie = `turnero-session=${secret}`;
    await expect(connect({ cookie, origin: 'http://evil.example' })).rejects.toThrow('403');
    await expect(connect({ cookie, origin: 'http://127.0.0.1:1' })).rejects.toThrow('403');
    const ws = await connect({ cookie: `lang=es; ${cookie}` });
    try {
      expect(await call(ws, { id: 1, channel: 'kiosk:get-state', payload: {} })).toMatchObject({
        ok: true,
      });
    } finally {
      ws.close();
    }
  });

  it('trades a launch address for the session cookie once, and refuses it after that', async () => {
    const launch = new URL(host.launchUrl());
    expect(launch.href).not.toContain(secret);
    const path = `${launch.pathname}${launch.search}`;
    const first = await httpGet(path);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    expect(first.headers['set-cookie']).toEqual([
      `turnero-session=${secret}; HttpOnly; SameSite=Strict; Path=/`,
    ]);

    const again = await httpGet(path);
    expect(again.status).toBe(403);
    expect(again.headers['set-cookie']).toBeUndefined();
    expect(again.body).not.toContain(secret);
    expect((await httpGet('/?launch=guessed')).status).toBe(403);
  });

  it('lets a launch address expire unused after its lifetime', () => {
    let now = 1_000;
    const tokens = new LaunchTokens(60_000, () => now);
    const used = tokens.issue();
    const late = tokens.issue();
    now += 59_999;
    expect(tokens.consume(used)).toBe(true);
    now += 1;
    expect(tokens.consume(late)).toBe(false);
    expect(tokens.consume(used)).toBe(false);
  });

  it('answers the contract and refuses invalid payloads without changing anything', async () => {
    const ws = await connect();
    try {
      const state = await call(ws, { id: 1, channel: 'kiosk:get-state', payload: {} });
      expect(state).toMatchObject({
        ok: true,
        value: { siteName: 'Ayuntamiento de Villanueva de la Peña', connectivity: 'online' },
      });

      ws.send('this is not json');
      ws.send(Buffer.from([0xff, 0x00, 0x13]));
      expect(await call(ws, { id: 2, channel: 'checkin:submit', payload: { input: 7 } })).toEqual({
        ok: false,
        error: { code: 'invalid-payload' },
      });
      expect(await call(ws, { id: 3, channel: 'admin:wipe', payload: {} })).toEqual({
        ok: false,
        error: { code: 'unknown-channel' },
      });
      expect(await call(ws, { id: 4, channel: { toString: 1 }, payload: {} })).toEqual({
        ok: false,
        error: { code: 'invalid-payload' },
      });

      const issued = await call(ws, {
        id: 5,
        channel: 'checkin:submit',
        payload: { input: 'TRN-7K4P9Q', source: 'keyboard-wedge' },
      });
      expect(issued).toMatchObject({
        ok: true,
        value: { outcome: 'issued', ticket: { number: 'E-001' } },
      });
      const again = await call(ws, {
        id: 6,
        channel: 'checkin:submit',
        payload: { input: 'trn 7k4p9q', source: 'touch' },
      });
      expect(again).toMatchObject({
        ok: true,
        value: { outcome: 'already-issued', ticket: { number: 'E-001' } },
      });
    } finally {
      ws.close();
    }
  });

  it('closes a socket that sends an over-long frame, and keeps serving', async () => {
    const ws = await connect();
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send('x'.repeat(70 * 1024));
    expect(await closed).toBe(1009); // "message too big"
    const next = await connect();
    try {
      expect(await call(next, { id: 1, channel: 'kiosk:get-state', payload: {} })).toMatchObject({
        ok: true,
      });
    } finally {
      next.close();
    }
  });

  it('pushes the virtual printer preview to the page as an event', async () => {
    const ws = await connect();
    try {
      const preview = new Promise<unknown>((resolve) =>
        ws.on('message', (data) => {
          const frame = JSON.parse(data.toString()) as WsServerFrame;
          if (frame.kind === 'event' && frame.event === 'printer:ticket-rendered')
            resolve(frame.payload);
        }),
      );
      const result = await call(ws, {
        id: 1,
        channel: 'checkin:submit',
        payload: { input: 'TRN-3MX8RT', source: 'touch' },
      });
      expect(result).toMatchObject({
        ok: true,
        value: { ticket: { number: 'R-001', printStatus: 'printed' } },
      });
      expect(await preview).toMatchObject({ text: expect.stringContaining('R-001') });
    } finally {
      ws.close();
    }
  });
});

/** The renderer's bridge over Node's `ws`, sending what Chromium sends: the Origin and the cookie. */
function nodeSocket(url: string, origin: string, cookie: string): SocketLike {
  const ws = new WebSocket(url, { origin, headers: { cookie } });
  const socket: SocketLike = {
    get readyState() {
      return ws.readyState;
    },
    send: (data) => ws.send(data),
    close: () => ws.close(),
    onopen: null,
    onclose: null,
    onerror: null,
    onmessage: null,
  };
  ws.on('open', () => socket.onopen?.(new Event('open')));
  ws.on('message', (data) =>
    socket.onmessage?.(new MessageEvent('message', { data: String(data) })),
  );
  ws.on('error', () => socket.onerror?.(new Event('error')));
  // Node 20 has no CloseEvent; the bridge does not read it.
  ws.on('close', () => socket.onclose?.(new Event('close') as CloseEvent));
  return socket;
}

describe('web host restarts', () => {
  it('keeps one secret for the installation, in a file only the kiosk user can read', () => {
    const file = join(dataDir, 'web-host', 'secret');
    expect(readFileSync(file, 'utf8').trim()).toBe(secret);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('an open page reconnects by itself to a host restarted on the same data folder', async () => {
    const origin = `http://127.0.0.1:${host.port}`;
    const bridge = createWebBridge({
      url: `ws://127.0.0.1:${host.port}/ws`,
      createSocket: (url) => nodeSocket(url, origin, `turnero-session=${secret}`),
      connectWaitMs: 2_000,
      backoffInitialMs: 20,
      backoffMaxMs: 100,
    });
    try {
      expect(await bridge.invoke('kiosk:get-state', {})).toMatchObject({ ok: true });
      const { port, url } = host;

      await host.close(); // as far as the page can tell, a crash
      expect(await bridge.invoke('kiosk:get-state', {})).toEqual({
        ok: false,
        error: { code: 'internal' },
      });
      host = await startStableWebHost({ app, rendererDir, dataDir });
      expect(host.port).toBe(port);
      expect(host.url).toBe(url);
      expect(host.movedFrom).toBeNull();

      expect(await bridge.invoke('kiosk:get-state', {})).toMatchObject({ ok: true });
    } finally {
      bridge.close();
    }
  });

  it('serves on another port when the remembered one is taken, and says so; --port wins', async () => {
    const { port } = host;
    await host.close();
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.1', resolve));
    try {
      host = await startStableWebHost({ app, rendererDir, dataDir });
      expect(host.port).not.toBe(port);
      expect(host.movedFrom).toBe(port);
      expect(new URL(host.url).searchParams.get('token')).toBe(secret);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
    await host.close();
    host = await startStableWebHost({ app, rendererDir, dataDir, port });
    expect(host.port).toBe(port);
    await host.close();
    // The port served last is the one remembered.
    host = await startStableWebHost({ app, rendererDir, dataDir });
    expect(host.port).toBe(port);
  });
});
