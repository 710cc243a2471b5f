/**
 * The Electron host as an appliance, tested without Electron: the Electron binary cannot be
 * downloaded or run on the development and CI machines, so the `electron` module is replaced by
 * a MOCK OF ELECTRON (`electronMock` below: EventEmitters and vi.fn spies). Timers and the clock
 * are vitest's fake ones; the start counter is a real file in a temporary folder.
 */
import { EventEmitter } from 'node:events';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Kiosk, StartKioskOptions } from '../../src-main/app/kiosk';
import { parseConfig } from '../../src-main/config/load-config';
import type { Config } from '../../src-main/config/schema';
import { APP_ENTRY_URL } from '../../src-main/hosts/electron/app-protocol';
import { RENDERER_GAVE_UP_EXIT_CODE } from '../../src-main/hosts/electron/appliance';
import { startElectronHost } from '../../src-main/hosts/electron/electron-host';
import {
  RELOAD_DELAY_MS,
  RELOAD_LIMIT,
  UNRESPONSIVE_GRACE_MS,
} from '../../src-main/hosts/electron/renderer-watchdog';
import { isBlockedShortcut, type KeyInput } from '../../src-main/hosts/electron/shortcut-guard';
import { HEALTHY_AFTER_MS, START_COUNT_FILE } from '../../src-main/hosts/electron/start-health';
import { makeTempDir } from '../support/temp-dir';

// ---------------------------------------------------------------------------------------------
// MOCK OF ELECTRON: only what electron-host.ts and its appliance modules touch.

const electronMock = vi.hoisted(() => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { EventEmitter: Emitter } = require('node:events') as {
    EventEmitter: typeof EventEmitter;
  };
  class MockApp extends Emitter {
    isPackaged = true;
    readonly enableSandbox = vi.fn();
    readonly requestSingleInstanceLock = vi.fn(() => true);
    readonly whenReady = vi.fn(() => Promise.resolve());
    readonly quit = vi.fn();
    readonly exit = vi.fn();
  }
  let nextBlocker = 1;
  const powerSaveBlocker = {
    active: new Set<number>(),
    start: vi.fn((_type: string) => {
      const id = nextBlocker++;
      powerSaveBlocker.active.add(id);
      return id;
    }),
    stop: vi.fn((id: number) => powerSaveBlocker.active.delete(id)),
  };
  const session = {
    defaultSession: {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
      setDisplayMediaRequestHandler: vi.fn(),
      webRequest: { onBeforeRequest: vi.fn() },
    },
  };
  return {
    state: { app: new MockApp(), windows: [] as unknown[] },
    MockApp,
    powerSaveBlocker,
    session,
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    ipcMain: { handle: vi.fn() },
    dialog: { showErrorBox: vi.fn() },
    Menu: { setApplicationMenu: vi.fn() },
    net: { fetch: vi.fn() },
  };
});

class MockWebContents extends EventEmitter {
  readonly send = vi.fn();
  readonly setWindowOpenHandler = vi.fn();
  readonly forcefullyCrashRenderer = vi.fn();
  readonly openDevTools = vi.fn();
  readonly setVisualZoomLevelLimits = vi.fn(async () => undefined);
  readonly setZoomFactor = vi.fn();
  readonly mainFrame = { url: 'app://turnero/', processId: 1, routingId: 1, parent: null };
  readonly id = 1;
  isDestroyed(): boolean {
    return false;
  }
}

class MockBrowserWindow extends EventEmitter {
  readonly webContents = new MockWebContents();
  readonly loadURL = vi.fn(async (_url: string) => {
    this.webContents.emit('did-finish-load');
  });
  readonly show = vi.fn();
  readonly removeMenu = vi.fn();
  readonly focus = vi.fn();
  readonly restore = vi.fn();
  constructor(readonly options: Record<string, unknown>) {
    super();
    electronMock.state.windows.push(this);
  }
  isDestroyed(): boolean {
    return false;
  }
  isMinimized(): boolean {
    return true;
  }
}

vi.mock('electron', () => ({
  get app() {
    return electronMock.state.app;
  },
  get BrowserWindow() {
    return MockBrowserWindow;
  },
  powerSaveBlocker: electronMock.powerSaveBlocker,
  session: electronMock.session,
  protocol: electronMock.protocol,
  ipcMain: electronMock.ipcMain,
  dialog: electronMock.dialog,
  Menu: electronMock.Menu,
  net: electronMock.net,
}));

