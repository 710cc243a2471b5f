/** The kiosk window: full screen, no frame or menu, and the hardened renderer preferences. */
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

export const KIOSK_BACKGROUND_COLOR = '#0b3d61';

export function hardenedWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    devTools: false,
    safeDialogs: true,
    autoplayPolicy: 'no-user-gesture-required',
  };
}

export interface KioskWindowOptions {
  preloadPath: string;
  backgroundColor?: string;
  /** Developers may want DevTools; never on a kiosk. */
  devTools?: boolean;
  /** The developer window (dev-window.ts): framed and sized, not a kiosk. */
  windowed?: boolean;
}

/** The size of the developer window: a common landscape totem panel, scaled down. */
export const DEV_WINDOW_SIZE = { width: 1280, height: 800 };

export function kioskWindowOptions(options: KioskWindowOptions): BrowserWindowConstructorOptions {
  const windowed = options.windowed ?? false;
  return {
    show: false,
    kiosk: !windowed,
    fullscreen: !windowed,
    frame: windowed,
    ...(windowed ? DEV_WINDOW_SIZE : {}),
    autoHideMenuBar: true,
    backgroundColor: options.backgroundColor ?? KIOSK_BACKGROUND_COLOR,
    title: 'Turnero',
    webPreferences: {
      ...hardenedWebPreferences(options.preloadPath),
      devTools: options.devTools ?? false,
    },
  };
}
