import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it, onTestFinished } from 'vitest';
import { apiPaths, HealthResponseSchema } from '../../src-shared/contract/townhall-api';
import type { TurneroServer } from '../../server/server';
import {
  openStream,
  postTicket,
  rawErrorCode,
  rawRequest,
  request,
  serversClosedAfterEach,
  SITE,
  type ServerAddress,
  walkIn,
} from './server-kit';

const startServer = serversClosedAfterEach();
let server: TurneroServer;

type Stream = ReturnType<typeof openStream>;

/** Opens a stream as a client at `address` would; its status (200 or a refusal). */
async function openFrom(
  address: string,
  path = `/screen/stream?site=${SITE}`,
  target: ServerAddress = server,
) {
  const stream = openStream(target, path, { localAddress: address });
  const response = await stream.ready;
  return { stream, status: response.statusCode, headers: response.headers };
}

const openGauge = async () =>
  HealthResponseSchema.parse((await request(server, 'GET', apiPaths.health)).body).openStreams;

describe('reference Town Hall API: limits on event streams', () => {
  it('caps streams per client address and in all, and still answers kiosks', async () => {
    const logs: string[] = [];
    ({ server } = await startServer({
      maxStreams: 6,
      maxStreamsPerClient: 2,
      log: (line) => logs.push(line),
    }));
    const open: Stream[] = [];
    try {
      for (const address of ['127.0.0.1', '127.0.0.1']) {
        const opened = await openFrom(address);
        expect(opened.status).toBe(200);
        open.push(opened.stream);
      }
      const third = await rawRequest(server, {
        path: apiPaths.calledTurnsStream(SITE),
        localAddress: '127.0.0.1',
      });
      expect(third.status).toBe(503);
      expect(rawErrorCode(third)).toBe('internal');
      expect(Number(third.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(logs.join('\n')).toMatch(/stream.*127\.0\.0\.1.*per client/);

      for (const address of ['127.0.0.2', '127.0.0.2', '127.0.0.3', '127.0.0.3']) {
        const opened = await openFrom(address);
        expect(opened.status).toBe(200);
        open.push(opened.stream);
      }
      // Six open: a new client is refused too, now by the global cap.
      const overall = await openFrom('127.0.0.4');
      expect(overall.status).toBe(503);
      overall.stream.close();
      expect(logs.join('\n')).toMatch(/streams? .*6 open/);
      expect(await openGauge()).toBe(6);
      expect(server.admin.openStreams()).toBe(6);

      // A kiosk is still answered.
      const ticket = walkIn();
      expect((await postTicket(server, apiPaths.walkIns(SITE), ticket)).status).toBe(201);

      // A closed stream frees its place.
      open.pop()?.close();
      await expect.poll(openGauge).toBe(5);
      const again = await openFrom('127.0.0.4');
      expect(again.status).toBe(200);
      open.push(again.stream);
    } finally {
      for (const stream of open) stream.close();
    }
    await expect.poll(openGauge).toBe(0);
  });

  it('by default holds 100 streams at most, 4 per client, while kiosk requests go through', async () => {
    ({ server } = await startServer({ log: () => undefined }));
    const streams: Stream[] = [];
    const statuses: number[] = [];
    try {
      // 27 clients try 5 streams each: 135 sockets.
      for (let client = 1; client <= 27; client += 1) {
        const address = `127.0.1.${client}`;
        const attempts = await Promise.all(
          Array.from({ length: 5 }, () => openFrom(address, apiPaths.calledTurnsStream(SITE))),
        );
        for (const attempt of attempts) {
          statuses.push(attempt.status ?? 0);
          if (attempt.status === 200) streams.push(attempt.stream);
          else attempt.stream.close();
        }
      }
      expect(statuses.filter((status) => status === 200)).toHaveLength(100);
      expect(statuses.filter((status) => status === 503)).toHaveLength(35);
      expect(await openGauge()).toBe(100);
      const ticket = walkIn();
      const answer = await postTicket(server, apiPaths.walkIns(SITE), ticket);
      expect(answer.status).toBe(201);
    } finally {
      for (const stream of streams) stream.close();
    }
    await expect.poll(openGauge).toBe(0);
  });
});

/**
 * The CLI server in a process of its own, limited to 256 open files (as a small appliance may
 * be): what streams must not be able to use up.
 */
async function startLimitedServer(): Promise<ServerAddress> {
  const child = spawn(
    'sh',
    ['-c', 'ulimit -n 256 && exec node_modules/.bin/tsx server/cli.ts --port 0 --seed demo'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  onTestFinished(async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /listening on (http:\/\/[^\s]+)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ url });
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${output}`)));
  });
}

describe('reference Town Hall API: event streams against a limit of open files', () => {
  it('306 streams on a 256-file server: the cap holds and a kiosk request is answered', async () => {
    const target = await startLimitedServer();
    const accepted: Stream[] = [];
    let refused = 0;
    try {
      // 77 clients open 4 streams each (the last one 2), one client after another: 306.
      for (let client = 1; client <= 77; client += 1) {
        const address = `127.0.2.${client}`;
        const attempts = await Promise.all(
          Array.from({ length: client === 77 ? 2 : 4 }, () =>
            openFrom(address, '/screen/stream?site=demo-sac', target),
          ),
        );
        for (const attempt of attempts) {
          if (attempt.status === 200) accepted.push(attempt.stream);
          else {
            expect(attempt.status).toBe(503);
            refused += 1;
            attempt.stream.close();
          }
        }
      }
      expect(accepted).toHaveLength(100);
      expect(refused).toBe(206);
      const health = await rawRequest(target, { path: apiPaths.health });
      expect(HealthResponseSchema.parse(health.body).openStreams).toBe(100);
      const info = await rawRequest(target, { path: apiPaths.siteInfo('demo-sac') });
      expect(info.status).toBe(200);
    } finally {
      for (const stream of accepted) stream.close();
    }
  }, 60_000);
});
