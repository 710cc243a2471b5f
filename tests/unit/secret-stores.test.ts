/**
 * The device credential's stores: the web host's 0600 file, and the Electron host's safeStorage
 * store tested with a MOCK OF ELECTRON's `safeStorage` (the Electron binary cannot run on the
 * development and CI machines): a reversible stand-in cipher whose backend the test chooses,
 * `basic_text` included.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fileSecretStore } from '../../src-main/secrets/file-secret-store';
import { makeTempDir } from '../support/temp-dir';

/** MOCK OF ELECTRON's safeStorage: "encrypts" by XOR with a key byte behind a marker. */
const electronSafeStorageMock = vi.hoisted(() => {
  const MARKER = 'v10';
  const KEY = 0x5a;
  const xor = (bytes: Buffer) => Buffer.from(bytes.map((byte) => byte ^ KEY));
  const state = {
    backend: 'gnome_libsecret' as string,
    available: true,
    reEncrypt: false,
  };
  return {
    state,
    safeStorage: {
      isAsyncEncryptionAvailable: vi.fn(async () => state.available),
      encryptStringAsync: vi.fn(async (plain: string) =>
        Buffer.concat([Buffer.from(MARKER), xor(Buffer.from(plain, 'utf8'))]),
      ),
      decryptStringAsync: vi.fn(async (sealed: Buffer) => {
        if (sealed.subarray(0, MARKER.length).toString() !== MARKER) {
          throw new Error('Error while decrypting the ciphertext provided to safeStorage');
        }
        return {
          result: xor(sealed.subarray(MARKER.length)).toString('utf8'),
          shouldReEncrypt: state.reEncrypt,
        };
      }),
      getSelectedStorageBackend: vi.fn(() => state.backend),
    },
  };
});

vi.mock('electron', () => ({ safeStorage: electronSafeStorageMock.safeStorage }));

// Imported after the mock is declared: the store takes `safeStorage` from the mocked module.
const { ENCRYPTED_SUFFIX, safeStorageSecretStore } =
  await import('../../src-main/hosts/electron/safe-storage-secret-store');

const CREDENTIAL = 'dc_7QmV2r9sXk4LpT8wZb3NcY6hJf1GdA5e';
const mode = (file: string) => statSync(file).mode & 0o777;

describe('secret stores', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let file: string;
  let logs: string[];
  beforeEach(() => {
    dir = makeTempDir('secrets');
    file = join(dir.path, 'data', 'credential');
    logs = [];
    Object.assign(electronSafeStorageMock.state, {
      backend: 'gnome_libsecret',
      available: true,
      reEncrypt: false,
    });
    vi.clearAllMocks();
  });
  afterEach(() => dir.remove());

  const electronStore = (platform: NodeJS.Platform = 'linux') =>
    safeStorageSecretStore({ log: (line) => logs.push(line), platform })(file);

  describe('the 0600 file (web host)', () => {
    it('writes the credential readable by the kiosk user only, and reads it back', async () => {
      const store = fileSecretStore(file);
      expect(await store.read()).toBeNull();
      await store.write(CREDENTIAL);
      expect(mode(file)).toBe(0o600);
      expect(readFileSync(file, 'utf8').trim()).toBe(CREDENTIAL);
      expect(await store.read()).toBe(CREDENTIAL);
      expect(store.facts()).toEqual({
        kind: 'file',
        location: file,
        backend: null,
        encryptedAtRest: false,
      });
    });
  });

  describe('Electron safeStorage (electron module mocked)', () => {
    it('keeps only the encrypted form, 0600, and decrypts it back', async () => {
      const store = electronStore();
      await store.write(CREDENTIAL);
      const sealed = `${file}${ENCRYPTED_SUFFIX}`;
      expect(mode(sealed)).toBe(0o600);
      expect(readFileSync(sealed).toString('latin1')).not.toContain(CREDENTIAL);
      expect(existsSync(file)).toBe(false);
      expect(await electronStore().read()).toBe(CREDENTIAL);
      expect(store.facts()).toEqual({
        kind: 'electron-safe-storage',
        location: sealed,
        backend: 'gnome_libsecret',
        encryptedAtRest: true,
      });
    });

    it('says so when the keyring is missing and safeStorage falls back to basic_text', async () => {
      electronSafeStorageMock.state.backend = 'basic_text';
      const store = electronStore();
      await store.write(CREDENTIAL);
      expect(store.facts()).toMatchObject({
        kind: 'electron-safe-storage',
        backend: 'basic_text',
        encryptedAtRest: false,
      });
      expect(await store.read()).toBe(CREDENTIAL);
    });

    it('takes over a plain credential left by `npm run enrol`: encrypted, plain file removed', async () => {
      await fileSecretStore(file).write(CREDENTIAL);
      expect(await electronStore().read()).toBe(CREDENTIAL);
      expect(existsSync(file)).toBe(false);
      expect(existsSync(`${file}${ENCRYPTED_SUFFIX}`)).toBe(true);
      expect(logs.join('\n')).toMatch(/moved into safeStorage/);
      expect(await electronStore().read()).toBe(CREDENTIAL);
    });

    it('keeps a 0600 file when safeStorage cannot encrypt at all, and says it is not encrypted', async () => {
      electronSafeStorageMock.state.available = false;
      const store = electronStore();
      await store.write(CREDENTIAL);
      expect(mode(file)).toBe(0o600);
      expect(existsSync(`${file}${ENCRYPTED_SUFFIX}`)).toBe(false);
      expect(store.facts()).toEqual({
        kind: 'file',
        location: file,
        backend: null,
        encryptedAtRest: false,
      });
      expect(await store.read()).toBe(CREDENTIAL);
    });

    it('answers no credential (and logs why) when the sealed file cannot be decrypted', async () => {
      const damaged = join(dir.path, 'credential');
      writeFileSync(`${damaged}${ENCRYPTED_SUFFIX}`, 'not sealed by safeStorage');
      const store = safeStorageSecretStore({ log: (line) => logs.push(line) })(damaged);
      expect(await store.read()).toBeNull();
      expect(logs.join('\n')).toMatch(/cannot decrypt/);
    });

    it('re-encrypts when safeStorage asks to (a rotated key)', async () => {
      await electronStore().write(CREDENTIAL);
      electronSafeStorageMock.state.reEncrypt = true;
      expect(await electronStore().read()).toBe(CREDENTIAL);
      expect(electronSafeStorageMock.safeStorage.encryptStringAsync).toHaveBeenCalledTimes(2);
    });

    it('names the platform keychain outside Linux', () => {
      expect(electronStore('darwin').facts()).toMatchObject({ backend: 'keychain' });
      expect(electronSafeStorageMock.safeStorage.getSelectedStorageBackend).not.toHaveBeenCalled();
    });
  });
});
