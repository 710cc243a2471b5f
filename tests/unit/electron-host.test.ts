/**
 * The Electron host, tested without Electron: the Electron binary cannot be downloaded or run on
 * the development and CI machines, so the `electron` module is replaced by a MOCK OF ELECTRON
 * (`electronMock` below) built from EventEmitters and vi.fn spies. The pure modules (protocol,
 * sender validation, CSP, window options, hardening, bridge) are tested directly.
 */
import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { IpcMainInvokeEvent, Session, WebContents } from 'electron';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ELECTRON_EVENT_CHANNEL,
  ELECTRON_INVOKE_CHANNEL,
  type IpcResult,
  type TurneroBridge,
} from '../../src-shared/contract/ipc';
import type { Kiosk, StartKioskOptions } from '../../src-main/app/kiosk';
import { KioskEvents } from '../../src-main/ipc/kiosk-events';
import { loadKioskConfig } from '../../src-main/config/load-config';
import {
  APP_ENTRY_URL,
  APP_SCHEME_PRIVILEGES,
  createAppProtocolHandler,
  isAppUrl,
  resolveAppFilePath,
} from '../../src-main/hosts/electron/app-protocol';
import { createTurneroBridge, type BridgeIpc } from '../../src-main/hosts/electron/bridge';
import { CONTENT_SECURITY_POLICY } from '../../src-main/hosts/electron/content-security-policy';
import {
  CONFIG_ERROR_EXIT_CODE,
  startElectronHost,
  UntrustedSenderError,
} from '../../src-main/hosts/electron/electron-host';
import {
  blockRemoteRequests,
  denyAllPermissions,
  hardenWebContents,
} from '../../src-main/hosts/electron/hardening';
import {
  isTrustedSender,
  type SenderFacts,
  type TrustedWindowFacts,
} from '../../src-main/hosts/electron/ipc-sender';
import { kioskWindowOptions } from '../../src-main/hosts/electron/window-options';
import { defaultDataDir } from '../../src-main/app/data-dir';
import type { StartSetupOptions } from '../../src-main/app/start-setup';
import { DEMO_REQUESTED_EXIT_CODE, planLaunch } from '../../src-main/setup/launch-plan';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// ---------------------------------------------------------------------------------------------
// Fakes of Electron objects, shared by the pure-module tests and the MOCK OF ELECTRON.

interface FakeEvent {
  preventDefault: ReturnType<typeof vi.fn>;
}
const fakeEvent = (): FakeEvent => ({ preventDefault: vi.fn() });

interface FakeFrame {
  url: string;
  processId: number;
  routingId: number;
  parent: FakeFrame | null;
}

type WindowOpenHandler = (details: { url: string }) => { action: string };

class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  readonly mainFrame: FakeFrame = {
    url: 'app://turnero/index.html',
    processId: 40 + this.id,
    routingId: 1,
    parent: null,
  };
  readonly send = vi.fn();
  // Used by the appliance behaviours (tests/unit/electron-appliance.test.ts tests them).
  readonly setVisualZoomLevelLimits = vi.fn(async () => undefined);
  readonly setZoomFactor = vi.fn();
  readonly forcefullyCrashRenderer = vi.fn();
  readonly openDevTools = vi.fn();
  windowOpenHandler: WindowOpenHandler | null = null;
  readonly setWindowOpenHandler = vi.fn((handler: WindowOpenHandler) => {
    this.windowOpenHandler = handler;
  });
  isDestroyed(): boolean {
    return false;
  }
}

type PermissionRequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details?: unknown,
) => void;
type BeforeRequestListener = (
  details: { url: string },
  callback: (response: { cancel: boolean }) => void,
) => void;

class FakeSession {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: ((...args: unknown[]) => boolean) | null = null;
  devicePermissionHandler: ((...args: unknown[]) => boolean) | null = null;
  displayMediaHandler: ((request: unknown, callback: (s: unknown) => void) => void) | null = null;
  beforeRequest: { filter: { urls: string[] }; listener: BeforeRequestListener } | null = null;
  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: (...args: unknown[]) => boolean): void {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: (...args: unknown[]) => boolean): void {
    this.devicePermissionHandler = handler;
  }
  setDisplayMediaRequestHandler(
    handler: (request: unknown, callback: (s: unknown) => void) => void,
  ): void {
    this.displayMediaHandler = handler;
  }
  readonly webRequest = {
    onBeforeRequest: (filter: { urls: string[] }, listener: BeforeRequestListener): void => {
      this.beforeRequest = { filter, listener };
    },
  };
}

const asWebContents = (fake: FakeWebContents): WebContents => fake as unknown as WebContents;
const asSession = (fake: FakeSession): Session => fake as unknown as Session;

