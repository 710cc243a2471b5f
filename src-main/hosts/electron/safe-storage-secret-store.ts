/**
 * The Electron host's secret store: the device credential encrypted with Electron's safeStorage
 * (the system keyring's key) in `<credential file>.safestorage`, itself a 0600 file. A plain
 * credential file left by `npm run enrol` or an earlier web host is taken over: encrypted, then
 * removed. On Linux without a keyring safeStorage falls back to `basic_text`, a fixed key anyone
 * can read in Chromium's source: the store still uses it, and says so in its facts, so the
 * wizard's summary and the technician's diagnostics show that only the file's permissions
 * protect the credential. Used only after the app is ready (safeStorage needs it).
 */
import { readFile, rm } from 'node:fs/promises';
import { safeStorage } from 'electron';
import { readCredential, writeCredential } from '../../backend/turnero-api/credential';
import { writePrivateFile } from '../../technician/private-file';
import { errorText } from '../../logging/error-text';
import type {
  CredentialStoreFacts,
  SecretStore,
  SecretStoreFactory,
} from '../../secrets/secret-store';

export const ENCRYPTED_SUFFIX = '.safestorage';

export type SafeStorage = Pick<
  typeof safeStorage,
  | 'isAsyncEncryptionAvailable'
  | 'encryptStringAsync'
  | 'decryptStringAsync'
  | 'getSelectedStorageBackend'
>;

export interface SafeStorageStoreOptions {
  log: (line: string) => void;
  /** Electron's safeStorage (tests pass the mocked module's). */
  safeStorage?: SafeStorage;
  platform?: NodeJS.Platform;
}

/** The key's keeper: the Linux backend safeStorage chose, or the platform's own keychain. */
function backendOf(storage: SafeStorage, platform: NodeJS.Platform): string {
  if (platform === 'linux') return storage.getSelectedStorageBackend();
  return platform === 'darwin' ? 'keychain' : 'dpapi';
}

export function safeStorageSecretStore(options: SafeStorageStoreOptions): SecretStoreFactory {
  const storage = options.safeStorage ?? safeStorage;
  const platform = options.platform ?? process.platform;
  const { log } = options;

  return (file: string): SecretStore => {
    const encryptedFile = `${file}${ENCRYPTED_SUFFIX}`;
    /** Null until asked; false: no encryption at all here, the plain file is used. */
    let available: boolean | null = null;
    const encryptionAvailable = async (): Promise<boolean> => {
      available ??= await storage.isAsyncEncryptionAvailable();
      return available;
    };

    const writeEncrypted = async (secret: string): Promise<void> => {
      writePrivateFile(encryptedFile, await storage.encryptStringAsync(secret));
      // A plain copy beside it would defeat the encryption.
      await rm(file, { force: true });
    };

    const store: SecretStore = {
      async read() {
        try {
          const sealed = await readFile(encryptedFile);
          const { result, shouldReEncrypt } = await storage.decryptStringAsync(sealed);
          if (shouldReEncrypt) await writeEncrypted(result);
          return result.length > 0 ? result : null;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
            // The keyring's key changed or the file is damaged: the kiosk must enrol again.
            log(`credential: cannot decrypt ${encryptedFile}: ${errorText(error)}`);
            return null;
          }
        }
        const plain = readCredential(file);
        if (plain !== null && (await encryptionAvailable())) {
          await writeEncrypted(plain);
          log(`credential: ${file} moved into safeStorage (${encryptedFile})`);
        }
        return plain;
      },

      async write(secret) {
        if (await encryptionAvailable()) await writeEncrypted(secret);
        else {
          log('credential: safeStorage cannot encrypt on this system; kept in a 0600 file');
          writeCredential(file, secret);
          await rm(encryptedFile, { force: true });
        }
      },

      facts(): CredentialStoreFacts {
        if (available === false) {
          return { kind: 'file', location: file, backend: null, encryptedAtRest: false };
        }
        const backend = backendOf(storage, platform);
        return {
          kind: 'electron-safe-storage',
          location: encryptedFile,
          backend,
          encryptedAtRest: backend !== 'basic_text' && backend !== 'unknown',
        };
      },
    };
    return store;
  };
}