// ---------------------------------------------------------------------------------------------

interface Started {
  window: MockBrowserWindow;
  kiosk: Kiosk & { stop: ReturnType<typeof vi.fn> };
  lines: string[];
}

let dir: ReturnType<typeof makeTempDir>;

async function startHost(
  options: { config?: unknown; argv?: string[]; env?: NodeJS.ProcessEnv } = {},
): Promise<Started> {
  const lines: string[] = [];
  const config: Config = parseConfig(
    { api: { baseUrl: 'https://turnero.example.es' }, ...(options.config as object) },
    null,
  );
  const kiosk = {
    config,
    dispatch: vi.fn(),
    onEvent: () => () => undefined,
    stop: vi.fn(async () => undefined),
  };
  const host = startElectronHost({
    argv: options.argv ?? ['turnero'],
    env: options.env ?? {},
    mainDir: '/opt/Turnero/resources/app.asar/dist/main',
    rendererDir: '/opt/Turnero/resources/app.asar/dist/renderer',
    loadConfig: () => ({ config }),
    startKiosk: async (_options: StartKioskOptions) => kiosk,
    log: (line) => lines.push(line),
  });
  const running = await host.ready;
  if (!running) throw new Error('the host did not start');
  return { window: running.window as unknown as MockBrowserWindow, kiosk, lines };
}

const gone = (window: MockBrowserWindow, reason = 'crashed', exitCode = 139) =>
  window.webContents.emit('render-process-gone', {}, { reason, exitCode });

beforeEach(() => {
  vi.useFakeTimers();
  // A Monday in March, 10:00 in Madrid: the office is open (default hours 07:00–21:00).
  vi.setSystemTime(new Date('2026-03-02T09:00:00Z'));
  electronMock.state.app = new electronMock.MockApp();
  electronMock.state.windows.length = 0;
  electronMock.powerSaveBlocker.active.clear();
  electronMock.powerSaveBlocker.start.mockClear();
  electronMock.powerSaveBlocker.stop.mockClear();
  dir = makeTempDir('electron-appliance');
});

afterEach(() => {
  vi.useRealTimers();
  dir.remove();
});

describe('single instance (Electron mocked)', () => {
  it('a second launch is refused and brings the first window to the front', async () => {
    const { window, lines } = await startHost();
    electronMock.state.app.emit('second-instance', {}, ['turnero']);
    expect(window.restore).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
    expect(lines).toContain('a second launch was refused: showing this kiosk');
  });

  it('the second process quits without opening a window', async () => {
    electronMock.state.app.requestSingleInstanceLock.mockReturnValue(false);
    const host = startElectronHost({
      argv: ['turnero'],
      env: {},
      mainDir: '/x',
      rendererDir: '/y',
      loadConfig: () => ({ config: parseConfig({}, null) }),
      startKiosk: vi.fn(),
      log: () => undefined,
    });
    expect(await host.ready).toBeNull();
    expect(electronMock.state.app.quit).toHaveBeenCalled();
    expect(electronMock.state.windows).toHaveLength(0);
  });
});