// ---------------------------------------------------------------------------------------------
// MOCK OF ELECTRON: the `electron` module as electron-host.ts and preload.ts see it.

const electronMock = vi.hoisted(() => {
  // vi.hoisted runs before the imports above, so it builds its own EventEmitter-based fakes.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { EventEmitter: Emitter } = require('node:events') as {
    EventEmitter: typeof EventEmitter;
  };

  class MockApp extends Emitter {
    readonly isPackaged = true;
    readonly enableSandbox = vi.fn();
    readonly requestSingleInstanceLock = vi.fn(() => true);
    readonly whenReady = vi.fn(() => Promise.resolve());
    readonly getPath = vi.fn((name: string) => `/mock-electron/${name}`);
    readonly quit = vi.fn();
    readonly exit = vi.fn();
    readonly relaunch = vi.fn();
  }

  const state = {
    app: new MockApp(),
    windows: [] as unknown[],
  };
  const protocol = {
    registerSchemesAsPrivileged: vi.fn(),
    handle: vi.fn(),
  };
  const ipcMain = { handle: vi.fn() };
  const dialog = { showErrorBox: vi.fn() };
  const Menu = { setApplicationMenu: vi.fn() };
  const powerSaveBlocker = { start: vi.fn(() => 1), stop: vi.fn() };
  const net = { fetch: vi.fn() };
  const session = { defaultSession: null as unknown };
  const contextBridge = { exposeInMainWorld: vi.fn() };
  const ipcRenderer = {
    invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => ({ ok: true, value: {} })),
    on: vi.fn(),
    removeListener: vi.fn(),
  };
  return {
    state,
    MockApp,
    protocol,
    ipcMain,
    dialog,
    Menu,
    powerSaveBlocker,
    net,
    session,
    contextBridge,
    ipcRenderer,
  };
});

class MockBrowserWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  readonly loadURL = vi.fn(async (_url: string) => {
    this.emit('ready-to-show');
  });
  readonly show = vi.fn();
  readonly removeMenu = vi.fn();
  readonly focus = vi.fn();
  readonly restore = vi.fn();
  constructor(readonly options: Record<string, unknown>) {
    super();
    electronMock.state.windows.push(this);
    // As in Electron, every new webContents is announced on `app`.
    electronMock.state.app.emit('web-contents-created', fakeEvent(), this.webContents);
  }
  isDestroyed(): boolean {
    return false;
  }
  isMinimized(): boolean {
    return false;
  }
}

vi.mock('electron', () => ({
  get app() {
    return electronMock.state.app;
  },
  get BrowserWindow() {
    return MockBrowserWindow;
  },
  protocol: electronMock.protocol,
  ipcMain: electronMock.ipcMain,
  dialog: electronMock.dialog,
  Menu: electronMock.Menu,
  powerSaveBlocker: electronMock.powerSaveBlocker,
  net: electronMock.net,
  session: electronMock.session,
  contextBridge: electronMock.contextBridge,
  ipcRenderer: electronMock.ipcRenderer,
}));

// ---------------------------------------------------------------------------------------------

describe('app:// protocol path resolution', () => {
  const root = path.resolve('/srv/turnero/dist/renderer');

  it('maps the app origin to files under the renderer directory', () => {
    expect(resolveAppFilePath('app://turnero/', root)).toBe(path.join(root, 'index.html'));
    expect(resolveAppFilePath('app://turnero/index.html', root)).toBe(
      path.join(root, 'index.html'),
    );
    expect(resolveAppFilePath('app://turnero/assets/app-1a2b.js?v=1#x', root)).toBe(
      path.join(root, 'assets', 'app-1a2b.js'),
    );
  });

  it('never leaves the renderer directory', () => {
    // The URL parser already folds "..": this one can only ever mean <root>/etc/passwd.
    const folded = resolveAppFilePath('app://turnero/../../etc/passwd', root);
    expect(folded).toBe(path.join(root, 'etc', 'passwd'));
    for (const url of [
      'app://turnero/..%2f..%2f..%2fetc%2fpasswd',
      'app://turnero/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc/passwd',
      'app://turnero/..%5c..%5cetc%5cpasswd',
      'app://turnero/index.html%00.png',
      'app://turnero/%E0%A4%A',
    ]) {
      expect(resolveAppFilePath(url, root), url).toBeNull();
    }
  });

  it('refuses any other origin or scheme', () => {
    for (const url of [
      'app://evil/index.html',
      'app://user:pw@turnero/index.html',
      'file:///etc/passwd',
      'https://turnero/index.html',
      'not a url',
    ]) {
      expect(resolveAppFilePath(url, root), url).toBeNull();
      expect(isAppUrl(url), url).toBe(false);
    }
  });

  it('registers app:// as a standard, secure scheme', () => {
    expect(APP_SCHEME_PRIVILEGES.scheme).toBe('app');
    expect(APP_SCHEME_PRIVILEGES.privileges).toMatchObject({ standard: true, secure: true });
    expect(APP_SCHEME_PRIVILEGES.privileges).not.toHaveProperty('bypassCSP');
  });
});

