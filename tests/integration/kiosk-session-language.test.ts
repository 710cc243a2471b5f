/**
 * A scan read by the main process (a serial scanner) is printed in the language the citizen
 * chose on screen, like a scan the screen submits: both go through one check-in handler.
 */
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventOf } from '../../src-shared/contract/ipc';
import type { Kiosk } from '../../src-main/app/kiosk';
import { startKiosk } from '../../src-main/app/start-kiosk';
import { parseConfig } from '../../src-main/config/load-config';
import { startTurneroServer, type TurneroServer } from '../../server/server';
import { loadSeed } from '../../server/seed';
import { openPtyPair, type PtyPair } from '../support/pty-pair';
import { firstSyncDone } from '../support/kiosk-state-wait';
import { makeTempDir } from '../support/temp-dir';

async function until<T>(probe: () => T | undefined, what: string): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('a serial scan after the citizen chose a language', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let server: TurneroServer;
  let pair: PtyPair;
  let device: SerialPort;
  let kiosk: Kiosk;
  let rendered: EventOf<'printer:ticket-rendered'>[];
  let completed: EventOf<'checkin:completed'>[];

  beforeEach(async () => {
    dir = makeTempDir('session-language');
    server = await startTurneroServer({
      port: 0,
      dbFile: join(dir.path, 'server.sqlite'),
      seed: loadSeed('demo'),
    });
    pair = await openPtyPair();
    const config = parseConfig(
      {
        dataDir: join(dir.path, 'kiosk'),
        api: { baseUrl: server.url },
        scanner: { transport: `serial:${pair.appPath}?baud=9600` },
      },
      null,
    );
    kiosk = await startKiosk({ config, defaultDataDir: dir.path, log: () => undefined });
    await firstSyncDone(kiosk);
    rendered = [];
    completed = [];
    kiosk.onEvent(({ event, payload }) => {
      if (event === 'printer:ticket-rendered') {
        rendered.push(payload as EventOf<'printer:ticket-rendered'>);
      }
      if (event === 'checkin:completed') completed.push(payload as EventOf<'checkin:completed'>);
    });
    device = await new Promise<SerialPort>((resolve, reject) => {
      const port = new SerialPort({ path: pair.devicePath, baudRate: 9600 }, (error) =>
        error ? reject(error) : resolve(port),
      );
    });
  });

  afterEach(async () => {
    if (device.isOpen) await new Promise((resolve) => device.close(resolve));
    await kiosk.stop();
    await pair.close();
    await server.close();
    dir.remove();
  });

  const scan = (code: string) =>
    new Promise<void>((resolve, reject) =>
      device.write(`${code}\r`, (error) => (error ? reject(error) : device.drain(() => resolve()))),
    );

  it('prints the English ticket when the screen was switched to English', async () => {
    const chosen = await kiosk.dispatch('session:set-language', { language: 'en' });
    expect(chosen).toEqual({ ok: true, value: { language: 'en' } });
    await scan('TRN-7K4P9Q');
    const ticket = await until(() => rendered[0], 'the printed ticket');
    expect(ticket.text).toContain('Your turn');
    expect(ticket.text).not.toContain('Su turno');
    expect(completed[0]).toMatchObject({ ok: true, value: { outcome: 'issued' } });
  });

  it('prints in the default language again once the session ended', async () => {
    await kiosk.dispatch('session:set-language', { language: 'en' });
    await kiosk.dispatch('session:set-language', { language: null });
    await scan('TRN-7K4P9Q');
    const ticket = await until(() => rendered[0], 'the printed ticket');
    expect(ticket.text).toContain('Su turno');
  });

  it('refuses a language the kiosk does not speak, changing nothing', async () => {
    expect(await kiosk.dispatch('session:set-language', { language: 'xx' })).toEqual({
      ok: false,
      error: { code: 'invalid-payload' },
    });
    const state = await kiosk.dispatch('kiosk:get-state', {});
    expect(state).toMatchObject({ ok: true, value: { sessionLanguage: 'es' } });
  });
});