describe('renderer watchdog (Electron mocked)', () => {
  it('reloads the page after a renderer crash, logging the reason', async () => {
    const { window, lines } = await startHost();
    window.loadURL.mockClear();
    gone(window, 'oom', -1);
    expect(window.loadURL).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(RELOAD_DELAY_MS);
    expect(window.loadURL).toHaveBeenCalledWith(APP_ENTRY_URL);
    expect(lines).toContain(
      'renderer gone (oom, exit code -1): reloading (1 of 5 allowed in 10 minutes)',
    );
  });

  it('reloads a hung page after the grace time, not before, and not if it recovers', async () => {
    const { window, lines } = await startHost();
    window.loadURL.mockClear();
    window.webContents.emit('unresponsive');
    await vi.advanceTimersByTimeAsync(UNRESPONSIVE_GRACE_MS - 1);
    window.webContents.emit('responsive');
    await vi.advanceTimersByTimeAsync(UNRESPONSIVE_GRACE_MS);
    expect(window.webContents.forcefullyCrashRenderer).not.toHaveBeenCalled();

    window.webContents.emit('unresponsive');
    await vi.advanceTimersByTimeAsync(UNRESPONSIVE_GRACE_MS);
    expect(window.webContents.forcefullyCrashRenderer).toHaveBeenCalledTimes(1);
    // Electron then reports the killed renderer: it is the same reload, counted once.
    gone(window, 'killed', 9);
    await vi.advanceTimersByTimeAsync(RELOAD_DELAY_MS);
    expect(window.loadURL).toHaveBeenCalledTimes(1);
    expect(lines.filter((line) => line.includes(': reloading ('))).toEqual([
      'renderer unresponsive for 10 s: reloading (1 of 5 allowed in 10 minutes)',
    ]);
  });

  it('gives up after 5 reloads in 10 minutes: stops the kiosk and exits non-zero', async () => {
    const { window, kiosk, lines } = await startHost();
    for (let crash = 0; crash < RELOAD_LIMIT; crash += 1) {
      gone(window);
      await vi.advanceTimersByTimeAsync(60_000);
    }
    expect(electronMock.state.app.exit).not.toHaveBeenCalled();
    gone(window);
    await vi.advanceTimersByTimeAsync(0);
    expect(kiosk.stop).toHaveBeenCalled();
    expect(electronMock.state.app.exit).toHaveBeenCalledWith(RENDERER_GAVE_UP_EXIT_CODE);
    expect(RENDERER_GAVE_UP_EXIT_CODE).not.toBe(0);
    expect(lines.at(-1)).toMatch(/after 5 reloads in 10 minutes: giving up/);
  });

  it('forgets reloads older than 10 minutes', async () => {
    const { window } = await startHost();
    for (let crash = 0; crash < RELOAD_LIMIT * 3; crash += 1) {
      gone(window);
      await vi.advanceTimersByTimeAsync(2.5 * 60_000);
    }
    expect(electronMock.state.app.exit).not.toHaveBeenCalled();
    expect(window.loadURL).toHaveBeenCalledTimes(1 + RELOAD_LIMIT * 3);
  });
});

