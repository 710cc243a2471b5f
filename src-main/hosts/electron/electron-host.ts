/**
 * The Electron host: wires the kiosk services (startKiosk) to one hardened kiosk window over
 * `ipcMain` and the sandboxed preload. Everything security-relevant lives in the small modules
 * next to this one; this file only puts them together in the order Electron requires.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  net,
  powerSaveBlocker,
  protocol,
  screen,
  session,
  type IpcMainInvokeEvent,
  type WebContents,
} from 'electron';
import {
  ELECTRON_EVENT_CHANNEL,
  ELECTRON_INVOKE_CHANNEL,
  type IpcResult,
} from '../../../src-shared/contract/ipc';
import { ALWAYS_OPEN } from '../../appliance/opening-hours';
import type { Kiosk, StartKioskOptions } from '../../app/kiosk';
import type { StartSetupOptions } from '../../app/start-setup';
import type { Config } from '../../config/schema';
import type { SecretStoreFactory } from '../../secrets/secret-store';
import { DEMO_REQUESTED_EXIT_CODE, type LaunchPlan } from '../../setup/launch-plan';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  createAppProtocolHandler,
} from './app-protocol';
import { makeAppliance, type Appliance } from './appliance';
import { devWindowDecision } from './dev-window';
import { blockRemoteRequests, denyAllPermissions, hardenWebContents } from './hardening';
import { isTrustedSender, readEnvelope, senderFactsOf, trustedWindowFactsOf } from './ipc-sender';
import {
  isLobbyChannel,
  isLobbyEvent,
  isLobbyPageUrl,
  keepLobbyWindow,
  LOBBY_ENTRY_URL,
  lobbyWindowOptions,
  reloadWhenGone,
  type LobbyWindowKeeper,
} from './lobby-window';
import { kioskWindowOptions } from './window-options';
import { defaultDataDir } from '../../app/data-dir';
import { errorText } from '../../logging/error-text';

export const CONFIG_ERROR_EXIT_CODE = 2;
export const STARTUP_ERROR_EXIT_CODE = 1;
/** How long a clean stop may take before the process quits anyway. */
export const STOP_TIMEOUT_MS = 5000;
export { RELOAD_DELAY_MS } from './renderer-watchdog';

export interface ElectronHostOptions {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  /** dist/main: where electron-main.cjs and preload.cjs are. */
  mainDir: string;
  /** dist/renderer. */
  rendererDir: string;
  /** The configuration, or setup mode (src-main/setup/launch-plan.ts); throws ConfigError. */
  loadConfig: (
    argv: readonly string[],
    env: NodeJS.ProcessEnv,
  ) => { config: Config } | Extract<LaunchPlan, { mode: 'setup' }>;
  startKiosk: (options: StartKioskOptions) => Promise<Kiosk>;
  /** The first-run wizard, for a plan in setup mode. */
  startSetup?: (options: StartSetupOptions) => Promise<Kiosk>;
  /** Where the device credential is kept (main.ts: safeStorage). */
  secretStore?: SecretStoreFactory;
  log?: (line: string) => void;
}

export interface ElectronHost {
  /** Resolves when the window is created, or with null when the host did not start. */
  ready: Promise<ElectronHostRunning | null>;
}

export interface ElectronHostRunning {
  window: BrowserWindow;
  kiosk: Kiosk;
}

/** Refused: the sender is not the kiosk window's main frame on app://turnero/. */
export class UntrustedSenderError extends Error {
  override readonly name = 'UntrustedSenderError';
}

/**
 * Starts the host. Must be called synchronously at startup (before `app` is ready): the app
 * scheme and the sandbox are registered here.
 */