describe('app:// protocol handler', () => {
  let dir: string;
  let rendererDir: string;
  const fetched: string[] = [];
  // Stand-in for Electron's net.fetch of file:// URLs.
  const fetchFile = async (fileUrl: string): Promise<Response> => {
    fetched.push(fileUrl);
    const body = readFileSync(fileURLToPath(fileUrl));
    const type = fileUrl.endsWith('.html') ? 'text/html' : 'text/javascript';
    return new Response(body, { status: 200, headers: { 'Content-Type': type } });
  };

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'turnero-electron-'));
    rendererDir = path.join(dir, 'dist', 'renderer');
    mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Turnero</title>');
    writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(path.join(dir, 'secret.txt'), 'outside');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeEach(() => {
    fetched.length = 0;
  });

  const handler = () =>
    createAppProtocolHandler({ rootDir: rendererDir, fetchFile, toFileUrl: pathToFileURL });

  it('serves index.html with the Content-Security-Policy header', async () => {
    const response = await handler()(new Request('app://turnero/index.html'));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Turnero</title>');
    expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    const root = await handler()(new Request('app://turnero/'));
    expect(root.status).toBe(200);
  });

  it('refuses app://turnero/../../etc/passwd and encoded traversals without reading them', async () => {
    for (const url of [
      'app://turnero/../../etc/passwd',
      'app://turnero/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd',
      'app://turnero/..%2fsecret.txt',
      'app://turnero/..%2f..%2fsecret.txt',
    ]) {
      const response = await handler()(new Request(url));
      expect(response.status, url).toBe(404);
      expect(response.headers.get('Content-Security-Policy'), url).toBe(CONTENT_SECURITY_POLICY);
      expect(await response.text()).not.toContain('root:');
    }
    for (const url of fetched) {
      expect(fileURLToPath(url).startsWith(rendererDir + path.sep), url).toBe(true);
    }
  });

  it('answers 404 for missing files and 405 for anything but GET/HEAD', async () => {
    expect((await handler()(new Request('app://turnero/missing.js'))).status).toBe(404);
    const post = await handler()(new Request('app://turnero/index.html', { method: 'POST' }));
    expect(post.status).toBe(405);
  });
});

describe('Content-Security-Policy', () => {
  it('allows only the app itself', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)|https?:|\*/);
  });
});

describe('IPC sender validation', () => {
  const trusted: TrustedWindowFacts = {
    webContentsId: 3,
    mainFrame: { processId: 11, routingId: 2 },
  };
  const good: SenderFacts = {
    senderWebContentsId: 3,
    frame: { url: 'app://turnero/index.html', processId: 11, routingId: 2, isTopLevel: true },
  };
  const withFrame = (changes: Partial<NonNullable<SenderFacts['frame']>>): SenderFacts => ({
    ...good,
    frame: { ...(good.frame as NonNullable<SenderFacts['frame']>), ...changes },
  });

  it("accepts the kiosk window's main frame on app://turnero/", () => {
    expect(isTrustedSender(good, trusted)).toBe(true);
  });

  it('refuses other origins', () => {
    for (const url of [
      'https://evil.example/',
      'file:///work/dist/renderer/index.html',
      'app://evil/index.html',
      'about:blank',
      'data:text/html,hi',
    ]) {
      expect(isTrustedSender(withFrame({ url }), trusted), url).toBe(false);
    }
  });

  it('refuses subframes, other frames, other windows and vanished frames', () => {
    expect(isTrustedSender(withFrame({ isTopLevel: false }), trusted)).toBe(false);
    expect(isTrustedSender(withFrame({ routingId: 3 }), trusted)).toBe(false);
    expect(isTrustedSender(withFrame({ processId: 12 }), trusted)).toBe(false);
    expect(isTrustedSender({ ...good, senderWebContentsId: 4 }, trusted)).toBe(false);
    expect(isTrustedSender({ ...good, frame: null }, trusted)).toBe(false);
    expect(isTrustedSender(good, null)).toBe(false);
  });
});