describe('display kept awake during opening hours (Electron mocked, fake clock)', () => {
  it('blocks display sleep while open, releases it at closing, takes it again at opening', async () => {
    const { lines } = await startHost({
      config: { appliance: { openingHours: { mon: ['08:00-14:00'], tue: ['08:00-14:00'] } } },
    });
    expect(electronMock.powerSaveBlocker.start).toHaveBeenCalledWith('prevent-display-sleep');
    expect(electronMock.powerSaveBlocker.active.size).toBe(1);
    // 14:00 Madrid = 13:00 UTC: four hours later.
    await vi.advanceTimersByTimeAsync(4 * 3600_000 - 1000);
    expect(electronMock.powerSaveBlocker.active.size).toBe(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(electronMock.powerSaveBlocker.active.size).toBe(0);
    expect(lines).toContain('office closed: the display may sleep');
    // Tuesday 08:00 Madrid.
    await vi.advanceTimersByTimeAsync(18 * 3600_000);
    expect(electronMock.powerSaveBlocker.active.size).toBe(1);
    expect(electronMock.powerSaveBlocker.start).toHaveBeenCalledTimes(2);
  });

  it('uses the site time zone: 08:30 in the Canaries is an hour later than in Madrid', async () => {
    vi.setSystemTime(new Date('2026-03-02T08:00:00Z'));
    await startHost({
      config: {
        timeZone: 'Atlantic/Canary',
        appliance: { openingHours: { mon: ['08:30-14:00'] } },
      },
    });
    expect(electronMock.powerSaveBlocker.active.size).toBe(0);
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    expect(electronMock.powerSaveBlocker.active.size).toBe(1);
  });
});

describe('no way out of the kiosk (Electron mocked)', () => {
  const key = (changes: Partial<KeyInput>): KeyInput => ({
    type: 'keyDown',
    key: 'a',
    control: false,
    meta: false,
    alt: false,
    shift: false,
    ...changes,
  });

  it('refuses reload, DevTools, zoom, quit and history shortcuts before the page sees them', async () => {
    const { window, lines } = await startHost();
    const blocked = [
      key({ key: 'r', control: true }),
      key({ key: 'R', control: true, shift: true }),
      key({ key: 'F5' }),
      key({ key: 'F12' }),
      key({ key: 'I', control: true, shift: true }),
      key({ key: 'C', control: true, shift: true }),
      key({ key: 'q', control: true }),
      key({ key: 'w', meta: true }),
      key({ key: '+', control: true }),
      key({ key: '-', control: true }),
      key({ key: '0', control: true }),
      key({ key: 'F4', alt: true }),
      key({ key: 'ArrowLeft', alt: true }),
      key({ key: 'p', control: true }),
    ];
    for (const input of blocked) {
      const event = { preventDefault: vi.fn() };
      window.webContents.emit('before-input-event', event, input);
      expect(event.preventDefault, JSON.stringify(input)).toHaveBeenCalled();
    }
    expect(lines).toContain('blocked shortcut Ctrl+Shift+I');
    // What a keyboard-wedge scanner and the on-screen keyboard type passes.
    for (const input of [
      key({ key: 'T', shift: true }),
      key({ key: '7' }),
      key({ key: 'Enter' }),
      key({ key: 'Backspace' }),
      key({ key: 'Tab' }),
      key({ key: 'c', control: true }),
      key({ key: 'r', control: true, type: 'keyUp' }),
    ]) {
      expect(isBlockedShortcut(input), JSON.stringify(input)).toBe(false);
    }
    expect(window.webContents.setVisualZoomLevelLimits).toHaveBeenCalledWith(1, 1);
    window.webContents.emit('zoom-changed', {}, 'in');
    expect(window.webContents.setZoomFactor).toHaveBeenCalledWith(1);
  });

  it('a production window is a kiosk without DevTools or menu', async () => {
    const { window } = await startHost();
    expect(window.options).toMatchObject({ kiosk: true, fullscreen: true, frame: false });
    expect(window.options.webPreferences).toMatchObject({ devTools: false });
    expect(window.removeMenu).toHaveBeenCalled();
    expect(electronMock.Menu.setApplicationMenu).toHaveBeenCalledWith(null);
    expect(window.webContents.openDevTools).not.toHaveBeenCalled();
  });

  it('a packaged kiosk refuses the developer window, by flag or by environment', async () => {
    for (const asked of [
      { argv: ['turnero', '--dev-window'] },
      { env: { TURNERO_DEV_WINDOW: '1' } },
    ]) {
      electronMock.state.windows.length = 0;
      const { window, lines } = await startHost(asked);
      expect(window.options).toMatchObject({ kiosk: true, frame: false });
      expect(window.webContents.openDevTools).not.toHaveBeenCalled();
      expect(lines).toContain(
        'the developer window was asked for, but a packaged kiosk never opens one',
      );
    }
  });

  it('npm start --dev-window opens a framed window with DevTools, off by default', async () => {
    electronMock.state.app.isPackaged = false;
    const plain = await startHost();
    expect(plain.window.options).toMatchObject({ kiosk: true });
    const dev = await startHost({ argv: ['electron', '.', '--dev-window'] });
    expect(dev.window.options).toMatchObject({ kiosk: false, fullscreen: false, frame: true });
    expect(dev.window.options.webPreferences).toMatchObject({ devTools: true, sandbox: true });
    expect(dev.window.webContents.openDevTools).toHaveBeenCalled();
    const event = { preventDefault: vi.fn() };
    dev.window.webContents.emit('before-input-event', event, key({ key: 'F12' }));
    expect(event.preventDefault).not.toHaveBeenCalled();
  });
});

describe('start counter for the update rollback (Electron mocked, real file)', () => {
  it('is removed once the page has been served for a minute without a crash', async () => {
    const counter = join(dir.path, START_COUNT_FILE);
    writeFileSync(counter, '1\n');
    const { window, lines } = await startHost({ env: { TURNERO_APPLIANCE_DIR: dir.path } });
    await vi.advanceTimersByTimeAsync(HEALTHY_AFTER_MS - 1000);
    gone(window);
    await vi.advanceTimersByTimeAsync(HEALTHY_AFTER_MS);
    // The crash restarted the minute: the reload's load counts from zero.
    expect(existsSync(counter)).toBe(true);
    await vi.advanceTimersByTimeAsync(RELOAD_DELAY_MS + HEALTHY_AFTER_MS);
    expect(existsSync(counter)).toBe(false);
    expect(lines).toContain('served the page for 60 s: this start counts as good');
  });

  it('is left alone outside an installed appliance', async () => {
    const counter = join(dir.path, START_COUNT_FILE);
    writeFileSync(counter, '1\n');
    await startHost();
    await vi.advanceTimersByTimeAsync(10 * HEALTHY_AFTER_MS);
    expect(existsSync(counter)).toBe(true);
  });
});
