/**
 * A kiosk that cannot keep its data safe refuses to start, in one line that says why: a damaged
 * database (left byte-for-byte as it was, for recovery), or a data folder it cannot use.
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  openSync,
  readFileSync,
  statSync,
  writeFileSync,
  writeSync,
  closeSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prepareDataFolder } from '../../src-main/store/data-folder';
import { DamagedDatabaseError, DataFolderError } from '../../src-main/store/startup-errors';
import { ID_SALT_FILE, openStore } from '../../src-main/store/store';
import { appointment, seedCatalog } from '../support/catalog-fixture';
import { makeTempDir } from '../support/temp-dir';

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('the kiosk database at start', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let file: string;

  beforeEach(() => {
    dir = makeTempDir('store-startup');
    file = join(dir.path, 'turnero.sqlite');
    const store = openStore(file);
    const start = new Date('2026-11-29T09:00:00+01:00');
    seedCatalog(
      store,
      Array.from({ length: 3000 }, (_, index) =>
        appointment(
          `TRN-${String(index).padStart(6, '0')}`,
          new Date(start.getTime() + index * 60_000),
        ),
      ),
      start,
    );
    store.close();
  });
  afterEach(() => dir.remove());

  it('opens a sound file, private to the kiosk user (0600)', () => {
    const store = openStore(file);
    store.close();
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('refuses a damaged file with a technician message and leaves every byte as it was', () => {
    const pageSize = 4096;
    const fd = openSync(file, 'r+');
    // A page in the middle of the appointments table and its index, overwritten by garbage.
    writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, pageSize * 20);
    closeSync(fd);
    const before = sha256(file);

    let refused: unknown;
    try {
      openStore(file).close();
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(DamagedDatabaseError);
    expect((refused as Error).message).toMatch(/is damaged .* left untouched/);
    expect(sha256(file)).toBe(before);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('refuses a file that is not a database at all', () => {
    writeFileSync(file, 'not a database, but somebody’s notes');
    expect(() => openStore(file)).toThrow(DamagedDatabaseError);
    expect(readFileSync(file, 'utf8')).toBe('not a database, but somebody’s notes');
  });
});

describe('the data folder', () => {
  let dir: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    dir = makeTempDir('data-folder');
  });
  afterEach(() => dir.remove());

  it('is created private (0700)', () => {
    const dataDir = join(dir.path, 'turnero');
    prepareDataFolder(dataDir);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
  });

  it('says in one line when it cannot be created', () => {
    const blocker = join(dir.path, 'blocker');
    writeFileSync(blocker, '');
    expect(() => prepareDataFolder(join(blocker, 'turnero'))).toThrow(DataFolderError);
    expect(() => prepareDataFolder(join(blocker, 'turnero'))).toThrow(
      /^The data folder .*blocker\/turnero cannot be created: a file is in the way \(ENOTDIR\)\. Set "dataDir"/,
    );
  });

  it('says in one line when a file stands where the folder should be', () => {
    const file = join(dir.path, 'turnero');
    writeFileSync(file, '');
    expect(() => prepareDataFolder(file)).toThrow(/cannot be created: .*\(EEXIST\)|not writable/);
  });
});

describe('the ID-hash salt of a kiosk from before it left the database', () => {
  it('is moved to its own 0600 file once, and erased from the database', () => {
    const dir = makeTempDir('salt-move');
    try {
      const file = join(dir.path, 'turnero.sqlite');
      const first = openStore(file);
      first.db
        .prepare(
          `INSERT INTO site (id, name, time_zone, id_hash_salt, updated_at)
                  VALUES ('demo-sac', 'SAC', 'Europe/Madrid', 'c2FsdC1mcm9tLWJlZm9yZQ', 'x')`,
        )
        .run();
      first.close();
      const store = openStore(file);
      expect(store.catalog.getIdHashSalt()).toBe('c2FsdC1mcm9tLWJlZm9yZQ');
      expect(store.db.prepare('SELECT id_hash_salt FROM site').get()).toEqual({
        id_hash_salt: null,
      });
      store.db.pragma('wal_checkpoint(TRUNCATE)');
      expect(readFileSync(file).includes(Buffer.from('c2FsdC1mcm9tLWJlZm9yZQ'))).toBe(false);
      store.close();
      const saltFile = join(dir.path, ID_SALT_FILE);
      expect(statSync(saltFile).mode & 0o777).toBe(0o600);
      const reopened = openStore(file);
      expect(reopened.catalog.getIdHashSalt()).toBe('c2FsdC1mcm9tLWJlZm9yZQ');
      reopened.close();
    } finally {
      dir.remove();
    }
  });
});