describe('kiosk window options', () => {
  it('is a full-screen kiosk with hardened webPreferences', () => {
    const options = kioskWindowOptions({ preloadPath: '/app/dist/main/preload.cjs' });
    expect(options).toMatchObject({ kiosk: true, fullscreen: true, show: false, frame: false });
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
    expect(options.webPreferences).toMatchObject({
      preload: '/app/dist/main/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: false,
    });
  });
});

describe('webContents and session hardening', () => {
  it('denies navigation, redirects, <webview> and window.open', () => {
    const contents = new FakeWebContents();
    hardenWebContents(asWebContents(contents));
    for (const name of ['will-navigate', 'will-redirect']) {
      const event = fakeEvent();
      contents.emit(name, event, 'https://evil.example/');
      expect(event.preventDefault, name).toHaveBeenCalled();
    }
    const frameNavigation = { ...fakeEvent(), url: 'https://evil.example/' };
    contents.emit('will-frame-navigate', frameNavigation);
    expect(frameNavigation.preventDefault).toHaveBeenCalled();
    const webview = fakeEvent();
    contents.emit('will-attach-webview', webview, {}, {});
    expect(webview.preventDefault).toHaveBeenCalled();
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({
      action: 'deny',
    });
    expect(contents.windowOpenHandler?.({ url: 'app://turnero/index.html' })).toEqual({
      action: 'deny',
    });
  });

  it('denies every permission request and check', () => {
    const session = new FakeSession();
    denyAllPermissions(asSession(session));
    for (const permission of ['media', 'geolocation', 'notifications', 'fullscreen', 'serial']) {
      const callback = vi.fn();
      session.permissionRequestHandler?.({}, permission, callback);
      expect(callback, permission).toHaveBeenCalledWith(false);
      expect(session.permissionCheckHandler?.({}, permission, 'app://turnero', {})).toBe(false);
    }
    expect(session.devicePermissionHandler?.({ deviceType: 'hid' })).toBe(false);
    const streams = vi.fn();
    session.displayMediaHandler?.({}, streams);
    expect(streams).toHaveBeenCalledWith(null);
  });

  it('grants only video capture to the kiosk page, and only when the camera is enabled', () => {
    const enabled = new FakeSession();
    denyAllPermissions(asSession(enabled), () => undefined, {
      camera: true,
      appOrigin: 'app://turnero',
    });
    const ask = (session: FakeSession, mediaTypes: string[], requestingUrl: string) => {
      const callback = vi.fn();
      session.permissionRequestHandler?.({}, 'media', callback, { mediaTypes, requestingUrl });
      return callback.mock.calls[0]?.[0];
    };
    expect(ask(enabled, ['video'], 'app://turnero/index.html')).toBe(true);
    expect(ask(enabled, ['video', 'audio'], 'app://turnero/index.html')).toBe(false);
    expect(ask(enabled, ['audio'], 'app://turnero/index.html')).toBe(false);
    expect(ask(enabled, ['video'], 'https://evil.example/')).toBe(false);
    expect(ask(enabled, ['video'], 'app://turnero.evil/')).toBe(false);
    expect(
      enabled.permissionCheckHandler?.({}, 'media', 'app://turnero', { mediaType: 'video' }),
    ).toBe(true);
    expect(enabled.permissionCheckHandler?.({}, 'geolocation', 'app://turnero', {})).toBe(false);

    const disabled = new FakeSession();
    denyAllPermissions(asSession(disabled));
    expect(ask(disabled, ['video'], 'app://turnero/index.html')).toBe(false);
  });

  it('cancels every remote request of the renderer session', () => {
    const session = new FakeSession();
    blockRemoteRequests(asSession(session));
    expect(session.beforeRequest?.filter.urls).toEqual(
      expect.arrayContaining(['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*']),
    );
    const callback = vi.fn();
    session.beforeRequest?.listener({ url: 'https://tracker.example/' }, callback);
    expect(callback).toHaveBeenCalledWith({ cancel: true });
  });
});

