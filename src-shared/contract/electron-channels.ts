/**
 * The two Electron IPC channels that carry the whole contract. Kept apart from ipc.ts so the
 * sandboxed preload can import them without bundling zod and the schemas.
 */
export const ELECTRON_INVOKE_CHANNEL = 'turnero:invoke';
export const ELECTRON_EVENT_CHANNEL = 'turnero:event';
