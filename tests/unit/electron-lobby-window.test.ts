/**
 * The lobby screen's second window (issue 14 item 2), tested without Electron: the Electron
 * binary cannot be downloaded or run on the development and CI machines, so the `electron`
 * module is replaced by a MOCK OF ELECTRON (`electronMock` below: EventEmitters and vi.fn spies),
 * with a `screen` whose displays the tests plug in and out. The placing rules
 * (lobby-window.ts) are tested directly too.
 */
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ELECTRON_EVENT_CHANNEL } from '../../src-shared/contract/ipc';
import type { Kiosk, StartKioskOptions } from '../../src-main/app/kiosk';
import type { KioskEvent } from '../../src-main/ipc/kiosk-events';
import { parseConfig } from '../../src-main/config/load-config';
import { APP_ENTRY_URL } from '../../src-main/hosts/electron/app-protocol';
import {
  startElectronHost,
  UntrustedSenderError,
} from '../../src-main/hosts/electron/electron-host';
import {
  chooseLobbyDisplay,
  isLobbyPageUrl,
  LOBBY_ENTRY_URL,
  LOBBY_RELOAD_DELAY_MS,
  type DisplayFacts,
} from '../../src-main/hosts/electron/lobby-window';
import { kioskWindowOptions } from '../../src-main/hosts/electron/window-options';

// ---------------------------------------------------------------------------------------------
// MOCK OF ELECTRON: what electron-host.ts touches, and a screen with displays.

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
  class MockScreen extends Emitter {
    displays: { id: number; bounds: { x: number; y: number; width: number; height: number } }[] =
      [];
    getAllDisplays() {
      return this.displays.map((display) => ({ ...display, bounds: { ...display.bounds } }));
    }
    getDisplayMatching(rect: { x: number; y: number }) {
      const inside = this.displays.find(
        ({ bounds }) =>
          rect.x >= bounds.x &&
          rect.x < bounds.x + bounds.width &&
          rect.y >= bounds.y &&
          rect.y < bounds.y + bounds.height,
      );
      return inside ?? this.displays[0];
    }
  }
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
    state: { app: new MockApp(), screen: new MockScreen(), windows: [] as unknown[] },
    MockApp,
    MockScreen,
    session,
    powerSaveBlocker: { start: vi.fn(() => 1), stop: vi.fn() },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    ipcMain: { handle: vi.fn() },
    dialog: { showErrorBox: vi.fn() },
    Menu: { setApplicationMenu: vi.fn() },
    net: { fetch: vi.fn() },
  };
});

let nextContentsId = 1;

class MockWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  readonly send = vi.fn();
  readonly setWindowOpenHandler = vi.fn();
  readonly forcefullyCrashRenderer = vi.fn();
  readonly setVisualZoomLevelLimits = vi.fn(async () => undefined);
  readonly setZoomFactor = vi.fn();
  readonly mainFrame = { url: '', processId: 100 + this.id, routingId: 1, parent: null };
  destroyed = false;
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

class MockBrowserWindow extends EventEmitter {
  readonly webContents = new MockWebContents();
  readonly loadURL = vi.fn(async (url: string) => {
    this.webContents.mainFrame.url = url;
    this.emit('ready-to-show');
  });
  readonly show = vi.fn();
  readonly showInactive = vi.fn();
  readonly removeMenu = vi.fn();
  readonly setFullScreen = vi.fn();
  readonly setBounds = vi.fn();
  readonly close = vi.fn(() => {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  });
  destroyed = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    electronMock.state.windows.push(this);
  }
  getBounds() {
    const { x = 0, y = 0, width = 1080, height = 1920 } = this.options as Record<string, number>;
    return { x, y, width, height };
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return false;
  }
}