describe('preload bridge', () => {
  const fakeIpc = () => {
    const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
    const ipc = {
      invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => ({ ok: true, value: 1 })),
      on: vi.fn((channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
        const set = listeners.get(channel) ?? new Set();
        set.add(listener);
        listeners.set(channel, set);
      }),
      removeListener: vi.fn(
        (channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
          listeners.get(channel)?.delete(listener);
        },
      ),
    } satisfies BridgeIpc;
    const emit = (channel: string, ...args: unknown[]) => {
      for (const listener of listeners.get(channel) ?? []) listener({ sender: 'secret' }, ...args);
    };
    return { ipc, emit, listeners };
  };

  it('invoke forwards { channel, payload } on the single invoke channel', async () => {
    const { ipc } = fakeIpc();
    const bridge = createTurneroBridge(ipc);
    const result = await bridge.invoke('checkin:submit', { input: 'ABC123', source: 'touch' });
    expect(ipc.invoke).toHaveBeenCalledWith(ELECTRON_INVOKE_CHANNEL, {
      channel: 'checkin:submit',
      payload: { input: 'ABC123', source: 'touch' },
    });
    expect(result).toEqual({ ok: true, value: 1 });
  });

  it('on filters the event channel by name, hides the IPC event, and unsubscribes', () => {
    const { ipc, emit, listeners } = fakeIpc();
    const bridge = createTurneroBridge(ipc);
    const received: unknown[] = [];
    const unsubscribe = bridge.on('printer:ticket-rendered', (payload) => received.push(payload));
    emit(ELECTRON_EVENT_CHANNEL, { event: 'kiosk:state-changed', payload: { no: 1 } });
    emit(ELECTRON_EVENT_CHANNEL, { event: 'printer:ticket-rendered', payload: { ticketId: 't' } });
    emit(ELECTRON_EVENT_CHANNEL, 'garbage');
    emit(ELECTRON_EVENT_CHANNEL, null);
    expect(received).toEqual([{ ticketId: 't' }]);
    unsubscribe();
    unsubscribe();
    expect(ipc.removeListener).toHaveBeenCalledTimes(1);
    expect(listeners.get(ELECTRON_EVENT_CHANNEL)?.size).toBe(0);
    emit(ELECTRON_EVENT_CHANNEL, { event: 'printer:ticket-rendered', payload: { ticketId: 'u' } });
    expect(received).toHaveLength(1);
  });

  it('uses one IPC listener however many subscribers there are', () => {
    const { ipc, emit, listeners } = fakeIpc();
    const bridge = createTurneroBridge(ipc);
    const seen: string[] = [];
    const unsubscribes = Array.from({ length: 20 }, (_, index) =>
      bridge.on('kiosk:state-changed', () => seen.push(`s${index}`)),
    );
    const other = bridge.on('checkin:completed', () => seen.push('c'));
    expect(listeners.get(ELECTRON_EVENT_CHANNEL)?.size).toBe(1);
    emit(ELECTRON_EVENT_CHANNEL, { event: 'kiosk:state-changed', payload: {} });
    expect(seen).toHaveLength(20);
    for (const unsubscribe of unsubscribes) unsubscribe();
    expect(ipc.removeListener).not.toHaveBeenCalled();
    other();
    expect(ipc.removeListener).toHaveBeenCalledTimes(1);
    expect(listeners.get(ELECTRON_EVENT_CHANNEL)?.size).toBe(0);
    bridge.on('checkin:completed', () => {});
    expect(listeners.get(ELECTRON_EVENT_CHANNEL)?.size).toBe(1);
  });

  it('preload.ts exposes exactly `turnero` with invoke and on (Electron mocked)', async () => {
    electronMock.contextBridge.exposeInMainWorld.mockClear();
    vi.resetModules();
    await import('../../src-main/hosts/electron/preload');
    expect(electronMock.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [name, api] = electronMock.contextBridge.exposeInMainWorld.mock.calls[0] as [
      string,
      TurneroBridge,
    ];
    expect(name).toBe('turnero');
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
    expect(Object.values(api).every((value) => typeof value === 'function')).toBe(true);
    expect(api).not.toHaveProperty('ipcRenderer');
    await api.invoke('kiosk:get-state', {});
    expect(electronMock.ipcRenderer.invoke).toHaveBeenCalledWith(ELECTRON_INVOKE_CHANNEL, {
      channel: 'kiosk:get-state',
      payload: {},
    });
  });
});

// ---------------------------------------------------------------------------------------------

