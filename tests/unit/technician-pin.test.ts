/**
 * The technician PIN: hashed with scrypt (salted, parameters kept with the hash), stored 0600,
 * never in clear; easy PINs refused; five wrong ones lock the mode for five minutes (fake clock).
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashPin, PIN_SCRYPT, pinMatches } from '../../src-main/technician/pin-hash';
import { PinFile } from '../../src-main/technician/pin-file';
import { LOCKOUT_MS, MAX_WRONG_PINS, PinLockout } from '../../src-main/technician/pin-lockout';
import { isWeakPin } from '../../src-main/technician/pin-rules';
import type { LockoutRecord } from '../../src-main/store/technician-lockout-repository';
import { openStore, type Store } from '../../src-main/store/store';
import { makeTempDir } from '../support/temp-dir';

/** Cheap parameters so the tests stay fast; the kiosk's own are checked once below. */
const FAST = { N: 2 ** 10, r: 8, p: 1, keyLength: 32 };

describe('PIN hash (scrypt)', () => {
  it('stores the documented parameters, a fresh salt per hash, and no PIN', async () => {
    const first = await hashPin('246810');
    const second = await hashPin('246810');
    expect(first).toMatchObject({ algorithm: 'scrypt', N: 32768, r: 8, p: 1, keyLength: 32 });
    expect(PIN_SCRYPT).toEqual({ N: 32768, r: 8, p: 1, keyLength: 32 });
    expect(Buffer.from(first.salt, 'base64')).toHaveLength(16);
    expect(first.salt).not.toBe(second.salt);
    expect(first.hash).not.toBe(second.hash);
    expect(JSON.stringify(first)).not.toContain('246810');
    await expect(pinMatches('246810', first)).resolves.toBe(true);
  });

  it('tells a wrong PIN, one digit off or longer, from the right one', async () => {
    const stored = await hashPin('246810', FAST);
    await expect(pinMatches('246810', stored)).resolves.toBe(true);
    await expect(pinMatches('246811', stored)).resolves.toBe(false);
    await expect(pinMatches('2468100', stored)).resolves.toBe(false);
    await expect(pinMatches('', stored)).resolves.toBe(false);
  });

  it('keeps the hash in a 0600 file of the data folder, and a damaged file opens nothing', async () => {
    const dir = makeTempDir('pin');
    try {
      const logs: string[] = [];
      const pins = new PinFile(dir.path, (line) => logs.push(line), FAST);
      expect(pins.isSet()).toBe(false);
      await expect(pins.matches('246810')).resolves.toBe(false);
      await pins.set('246810');
      expect(pins.isSet()).toBe(true);
      expect(statSync(pins.file).mode & 0o777).toBe(0o600);
      expect(readFileSync(pins.file, 'utf8')).not.toContain('246810');
      await expect(pins.matches('246810')).resolves.toBe(true);
      await pins.set('975310');
      await expect(pins.matches('246810')).resolves.toBe(false);
      await expect(pins.matches('975310')).resolves.toBe(true);

      writeFileSync(pins.file, '{"algorithm":"scrypt"');
      await expect(pins.matches('975310')).resolves.toBe(false);
      expect(pins.isSet()).toBe(false);
      expect(logs.join('\n')).toMatch(/unreadable/);
    } finally {
      dir.remove();
    }
  });

  it.each(['000000', '111111111', '123456', '234567890', '987654', '3210987'])(
    'refuses the easy PIN %s',
    (pin) => expect(isWeakPin(pin)).toBe(true),
  );

  it.each(['246810', '190873', '112358', '123457'])('accepts %s', (pin) =>
    expect(isWeakPin(pin)).toBe(false),
  );
});

describe('PIN lockout', () => {
  let store: Store;
  let now: number;
  beforeEach(() => {
    store = openStore(':memory:');
    now = Date.parse('2026-11-30T09:00:00Z');
  });
  afterEach(() => store.close());
  const lockout = () => new PinLockout(store.technicianLockout, () => now);

  it('locks after five wrong PINs in a row, for five minutes, then counts again from zero', () => {
    const pins = lockout();
    expect(pins.triesLeft()).toBe(MAX_WRONG_PINS);
    for (let attempt = 1; attempt < MAX_WRONG_PINS; attempt++) {
      expect(pins.recordFailure()).toBe(false);
      expect(pins.triesLeft()).toBe(MAX_WRONG_PINS - attempt);
    }
    expect(pins.lockedForMs()).toBe(0);
    expect(pins.recordFailure()).toBe(true);
    expect(pins.lockedForMs()).toBe(LOCKOUT_MS);
    expect(LOCKOUT_MS).toBe(5 * 60_000);

    now += 4 * 60_000 + 59_000;
    expect(pins.lockedForMs()).toBe(1_000);
    now += 1_000;
    expect(pins.lockedForMs()).toBe(0);
    expect(pins.triesLeft()).toBe(MAX_WRONG_PINS);
  });

  it('starts counting again after a right PIN', () => {
    const pins = lockout();
    for (let attempt = 0; attempt < MAX_WRONG_PINS - 1; attempt++) pins.recordFailure();
    pins.recordSuccess();
    expect(pins.triesLeft()).toBe(MAX_WRONG_PINS);
    expect(pins.recordFailure()).toBe(false);
  });

  it('survives a restart (the count is in the kiosk store)', () => {
    for (let attempt = 0; attempt < MAX_WRONG_PINS; attempt++) lockout().recordFailure();
    now += 60_000;
    expect(lockout().lockedForMs()).toBe(LOCKOUT_MS - 60_000);
  });

  it('lasts five minutes from now when the clock was set back', () => {
    const records: LockoutRecord[] = [];
    const storage = {
      load: () => records.at(-1) ?? { failures: 0, lockedUntil: null },
      save: (record: LockoutRecord) => void records.push(record),
    };
    const pins = new PinLockout(storage, () => now);
    for (let attempt = 0; attempt < MAX_WRONG_PINS; attempt++) pins.recordFailure();
    now -= 24 * 3_600_000;
    expect(pins.lockedForMs()).toBe(LOCKOUT_MS);
    now += LOCKOUT_MS;
    expect(pins.lockedForMs()).toBe(0);
  });
});
