/**
 * The sandboxed preload: exposes `window.turnero` (see TurneroBridge) and nothing else. It is
 * bundled to CommonJS (dist/main/preload.cjs) because a sandboxed preload can only require
 * 'electron'.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createTurneroBridge } from './bridge';

contextBridge.exposeInMainWorld('turnero', createTurneroBridge(ipcRenderer));