vi.mock('electron', () => ({
  get app() {
    return electronMock.state.app;
  },
  get screen() {
    return electronMock.state.screen;
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

const TOTEM: DisplayFacts = { id: 7, bounds: { x: 0, y: 0, width: 1080, height: 1920 } };
const TV: DisplayFacts = { id: 42, bounds: { x: 1080, y: 0, width: 1920, height: 1080 } };

type InvokeHandler = (event: unknown, request: unknown) => Promise<unknown>;

async function startHost(lobby: Record<string, unknown>) {
  const lines: string[] = [];
  const config = parseConfig(
    { api: { baseUrl: 'https://turnero.example.es' }, siteId: 'sac', lobby },
    null,
  );
  const listeners = new Set<(event: KioskEvent) => void>();
  const kiosk = {
    config,
    dispatch: vi.fn(async (channel: unknown) => ({ ok: true, value: { answered: channel } })),
    onEvent: (listener: (event: KioskEvent) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop: vi.fn(async () => undefined),
  };
  const host = startElectronHost({
    argv: ['turnero'],
    env: {},
    mainDir: '/opt/Turnero/resources/app.asar/dist/main',
    rendererDir: '/opt/Turnero/resources/app.asar/dist/renderer',
    loadConfig: () => ({ config }),
    startKiosk: async (_options: StartKioskOptions) => kiosk as unknown as Kiosk,
    log: (line) => lines.push(line),
  });
  const running = await host.ready;
  if (!running) throw new Error('the host did not start');
  const invoke = electronMock.ipcMain.handle.mock.calls.at(-1)?.[1] as InvokeHandler;
  const emit = (event: KioskEvent) => listeners.forEach((listener) => listener(event));
  return {
    kioskWindow: running.window as unknown as MockBrowserWindow,
    kiosk,
    invoke,
    emit,
    lines,
  };
}

const windows = () => electronMock.state.windows as MockBrowserWindow[];
const lobbyWindows = () =>
  windows().filter((window) => window.loadURL.mock.calls[0]?.[0] === LOBBY_ENTRY_URL);
const openLobbyWindows = () => lobbyWindows().filter((window) => !window.destroyed);

/** An IPC event as Electron makes it for the main frame of `window`. */
const ipcEventFrom = (window: MockBrowserWindow, url = window.webContents.mainFrame.url) => ({
  sender: window.webContents,
  senderFrame: { ...window.webContents.mainFrame, url, parent: null },
});

beforeEach(() => {
  electronMock.state.app = new electronMock.MockApp();
  electronMock.state.screen = new electronMock.MockScreen();
  electronMock.state.screen.displays = [TOTEM, TV];
  electronMock.state.windows.length = 0;
  electronMock.ipcMain.handle.mockClear();
});

afterEach(() => {
  electronMock.state.screen.removeAllListeners();
});

describe('the lobby display: which one', () => {
  const left = { id: 3, bounds: { x: -1920, y: 0, width: 1920, height: 1080 } };
  const below = { id: 4, bounds: { x: 0, y: 1920, width: 1920, height: 1080 } };

  it('counts displays left to right, then top to bottom, and never takes the kiosk’s', () => {
    const displays = [TV, TOTEM, below, left];
    expect(chooseLobbyDisplay(displays, 0, TOTEM.id)?.id).toBe(3);
    expect(chooseLobbyDisplay(displays, 1, TOTEM.id)).toBeNull();
    expect(chooseLobbyDisplay(displays, 2, TOTEM.id)?.id).toBe(4);
    expect(chooseLobbyDisplay(displays, 3, TOTEM.id)?.id).toBe(42);
    expect(chooseLobbyDisplay(displays, 4, TOTEM.id)).toBeNull();
    expect(chooseLobbyDisplay(displays, 'id:42', TOTEM.id)?.id).toBe(42);
    expect(chooseLobbyDisplay(displays, 'id:43', TOTEM.id)).toBeNull();
    expect(chooseLobbyDisplay(displays, null, TOTEM.id)).toBeNull();
  });

  it('knows the lobby page from any other app page', () => {
    expect(isLobbyPageUrl(LOBBY_ENTRY_URL)).toBe(true);
    expect(isLobbyPageUrl(APP_ENTRY_URL)).toBe(false);
    expect(isLobbyPageUrl('https://evil.example/lobby.html')).toBe(false);
  });
});

describe('the lobby window (Electron mocked)', () => {
  it('opens none when the configuration names no display', async () => {
    await startHost({});
    expect(windows()).toHaveLength(1);
    expect(electronMock.state.screen.listenerCount('display-added')).toBe(0);
  });

  it('opens full screen on the configured display with the kiosk window’s hardened preferences', async () => {
    const { kioskWindow, lines } = await startHost({ display: 1 });
    const [lobby] = lobbyWindows();
    expect(lobby).toBeDefined();
    expect(lobby?.options).toMatchObject({
      ...TV.bounds,
      fullscreen: true,
      frame: false,
      focusable: false,
    });
    const kioskPreferences = kioskWindowOptions({ preloadPath: 'x' }).webPreferences;
    expect(lobby?.options.webPreferences).toEqual({
      ...kioskPreferences,
      preload: (kioskWindow.options.webPreferences as { preload: string }).preload,
    });
    expect(lobby?.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      autoplayPolicy: 'no-user-gesture-required',
    });
    expect(lobby?.loadURL).toHaveBeenCalledWith('app://turnero/lobby.html?feed=bridge');
    expect(lobby?.showInactive).toHaveBeenCalled();
    expect(lines).toContain('lobby window opened on display 42');
  });

  it('follows its display: moved when it changes, closed when it goes, opened when it comes back', async () => {
    const { lines } = await startHost({ display: 'id:42' });
    const screen = electronMock.state.screen;
    const [first] = lobbyWindows();

    screen.displays = [TOTEM, { id: 42, bounds: { x: 1080, y: 0, width: 3840, height: 2160 } }];
    screen.emit('display-metrics-changed');
    expect(first?.setBounds).toHaveBeenCalledWith({ x: 1080, y: 0, width: 3840, height: 2160 });
    expect(first?.setFullScreen.mock.calls).toEqual([[false], [true]]);
    screen.emit('display-metrics-changed');
    expect(first?.setBounds).toHaveBeenCalledTimes(1);

    screen.displays = [TOTEM];
    screen.emit('display-removed');
    expect(first?.close).toHaveBeenCalled();
    expect(openLobbyWindows()).toHaveLength(0);
    expect(lines).toContain('lobby window closed: display id:42 is not connected');

    screen.displays = [TOTEM, TV];
    screen.emit('display-added');
    expect(openLobbyWindows()).toHaveLength(1);
    expect(lobbyWindows()).toHaveLength(2);
  });

  it('lets the lobby page ask for the lobby’s channels only, and sends it the lobby’s events only', async () => {
    const { kiosk, invoke, emit } = await startHost({ display: 1 });
    const [lobby] = lobbyWindows();
    if (!lobby) throw new Error('no lobby window');

    await expect(
      invoke(ipcEventFrom(lobby), { channel: 'lobby:get-snapshot', payload: {} }),
    ).resolves.toEqual({ ok: true, value: { answered: 'lobby:get-snapshot' } });
    await expect(
      invoke(ipcEventFrom(lobby), { channel: 'checkin:submit', payload: {} }),
    ).rejects.toBeInstanceOf(UntrustedSenderError);
    await expect(
      invoke(ipcEventFrom(lobby, APP_ENTRY_URL), { channel: 'lobby:get-snapshot', payload: {} }),
    ).rejects.toBeInstanceOf(UntrustedSenderError);
    expect(kiosk.dispatch).toHaveBeenCalledTimes(1);

    emit({ event: 'kiosk:state-changed', payload: {} });
    emit({ event: 'lobby:connection', payload: 'open' });
    expect(lobby.webContents.send.mock.calls).toEqual([
      [ELECTRON_EVENT_CHANNEL, { event: 'lobby:connection', payload: 'open' }],
    ]);
  });

  it('loads its page again when its renderer is gone', async () => {
    vi.useFakeTimers();
    try {
      const { lines } = await startHost({ display: 1 });
      const [lobby] = lobbyWindows();
      lobby?.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
      expect(lines).toContain(
        `lobby window renderer gone (crashed); loading it again in ${LOBBY_RELOAD_DELAY_MS} ms`,
      );
      expect(lobby?.loadURL).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(LOBBY_RELOAD_DELAY_MS);
      expect(lobby?.loadURL).toHaveBeenCalledTimes(2);
      expect(lobby?.loadURL).toHaveBeenLastCalledWith(LOBBY_ENTRY_URL);
    } finally {
      vi.useRealTimers();
    }
  });
});
