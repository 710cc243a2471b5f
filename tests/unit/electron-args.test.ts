import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { electronArguments, refusalLine } from '../../scripts/electron-args.mjs';

const KIOSK = {};
const DEVELOPER = { TURNERO_DEV: '1' };

describe("npm start's arguments to Electron", () => {
  it('passes the kiosk its configuration, in either spelling', () => {
    expect(electronArguments(['--config', '/etc/turnero/kiosk.json'], KIOSK)).toEqual({
      args: ['--config', '/etc/turnero/kiosk.json'],
      refused: [],
    });
    expect(electronArguments(['--config=/etc/turnero/kiosk.json'], KIOSK)).toEqual({
      args: ['--config=/etc/turnero/kiosk.json'],
      refused: [],
    });
    expect(electronArguments([], KIOSK)).toEqual({ args: [], refused: [] });
  });

  it('passes --dev-window: the kiosk itself grants it only when not packaged', () => {
    expect(electronArguments(['--dev-window', '--config', 'kiosk.json'], KIOSK)).toEqual({
      args: ['--dev-window', '--config', 'kiosk.json'],
      refused: [],
    });
  });

  it('refuses Chromium and Node switches outside developer mode', () => {
    const switches = [
      '--remote-debugging-port=9222',
      '--remote-debugging-pipe',
      '--inspect',
      '--inspect-brk=9229',
      '--js-flags=--allow-natives-syntax',
      '--remote-allow-origins=*',
      '--enable-logging',
      '--no-sandbox',
      'https://example.org',
    ];
    for (const arg of switches) {
      expect(electronArguments(['--config', 'kiosk.json', arg], KIOSK), arg).toEqual({
        args: ['--config', 'kiosk.json'],
        refused: [arg],
      });
    }
  });

  it('does not let a switch ride in as the value of --config', () => {
    expect(electronArguments(['--config', '--inspect'], KIOSK)).toEqual({
      args: ['--config'],
      refused: ['--inspect'],
    });
  });

  it('passes everything on a development machine (TURNERO_DEV=1)', () => {
    const argv = ['--config', 'kiosk.json', '--remote-debugging-port=9222', '--enable-logging'];
    expect(electronArguments(argv, DEVELOPER)).toEqual({ args: argv, refused: [] });
    expect(electronArguments(argv, { TURNERO_DEV: 'yes' }).refused).toEqual([
      '--remote-debugging-port=9222',
      '--enable-logging',
    ]);
  });

  it('the launcher refuses in one line with exit code 2, before it looks for Electron', () => {
    const run = spawnSync(
      process.execPath,
      ['scripts/start-electron.mjs', '--config', 'kiosk.json', '--inspect=9229'],
      { encoding: 'utf8', env: { ...process.env, TURNERO_DEV: '' }, timeout: 20_000 },
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`${refusalLine(['--inspect=9229'])}\n`);
    expect(run.stderr).toMatch(/^Turnero: refusing --inspect=9229: .*TURNERO_DEV=1/);
  });
});
