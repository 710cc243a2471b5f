/**
 * The web host end to end at the transport level: the real kiosk services (a Turnero server with
 * the demo seed, virtual printer, real SQLite) behind the real HTTP + WebSocket server.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { IpcResult, WsServerFrame } from '../../src-shared/contract/ipc';
import { startKiosk } from '../../src-main/app/start-kiosk';
import type { Kiosk } from '../../src-main/app/kiosk';
import { parseConfig } from '../../src-main/config/load-config';
import { startWebHost, type WebHost } from '../../src-main/hosts/web/web-host';
import { startTurneroServer, type TurneroServer } from '../../server/server';
import { loadSeed } from '../../server/seed';
import { makeTempDir } from '../support/temp-dir';

let dir: ReturnType<typeof makeTempDir>;
let server: TurneroServer;
let app: Kiosk;
let host: WebHost;

beforeAll(async () => {
  dir = makeTempDir('web-host');
  const rendererDir = join(dir.path, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Turnero</title>');
  writeFileSync(join(dir.path, 'secret.txt'), 'not for the page');
  server = await startTurneroServer({
    port: 0,
    dbFile: join(dir.path, 'server.sqlite'),
    seed: loadSeed('demo'),
  });
  const config = parseConfig(
    { dataDir: join(dir.path, 'data'), api: { baseUrl: server.url } },
    null,
  );
  app = await startKiosk({ config, defaultDataDir: dir.path, log: () => undefined });
  host = await startWebHost({ app, rendererDir });
});

afterAll(async () => {
  await host.close();
  await app.stop();
  await server.close();
  dir.remove();
});

function httpGet(
  path: string,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
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

function connect(options: { token?: string; origin?: string } = {}): Promise<WebSocket> {
  const token = options.token ?? host.token;
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws?token=${encodeURIComponent(token)}`, {
    origin: options.origin ?? `http://127.0.0.1:${host.port}`,
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

  it('refuses a WebSocket without the launch token or from another origin', async () => {
    await expect(connect({ token: 'guessed' })).rejects.toThrow('refused with 403');
    await expect(connect({ token: '' })).rejects.toThrow('refused with 403');
    await expect(connect({ origin: 'http://evil.example' })).rejects.toThrow('refused with 403');
    await expect(connect({ origin: 'null' })).rejects.toThrow('refused with 403');
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