export function startElectronHost(options: ElectronHostOptions): ElectronHost {
  const log = options.log ?? ((line: string) => console.log(`[electron] ${line}`));

  app.enableSandbox();
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

  if (!app.requestSingleInstanceLock()) {
    log('another Turnero instance is running: it is brought to the front; quitting');
    app.quit();
    return { ready: Promise.resolve(null) };
  }
  const devWindow = devWindowDecision(options.argv, options.env, app.isPackaged);
  if (devWindow.refusal) log(devWindow.refusal);

  let plan: ReturnType<ElectronHostOptions['loadConfig']>;
  try {
    plan = options.loadConfig(options.argv, options.env);
  } catch (error) {
    const message = errorText(error);
    console.error(`Turnero: ${message}`);
    // Before `ready` on Linux this prints to stderr instead of opening a dialog.
    dialog.showErrorBox('Turnero: invalid configuration', message);
    app.exit(CONFIG_ERROR_EXIT_CODE);
    return { ready: Promise.resolve(null) };
  }

  const config = 'config' in plan ? plan.config : null;
  let mainWindow: BrowserWindow | null = null;
  let kiosk: Kiosk | null = null;
  let stopped = false;
  let unsubscribeEvents: (() => void) | null = null;
  let appliance: Appliance | null = null;
  // The lobby screen's window on a second display (lobby-window.ts), when configured.
  let lobbyWindow: LobbyWindowKeeper | null = null;
  let lobbyContents: WebContents | null = null;

  app.on('second-instance', () => {
    log('a second launch was refused: showing this kiosk');
    if (mainWindow && !mainWindow.isDestroyed()) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });

  app.on('web-contents-created', (_event, contents: WebContents) => {
    hardenWebContents(contents, log);
  });

  app.on('window-all-closed', () => {
    app.quit();
  });

  /** Stops the kiosk (within STOP_TIMEOUT_MS), then `then()`. */
  const stopKioskThen = (then: () => void): void => {
    if (stopped || kiosk === null) return;
    stopped = true;
    unsubscribeEvents?.();
    const running = kiosk;
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, STOP_TIMEOUT_MS).unref());
    void Promise.race([running.stop(), timeout])
      .catch((error: unknown) => log(`error while stopping: ${errorText(error)}`))
      .finally(then);
  };

  app.on('before-quit', (event) => {
    if (stopped || kiosk === null) return;
    event.preventDefault();
    stopKioskThen(() => app.quit());
  });
  app.on('will-quit', () => {
    appliance?.stop();
    lobbyWindow?.stop();
  });

  const handleInvoke = async (
    event: IpcMainInvokeEvent,
    request: unknown,
  ): Promise<IpcResult<unknown>> => {
    const sender = senderFactsOf(event);
    const fromKiosk = isTrustedSender(
      sender,
      trustedWindowFactsOf(mainWindow?.webContents ?? null),
    );
    // The lobby window's page may ask for the lobby's public data, and nothing else.
    const fromLobby =
      !fromKiosk &&
      isTrustedSender(sender, trustedWindowFactsOf(lobbyContents)) &&
      isLobbyPageUrl(sender.frame?.url ?? '');
    const { channel, payload } = readEnvelope(request);
    if (!fromKiosk && !(fromLobby && isLobbyChannel(channel))) {
      log(`refused IPC from untrusted frame ${event.senderFrame?.url ?? '(gone)'}`);
      throw new UntrustedSenderError('Turnero: IPC refused from an untrusted frame');
    }
    if (kiosk === null) {
      return { ok: false, error: { code: 'internal' } };
    }
    return kiosk.dispatch(channel, payload);
  };

  const ready = (async (): Promise<ElectronHostRunning | null> => {
    await app.whenReady();
    Menu.setApplicationMenu(null);

    const ses = session.defaultSession;
    denyAllPermissions(ses, log, {
      // The wizard turns no camera on; a camera set later takes effect at the next start.
      camera: config?.scanner.camera ?? false,
      appOrigin: APP_ORIGIN,
    });
    blockRemoteRequests(ses, log);
    protocol.handle(
      APP_SCHEME,
      createAppProtocolHandler({
        rootDir: options.rendererDir,
        fetchFile: (fileUrl) => net.fetch(fileUrl),
        toFileUrl: pathToFileURL,
        log,
      }),
    );

    try {
      // The same default as the web host and the technician CLIs (enrol, printer): one folder
      // holds the database, the credential and the logo marker whichever tool wrote them.
      const secrets = options.secretStore ? { secretStore: options.secretStore } : {};
      if (config) {
        kiosk = await options.startKiosk({
          config,
          defaultDataDir: defaultDataDir(),
          applianceDir: options.env.TURNERO_APPLIANCE_DIR || null,
          // The technician's restart: a new process, after before-quit has stopped the kiosk.
          host: {
            downloads: false,
            restart: () => {
              log('restarting at the technician’s request');
              app.relaunch();
              app.quit();
            },
          },
          ...secrets,
        });
      } else if ('configPath' in plan && options.startSetup) {
        kiosk = await options.startSetup({
          configPath: plan.configPath,
          dataDir: defaultDataDir(),
          offerDemo: plan.offerDemo,
          // The launcher (demo/launch.ts) restarts Electron on the demo town hall.
          requestDemo: () => stopKioskThen(() => app.exit(DEMO_REQUESTED_EXIT_CODE)),
          ...secrets,
        });
      } else {
        throw new Error('no configuration, and this host cannot run the first-run wizard');
      }
    } catch (error) {
      const message = errorText(error);
      console.error(`Turnero: could not start: ${message}`);
      dialog.showErrorBox('Turnero: could not start', message);
      app.exit(STARTUP_ERROR_EXIT_CODE);
      return null;
    }

    ipcMain.handle(ELECTRON_INVOKE_CHANNEL, handleInvoke);

    const preloadPath = path.join(options.mainDir, 'preload.cjs');
    const window = new BrowserWindow(
      kioskWindowOptions({
        preloadPath,
        windowed: devWindow.enabled,
        devTools: devWindow.enabled,
      }),
    );
    mainWindow = window;
    window.removeMenu();
    window.once('ready-to-show', () => window.show());
    window.on('closed', () => {
      mainWindow = null;
      // Without the kiosk window the app quits; the lobby window must not keep it running.
      lobbyWindow?.stop();
    });
    appliance = makeAppliance({
      window,
      reload: () => void window.loadURL(APP_ENTRY_URL),
      // app.exit, not app.quit: the exit code must reach the service manager.
      exit: (code) => stopKioskThen(() => app.exit(code)),
      blocker: powerSaveBlocker,
      // Setup mode has no office hours yet: the display stays on while the technician works.
      openingHours: config?.appliance.openingHours ?? ALWAYS_OPEN,
      timeZone: config?.timeZone ?? 'UTC',
      devWindow: devWindow.enabled,
      applianceDir: options.env.TURNERO_APPLIANCE_DIR || null,
      log,
    });

    if (config && config.lobby.display !== null) {
      lobbyWindow = keepLobbyWindow({
        screen,
        setting: config.lobby.display,
        kioskDisplayId: () =>
          mainWindow && !mainWindow.isDestroyed()
            ? screen.getDisplayMatching(mainWindow.getBounds()).id
            : null,
        openWindow: (bounds) => {
          const lobby = new BrowserWindow(lobbyWindowOptions(preloadPath, bounds));
          lobbyContents = lobby.webContents;
          lobby.removeMenu();
          lobby.once('ready-to-show', () => lobby.showInactive());
          lobby.once('closed', () => {
            if (lobbyContents === lobby.webContents) lobbyContents = null;
          });
          reloadWhenGone(lobby, log);
          lobby.loadURL(LOBBY_ENTRY_URL).catch((error: unknown) => {
            log(`lobby window did not load: ${errorText(error)}`);
          });
          return lobby;
        },
        log,
      });
    }

    unsubscribeEvents = kiosk.onEvent(({ event, payload }) => {
      if (mainWindow !== null && !mainWindow.isDestroyed()) {
        mainWindow.webContents.send(ELECTRON_EVENT_CHANNEL, { event, payload });
      }
      if (lobbyContents !== null && !lobbyContents.isDestroyed() && isLobbyEvent(event)) {
        lobbyContents.send(ELECTRON_EVENT_CHANNEL, { event, payload });
      }
    });

    await window.loadURL(APP_ENTRY_URL);
    return { window, kiosk };
  })();

  ready.catch((error: unknown) => {
    console.error(`Turnero: ${errorText(error)}`);
    app.exit(STARTUP_ERROR_EXIT_CODE);
  });

  return { ready };
}
