/**
 * The lobby screen's window (issue 14 item 2, docs/lobby-screen.md): a second BrowserWindow, full
 * screen on the display the configuration names (`lobby.display`), showing the kiosk's own
 * `app://turnero/lobby.html?feed=bridge`, fed by the main process over the bridge, so that no
 * window loads remote content. It has the kiosk window's hardened web preferences (sandbox,
 * context isolation, the preload, sound without a gesture) and may call the lobby's channels
 * only (electron-host.ts checks its sender).
 *
 * Displays come and go (a TV switched off, a cable pulled): the window is placed again whenever
 * Electron's `screen` reports a display added, removed or changed, opened when its display
 * appears, and closed when it is gone. Never on the kiosk's own display.
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import type { RequestChannel } from '../../../src-shared/contract/ipc';
import { APP_ORIGIN, isAppUrl } from './app-protocol';
import { hardenedWebPreferences } from './window-options';

export const LOBBY_PAGE_PATH = '/lobby.html';
export const LOBBY_ENTRY_URL = `${APP_ORIGIN}${LOBBY_PAGE_PATH}?feed=bridge`;

/** What the lobby window may ask of main: public data, nothing else. */
const LOBBY_CHANNELS: readonly RequestChannel[] = ['lobby:get-snapshot', 'lobby:get-connection'];
export const isLobbyChannel = (channel: unknown): boolean =>
  LOBBY_CHANNELS.some((lobbyChannel) => lobbyChannel === channel);

/** The events main sends to the lobby window (the kiosk window gets every event). */
export const isLobbyEvent = (event: string): boolean => event.startsWith('lobby:');

/** The lobby window's page is the app's lobby.html and nothing else. */
export function isLobbyPageUrl(url: string): boolean {
  if (!isAppUrl(url)) return false;
  return new URL(url).pathname === LOBBY_PAGE_PATH;
}

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DisplayFacts {
  id: number;
  bounds: Bounds;
}

/** `lobby.display` of the configuration (src-main/config/lobby-config.ts). */
export type LobbyDisplaySetting = number | string | null;

/**
 * The display for the lobby: by its place among the displays ordered left to right, then top to
 * bottom, or by Electron's id (`id:<n>`); null when there is none such, or it is the kiosk's.
 */
export function chooseLobbyDisplay(
  displays: readonly DisplayFacts[],
  setting: LobbyDisplaySetting,
  kioskDisplayId: number | null,
): DisplayFacts | null {
  if (setting === null) return null;
  let chosen: DisplayFacts | undefined;
  if (typeof setting === 'number') {
    const ordered = [...displays].sort(
      (a, b) => a.bounds.x - b.bounds.x || a.bounds.y - b.bounds.y,
    );
    chosen = ordered[setting];
  } else {
    const id = Number(setting.replace(/^id:/, ''));
    chosen = displays.find((display) => display.id === id);
  }
  return chosen && chosen.id !== kioskDisplayId ? chosen : null;
}

export function lobbyWindowOptions(
  preloadPath: string,
  bounds: Bounds,
): BrowserWindowConstructorOptions {
  return {
    show: false,
    ...bounds,
    fullscreen: true,
    frame: false,
    // Nobody touches the TV: it never takes the focus (or the keyboard wedge's keys) from the kiosk.
    focusable: false,
    skipTaskbar: true,
    autoHideMenuBar: true,
    backgroundColor: '#000000',
    title: 'Turnero · llamadas',
    webPreferences: { ...hardenedWebPreferences(preloadPath), devTools: false },
  };
}

/** A lobby renderer that crashed or was killed is loaded again after this long. */
export const LOBBY_RELOAD_DELAY_MS = 5_000;

/** The part of a lobby window's web contents that `reloadWhenGone` uses. */
export interface ReloadableWindow {
  isDestroyed(): boolean;
  loadURL(url: string): Promise<void>;
  readonly webContents: {
    on(
      event: 'render-process-gone',
      listener: (event: unknown, details: { reason: string }) => void,
    ): unknown;
  };
}