describe('Electron main wiring (Electron mocked)', () => {
  let fakeSession: FakeSession;
  let dir: string;

  interface FakeKioskApp extends Kiosk {
    events: KioskEvents;
    dispatch: ReturnType<typeof vi.fn<Kiosk['dispatch']>>;
    stop: ReturnType<typeof vi.fn<Kiosk['stop']>>;
  }

  const startKiosk = vi.fn(async (options: StartKioskOptions): Promise<Kiosk> => {
    const events = new KioskEvents(() => undefined);
    const app: FakeKioskApp = {
      config: options.config,
      events,
      dispatch: vi.fn(async (channel: unknown): Promise<IpcResult<unknown>> => ({
        ok: true,
        value: { answered: channel },
      })),
      onEvent: events.onEvent,
      stop: vi.fn(async () => {}),
    };
    return app;
  });

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'turnero-electron-config-'));
  });
  const goodConfigFile = () => {
    const file = path.join(dir, 'kiosk.json');
    writeFileSync(file, JSON.stringify({ api: { baseUrl: 'https://turnero.example.es' } }));
    return file;
  };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeEach(() => {
    electronMock.state.app = new electronMock.MockApp();
    electronMock.state.windows.length = 0;
    fakeSession = new FakeSession();
    electronMock.session.defaultSession = fakeSession;
    for (const spy of [
      electronMock.protocol.registerSchemesAsPrivileged,
      electronMock.protocol.handle,
      electronMock.ipcMain.handle,
      electronMock.dialog.showErrorBox,
      electronMock.Menu.setApplicationMenu,
    ]) {
      spy.mockClear();
    }
    startKiosk.mockClear();
    vi.spyOn(console, 'log').mockImplementation(() => {});
    vi.spyOn(console, 'error').mockImplementation(() => {});
  });
  afterEach(() => vi.restoreAllMocks());

  const start = (argv: string[] = ['electron', '.', '--config', goodConfigFile()]) => {
    const host = startElectronHost({
      argv,
      env: {},
      mainDir: '/app/dist/main',
      rendererDir: '/app/dist/renderer',
      loadConfig: loadKioskConfig,
      startKiosk,
      log: () => {},
    });
    return host;
  };

  const started = async () => {
    const running = await start().ready;
    if (running === null) throw new Error('the host did not start');
    const window = running.window as unknown as MockBrowserWindow;
    const handler = electronMock.ipcMain.handle.mock.calls[0]?.[1] as (
      event: IpcMainInvokeEvent,
      request: unknown,
    ) => Promise<IpcResult<unknown>>;
    return { window, handler, kiosk: running.kiosk as FakeKioskApp };
  };

  const invokeEvent = (contents: FakeWebContents, frame: FakeFrame | null) =>
    ({ sender: contents, senderFrame: frame }) as unknown as IpcMainInvokeEvent;

  it('creates one hardened kiosk window loading app://turnero/ (never file://)', async () => {
    const { window } = await started();
    const app = electronMock.state.app;
    expect(app.enableSandbox).toHaveBeenCalled();
    expect(app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(electronMock.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      APP_SCHEME_PRIVILEGES,
    ]);
    expect(electronMock.state.windows).toHaveLength(1);
    expect(window.options).toMatchObject({ kiosk: true, fullscreen: true, show: false });
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: path.join('/app/dist/main', 'preload.cjs'),
    });
    expect(window.loadURL).toHaveBeenCalledWith(APP_ENTRY_URL);
    expect(window.loadURL.mock.calls.flat().join(' ')).not.toContain('file:');
    expect(window.show).toHaveBeenCalled();
    expect(electronMock.Menu.setApplicationMenu).toHaveBeenCalledWith(null);
    expect(startKiosk).toHaveBeenCalledWith(
      expect.objectContaining({ defaultDataDir: defaultDataDir() }),
    );
  });

  it('hardens every webContents: navigation and window.open denied', async () => {
    const { window } = await started();
    const navigation = fakeEvent();
    window.webContents.emit('will-navigate', navigation, 'https://evil.example/');
    expect(navigation.preventDefault).toHaveBeenCalled();
    expect(window.webContents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({
      action: 'deny',
    });
    const other = new FakeWebContents();
    electronMock.state.app.emit('web-contents-created', fakeEvent(), other);
    expect(other.windowOpenHandler?.({ url: 'https://x.example/' })).toEqual({ action: 'deny' });
  });

  it('denies permissions and serves app:// through the traversal-safe handler', async () => {
    await started();
    const callback = vi.fn();
    fakeSession.permissionRequestHandler?.({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(fakeSession.permissionCheckHandler?.()).toBe(false);
    expect(electronMock.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    const handle = electronMock.protocol.handle.mock.calls[0]?.[1] as (
      request: Request,
    ) => Promise<Response>;
    electronMock.net.fetch.mockClear();
    const response = await handle(new Request('app://turnero/..%2f..%2f..%2fetc%2fpasswd'));
    expect(response.status).toBe(404);
    expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(electronMock.net.fetch).not.toHaveBeenCalled();
  });

  it('dispatches IPC from the main frame of the kiosk window only', async () => {
    const { window, handler, kiosk } = await started();
    expect(electronMock.ipcMain.handle).toHaveBeenCalledWith(
      ELECTRON_INVOKE_CHANNEL,
      expect.any(Function),
    );
    const contents = window.webContents;
    const result = await handler(invokeEvent(contents, contents.mainFrame), {
      channel: 'kiosk:get-state',
      payload: {},
    });
    expect(result).toEqual({ ok: true, value: { answered: 'kiosk:get-state' } });
    expect(kiosk.dispatch).toHaveBeenCalledWith('kiosk:get-state', {});

    kiosk.dispatch.mockClear();
    const refused: [string, IpcMainInvokeEvent][] = [
      [
        'other origin',
        invokeEvent(contents, { ...contents.mainFrame, url: 'https://evil.example/' }),
      ],
      [
        'subframe',
        invokeEvent(contents, {
          ...contents.mainFrame,
          routingId: 9,
          parent: contents.mainFrame,
        }),
      ],
      ['other webContents', invokeEvent(new FakeWebContents(), contents.mainFrame)],
      ['vanished frame', invokeEvent(contents, null)],
    ];
    for (const [what, event] of refused) {
      await expect(
        handler(event, { channel: 'kiosk:get-state', payload: {} }),
        what,
      ).rejects.toBeInstanceOf(UntrustedSenderError);
    }
    expect(kiosk.dispatch).not.toHaveBeenCalled();

    // A malformed envelope still reaches the dispatcher, which validates and refuses it.
    await handler(invokeEvent(contents, contents.mainFrame), 'not an envelope');
    expect(kiosk.dispatch).toHaveBeenCalledWith(undefined, undefined);
  });

  it('forwards kiosk events to the window on the event channel', async () => {
    const { window, kiosk } = await started();
    kiosk.events.emit('printer:ticket-rendered', { ticketId: 't1', text: 'A001' });
    expect(window.webContents.send).toHaveBeenCalledWith(ELECTRON_EVENT_CHANNEL, {
      event: 'printer:ticket-rendered',
      payload: { ticketId: 't1', text: 'A001' },
    });
  });

  it('stops the kiosk services cleanly on before-quit, then quits', async () => {
    const { window, kiosk } = await started();
    const app = electronMock.state.app;
    const event = fakeEvent();
    app.emit('before-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(kiosk.stop).toHaveBeenCalledTimes(1);
    const sent = vi.mocked(window.webContents.send).mock.calls.length;
    kiosk.events.emit('printer:ticket-rendered', { ticketId: 't2', text: 'A002' });
    expect(window.webContents.send).toHaveBeenCalledTimes(sent);
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalled());
    const second = fakeEvent();
    app.emit('before-quit', second);
    expect(second.preventDefault).not.toHaveBeenCalled();
    expect(kiosk.stop).toHaveBeenCalledTimes(1);
  });

  it('restarts at the technician’s request by relaunching, through a clean quit', async () => {
    await started();
    const app = electronMock.state.app;
    const { host } = startKiosk.mock.calls[0]?.[0] ?? {};
    expect(host?.downloads).toBe(false);
    expect(app.relaunch).not.toHaveBeenCalled();
    host?.restart();
    expect(app.relaunch).toHaveBeenCalledTimes(1);
    // Quit (not exit): before-quit still stops the kiosk's services first.
    expect(app.quit).toHaveBeenCalledTimes(1);
    expect(app.exit).not.toHaveBeenCalled();
  });

  it('refuses to start on a bad configuration: names the field, exit code 2', async () => {
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ kioskId: 'not valid!' }));
    const host = start(['electron', '.', '--config', file]);
    expect(await host.ready).toBeNull();
    const app = electronMock.state.app;
    expect(app.exit).toHaveBeenCalledWith(CONFIG_ERROR_EXIT_CODE);
    expect(CONFIG_ERROR_EXIT_CODE).toBe(2);
    const [, message] = electronMock.dialog.showErrorBox.mock.calls[0] as [string, string];
    expect(message).toContain('kioskId');
    expect(startKiosk).not.toHaveBeenCalled();
    expect(electronMock.state.windows).toHaveLength(0);
  });

  it('refuses to start without a configuration file, pointing to the demo', async () => {
    expect(await start(['electron', '.']).ready).toBeNull();
    const [, message] = electronMock.dialog.showErrorBox.mock.calls[0] as [string, string];
    expect(message).toMatch(/No configuration: give --config FILE/);
    expect(message).toMatch(/npm start/);
    expect(startKiosk).not.toHaveBeenCalled();
  });

  it('refuses a configuration file without api.baseUrl instead of starting a demo', async () => {
    const file = path.join(dir, 'no-api.json');
    writeFileSync(file, JSON.stringify({ kioskId: 'sac-2' }));
    expect(await start(['electron', '.', '--config', file]).ready).toBeNull();
    const [, message] = electronMock.dialog.showErrorBox.mock.calls[0] as [string, string];
    expect(message).toMatch(/api\.baseUrl: required/);
    expect(startKiosk).not.toHaveBeenCalled();
  });

  it('runs the first-run wizard for a configuration file that does not exist yet', async () => {
    const file = path.join(dir, 'new-totem.json');
    const events = new KioskEvents(() => undefined);
    const wizard: Kiosk = {
      config: null,
      dispatch: vi.fn(async (): Promise<IpcResult<unknown>> => ({ ok: true, value: {} })),
      onEvent: events.onEvent,
      stop: vi.fn(async () => {}),
    };
    const startSetup = vi.fn(async (_options: StartSetupOptions) => wizard);
    const secretStore = vi.fn();
    const running = await startElectronHost({
      argv: ['electron', '.', '--config', file],
      env: {},
      mainDir: '/app/dist/main',
      rendererDir: '/app/dist/renderer',
      loadConfig: planLaunch,
      startKiosk,
      startSetup,
      secretStore,
      log: () => {},
    }).ready;
    expect(running?.kiosk).toBe(wizard);
    expect(startKiosk).not.toHaveBeenCalled();
    expect(electronMock.state.windows).toHaveLength(1);
    const options = startSetup.mock.calls[0]?.[0] as StartSetupOptions;
    expect(options).toMatchObject({
      configPath: file,
      dataDir: defaultDataDir(),
      offerDemo: false,
      secretStore,
    });
    // "Try the demo": the kiosk is stopped, then Electron exits for its launcher.
    options.requestDemo();
    await vi.waitFor(() =>
      expect(electronMock.state.app.exit).toHaveBeenCalledWith(DEMO_REQUESTED_EXIT_CODE),
    );
    expect(wizard.stop).toHaveBeenCalledTimes(1);
  });

  it('quits when another instance holds the single-instance lock', async () => {
    electronMock.state.app.requestSingleInstanceLock.mockReturnValue(false);
    expect(await start().ready).toBeNull();
    expect(electronMock.state.app.quit).toHaveBeenCalled();
    expect(startKiosk).not.toHaveBeenCalled();
    expect(electronMock.state.windows).toHaveLength(0);
  });
});

