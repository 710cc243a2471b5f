/** The secret in a plain file only the kiosk's user can read (0600): the web host's store. */
import { readCredential, writeCredential } from '../backend/turnero-api/credential';
import type { SecretStore, SecretStoreFactory } from './secret-store';

export const fileSecretStore: SecretStoreFactory = (file: string): SecretStore => ({
  read: async () => readCredential(file),
  write: async (secret) => writeCredential(file, secret),
  facts: () => ({ kind: 'file', location: file, backend: null, encryptedAtRest: false }),
});