/**
 * Nobody watches the TV to restart it: a lobby renderer that is gone is loaded again (the
 * screen then fetches a whole snapshot). Unlike the kiosk window's watchdog it never gives up:
 * a blank TV helps nobody, and the kiosk itself is not at stake.
 */
export function reloadWhenGone(window: ReloadableWindow, log: (line: string) => void): void {
  window.webContents.on('render-process-gone', (_event, details) => {
    log(
      `lobby window renderer gone (${details.reason}); loading it again in ${LOBBY_RELOAD_DELAY_MS} ms`,
    );
    setTimeout(() => {
      if (window.isDestroyed()) return;
      window.loadURL(LOBBY_ENTRY_URL).catch(() => undefined);
    }, LOBBY_RELOAD_DELAY_MS).unref();
  });
}

/** The part of a BrowserWindow the keeper uses. */
export interface LobbyWindow {
  setFullScreen(fullScreen: boolean): void;
  setBounds(bounds: Bounds): void;
  close(): void;
  isDestroyed(): boolean;
  once(event: 'closed', listener: () => void): unknown;
}

export type DisplayEvent = 'display-added' | 'display-removed' | 'display-metrics-changed';
export const DISPLAY_EVENTS: readonly DisplayEvent[] = [
  'display-added',
  'display-removed',
  'display-metrics-changed',
];

/** The part of Electron's `screen` the keeper uses. */
export interface DisplayScreen {
  getAllDisplays(): DisplayFacts[];
  on(event: DisplayEvent, listener: () => void): unknown;
  removeListener(event: DisplayEvent, listener: () => void): unknown;
}

export interface LobbyWindowKeeperOptions {
  screen: DisplayScreen;
  setting: LobbyDisplaySetting;
  /** The display the kiosk window is on, if known. */
  kioskDisplayId(): number | null;
  /** Makes (and loads) the window on these bounds. */
  openWindow(bounds: Bounds): LobbyWindow;
  log(line: string): void;
}

export interface LobbyWindowKeeper {
  /** The window now open, if any. */
  current(): LobbyWindow | null;
  stop(): void;
}

const sameBounds = (a: Bounds, b: Bounds): boolean =>
  a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;

export function keepLobbyWindow(options: LobbyWindowKeeperOptions): LobbyWindowKeeper {
  const { screen, log } = options;
  let window: LobbyWindow | null = null;
  let placed: DisplayFacts | null = null;

  const close = (why: string): void => {
    if (window && !window.isDestroyed()) {
      log(`lobby window closed: ${why}`);
      window.close();
    }
    window = null;
    placed = null;
  };

  const place = (): void => {
    const display = chooseLobbyDisplay(
      screen.getAllDisplays(),
      options.setting,
      options.kioskDisplayId(),
    );
    if (!display) {
      if (window) close(`display ${String(options.setting)} is not connected`);
      return;
    }
    if (window && !window.isDestroyed()) {
      if (placed && placed.id === display.id && sameBounds(placed.bounds, display.bounds)) return;
      // A full-screen window keeps its display until it leaves full screen.
      window.setFullScreen(false);
      window.setBounds(display.bounds);
      window.setFullScreen(true);
      log(`lobby window moved to display ${display.id}`);
    } else {
      const opened = options.openWindow(display.bounds);
      window = opened;
      opened.once('closed', () => {
        if (window === opened) {
          window = null;
          placed = null;
        }
      });
      log(`lobby window opened on display ${display.id}`);
    }
    placed = display;
  };

  for (const event of DISPLAY_EVENTS) screen.on(event, place);
  place();
  return {
    current: () => (window && !window.isDestroyed() ? window : null),
    stop() {
      for (const event of DISPLAY_EVENTS) screen.removeListener(event, place);
      close('the kiosk stops');
    },
  };
}