// ---------------------------------------------------------------------------------------------

describe('electron-builder.yml', () => {
  // js-yaml and app-builder-lib come with electron-builder (a devDependency); resolve them from it.
  const fromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
  const yaml = fromBuilder('js-yaml') as { load(text: string): unknown };
  const config = yaml.load(readFileSync(path.join(repoRoot, 'electron-builder.yml'), 'utf8')) as {
    appId: string;
    productName: string;
    directories: { output: string; buildResources: string };
    files: string[];
    asarUnpack: string[];
    npmRebuild: boolean;
    electronFuses: Record<string, boolean>;
    linux: { target: { target: string; arch: string[] }[]; icon: string };
    deb: { afterInstall: string; afterRemove: string; depends: string[] };
    extraResources: { from: string; to: string }[];
  };

  it('flips the security fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('unpacks native modules and packages only the built app', () => {
    expect(config.appId).toBe('es.turnero.kiosk');
    expect(config.productName).toBe('Turnero');
    expect(config.directories).toEqual({ output: 'release', buildResources: 'build' });
    expect(config.asarUnpack).toContain('**/*.node');
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**');
    expect(config.npmRebuild).toBe(true);
    expect(config.files).toContain('dist/main/electron-main.cjs');
    expect(config.files).toContain('dist/main/preload.cjs');
    expect(config.files.some((pattern) => pattern.startsWith('src'))).toBe(false);
    // AppImage and deb, each for x64 and arm64 (the appliance, docs/deployment.md).
    expect(config.linux.target).toEqual([
      { target: 'AppImage', arch: ['x64', 'arm64'] },
      { target: 'deb', arch: ['x64', 'arm64'] },
    ]);
    expect(config.deb).toMatchObject({
      afterInstall: 'resources/deb/after-install.sh',
      afterRemove: 'resources/deb/after-remove.sh',
    });
    expect(config.deb.depends).toEqual(expect.arrayContaining(['cage', 'xwayland']));
    expect(config.extraResources).toEqual(
      expect.arrayContaining([expect.objectContaining({ from: 'resources/appliance' })]),
    );
    expect(config.files).toEqual(
      expect.arrayContaining(['!resources/appliance/**', '!resources/deb/**']),
    );
    expect(readFileSync(path.join(repoRoot, config.linux.icon)).subarray(1, 4).toString()).toBe(
      'PNG',
    );
  });

  it("matches electron-builder's own configuration schema", async () => {
    const { validateConfiguration } = fromBuilder('app-builder-lib/out/util/config/config') as {
      validateConfiguration(config: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = fromBuilder('builder-util') as {
      DebugLogger: new (enabled: boolean) => unknown;
    };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('package.json points Electron at the built main bundle', () => {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
      main: string;
    };
    expect(pkg.main).toBe('dist/main/electron-main.cjs');
  });
});
