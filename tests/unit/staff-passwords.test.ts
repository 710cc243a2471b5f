/** Staff password hashes: scrypt with a salt per hash, verified in constant time. */
import { describe, expect, it } from 'vitest';
import { generatePassword, hashPassword, verifyPassword } from '../../server/staff/passwords';
import { roleAllows } from '../../server/staff/roles';

// A cheap cost keeps the test fast; the format and the checks are the same.
const CHEAP = { N: 1024, r: 8, p: 1 };

describe('staff passwords', () => {
  it('verifies the right password only, with a fresh salt each time', async () => {
    const first = await hashPassword('correct horse battery', CHEAP);
    const second = await hashPassword('correct horse battery', CHEAP);
    expect(first).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain('correct horse');
    expect(await verifyPassword('correct horse battery', first)).toBe(true);
    expect(await verifyPassword('correct horse battery', second)).toBe(true);
    expect(await verifyPassword('correct horse batterY', first)).toBe(false);
    expect(await verifyPassword('', first)).toBe(false);
  });

  it('refuses a hash it did not write or one that was altered', async () => {
    const stored = await hashPassword('una contraseña', CHEAP);
    const parts = stored.split('$');
    const key = Buffer.from(parts[5] ?? '', 'base64');
    key[0] = (key[0] ?? 0) ^ 1;
    const altered = [...parts.slice(0, 5), key.toString('base64')].join('$');
    expect(await verifyPassword('una contraseña', altered)).toBe(false);
    expect(await verifyPassword('una contraseña', 'plain text')).toBe(false);
    expect(await verifyPassword('una contraseña', 'scrypt$0$8$1$AAAA$AAAA')).toBe(false);
    // The same text in another Unicode normal form is the same password.
    expect(await verifyPassword('una contrasen\u0303a', stored)).toBe(true);
  });

  it('generates passwords long and varied enough for a first sign-in', () => {
    const made = new Set(Array.from({ length: 50 }, generatePassword));
    expect(made.size).toBe(50);
    for (const password of made) expect(password).toMatch(/^([a-z2-9]{4}-){3}[a-z2-9]{4}$/);
  });

  it('ranks roles: admin ⊃ supervisor ⊃ desk', () => {
    expect(roleAllows('admin', 'supervisor')).toBe(true);
    expect(roleAllows('supervisor', 'desk')).toBe(true);
    expect(roleAllows('desk', 'supervisor')).toBe(false);
    expect(roleAllows('supervisor', 'admin')).toBe(false);
    expect(roleAllows('desk', 'desk')).toBe(true);
  });
});
