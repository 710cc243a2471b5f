/**
 * The composed kiosk (store, sync, printer, scanner wiring) against a real reference server that
 * goes away and comes back: the kiosk starts from its cache, says it is offline, keeps issuing
 * tickets, and delivers them once the town hall is back.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KioskState } from '../../src-shared/contract/ipc';
import { startKiosk } from '../../src-main/app/start-kiosk';
import type { Kiosk } from '../../src-main/app/kiosk';
import { parseConfig } from '../../src-main/config/load-config';
import { startTurneroServer } from '../../server/server';
import { loadSeed } from '../../server/seed';
import { untilKioskState } from '../support/kiosk-state-wait';
import { makeTempDir } from '../support/temp-dir';

type Server = Awaited<ReturnType<typeof startTurneroServer>>;

async function until<T>(
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  timeoutMs = 15000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('kiosk app with a town hall that goes down', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let server: Server | null;
  let app: Kiosk | null;

  beforeEach(() => {
    dir = makeTempDir('kiosk-app');
    server = null;
    app = null;
  });
  afterEach(async () => {
    await app?.stop();
    await server?.close();
    dir.remove();
  });

  const startServer = (port = 0) =>
    startTurneroServer({
      port,
      dbFile: join(dir.path, 'townhall.sqlite'),
      seed: loadSeed('demo'),
    });

  const startApp = (baseUrl: string) =>
    startKiosk({
      config: parseConfig(
        { dataDir: join(dir.path, 'kiosk'), api: { baseUrl, pollSeconds: 5 } },
        null,
      ),
      defaultDataDir: dir.path,
      log: () => undefined,
    });

  it('starts from its cache when offline, issues tickets, and delivers them when back', async () => {
    server = await startServer();
    const { port, url } = server;
    app = await startApp(url);
    // Start-up does not wait for the first sync: the test does.
    const online = await untilKioskState(app, (s) => s.lastSyncAt !== null, 'the first sync');
    expect(online).toMatchObject({
      connectivity: 'online',
      siteName: 'Ayuntamiento de Villanueva de la Peña',
    });
    expect(
      await app.dispatch('checkin:submit', { input: 'TRN-7K4P9Q', source: 'touch' }),
    ).toMatchObject({
      ok: true,
      value: { ticket: { number: 'E-001' } },
    });
    await until(
      async () => (await server?.admin.checkIns())?.length === 1,
      'first check-in delivered',
    );
    await app.stop();
    await server.close();
    server = null;

    app = await startApp(url);
    const offlineState = await untilKioskState(
      app,
      (s) => s.connectivity !== 'connecting',
      'the first sync attempt',
    );
    expect(offlineState).toMatchObject({
      connectivity: 'offline',
      siteName: 'Ayuntamiento de Villanueva de la Peña',
      readiness: 'ready',
    });
    const offline = await app.dispatch('checkin:submit', { input: 'TRN-B8N3VJ', source: 'touch' });
    expect(offline).toMatchObject({
      ok: true,
      value: { outcome: 'issued', ticket: { number: 'E-002' } },
    });

    const states: KioskState[] = [];
    app.onEvent(({ event, payload }) => {
      if (event === 'kiosk:state-changed') states.push(payload as KioskState);
    });
    server = await startServer(port);
    await until(
      async () => (await server?.admin.checkIns())?.length === 2,
      'offline check-in delivered',
      20000,
    );
    expect((await server.admin.checkIns()).map((c) => c.ticketNumber).sort()).toEqual([
      'E-001',
      'E-002',
    ]);
    await until(() => states.some((s) => s.connectivity === 'online'), 'back online');
  });
});

describe('web host CLI', () => {
  it('refuses to start with a bad configuration, naming the field, and touches nothing', () => {
    const dir = makeTempDir('cli');
    try {
      const dataDir = join(dir.path, 'data');
      const file = join(dir.path, 'kiosk.json');
      writeFileSync(file, JSON.stringify({ dataDir, printer: { transport: 'lpt1:' } }));
      const run = spawnSync(
        process.execPath,
        ['--import', 'tsx', 'src-main/hosts/web/cli.ts', '--config', file, '--headless'],
        { encoding: 'utf8', timeout: 30000 },
      );
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/printer\.transport: expected "virtual"/);
      expect(run.stdout).not.toMatch(/Turnero kiosk: http/);
      expect(existsSync(dataDir)).toBe(false);
    } finally {
      dir.remove();
    }
  });
});
