/**
 * Settings that never leave the kiosk through the technician mode: secrets (never exported,
 * imported, shown or written to the audit log) and the kiosk's identity and per-kiosk values
 * (never cloned onto another kiosk). Paths are dotted; a path names its whole subtree.
 */

/** Secrets: credentials and what obtains one. */
export const SECRET_PATHS: readonly string[] = [
  'api.enrolmentCode',
  'api.credentialFile',
  'api.easyAppointments.apiToken',
];

/** This kiosk's own: who it is, where its data lives, its offline number range. */
export const PER_KIOSK_PATHS: readonly string[] = ['dataDir', 'siteId', 'kioskId', 'numbering'];

const within = (path: string, root: string): boolean =>
  path === root || path.startsWith(`${root}.`);

export function isSecretPath(path: string): boolean {
  return SECRET_PATHS.some((root) => within(path, root));
}

/** Whether the field may travel in a settings file from one kiosk to another. */
export function isTransferablePath(path: string): boolean {
  return !isSecretPath(path) && !PER_KIOSK_PATHS.some((root) => within(path, root));
}
