/**
 * Where the kiosk keeps its one secret, the device credential from enrolment: behind this
 * interface, so the web host keeps it in a 0600 file (file-secret-store.ts) and the Electron host
 * encrypts it with safeStorage (hosts/electron/safe-storage-secret-store.ts) without the parts
 * that use it knowing which.
 */
import type { CredentialStoreFacts } from '../../src-shared/contract/setup';

export type { CredentialStoreFacts };

export interface SecretStore {
  /** The stored secret, or null when there is none (or it cannot be read back). */
  read(): Promise<string | null>;
  /** Replaces the stored secret, atomically, readable by the kiosk's user only. */
  write(secret: string): Promise<void>;
  /** How it is kept, for the wizard's summary and the technician's diagnostics. */
  facts(): CredentialStoreFacts;
}

/** Makes the store for a credential file path (`api.credentialFile` or `<dataDir>/credential`). */
export type SecretStoreFactory = (file: string) => SecretStore;
