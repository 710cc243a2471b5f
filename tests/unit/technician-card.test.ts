/**
 * Technician cards verified offline: only a card the town hall signed for this site and not
 * expired is accepted; a booking token never passes for a card, nor a card for a booking token.
 */
import { describe, expect, it } from 'vitest';
import { BookingTokenVerifier } from '../../src-main/checkin/booking-token';
import { TechnicianCardVerifier } from '../../src-main/technician/technician-card';
import {
  TECHNICIAN_CARD_PREFIX,
  technicianCardToken,
} from '../../src-shared/domain/technician-card';
import { runTechnicianCardCli } from '../../server/technician-card-cli';
import { signBookingToken } from '../../server/booking-tokens';
import { cardIssuer, CARD_SITE } from '../support/technician-card-fixture';
import { makeTempDir } from '../support/temp-dir';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const NOW = new Date('2026-11-30T09:00:00Z');
const town = cardIssuer();
const stranger = cardIssuer('2026-tech'); // same kid, another key pair
const verifier = new TechnicianCardVerifier(
  () => [town.published],
  CARD_SITE,
  () => NOW,
);

describe('technician cards', () => {
  it('accepts a card of this site and gives its id', () => {
    expect(verifier.verify(town.card('TEC-0042', { now: NOW }))).toEqual({
      ok: true,
      cardId: 'TEC-0042',
    });
  });

  it('refuses a card signed by another key, or altered', () => {
    expect(verifier.verify(stranger.card('TEC-0042', { now: NOW }))).toEqual({
      ok: false,
      refusal: 'forged',
      cardId: null,
    });
    const card = town.card('TEC-0042', { now: NOW });
    const [header, payload, signature] = card.slice(TECHNICIAN_CARD_PREFIX.length).split('.');
    const claims = JSON.parse(Buffer.from(payload as string, 'base64url').toString()) as object;
    const altered = Buffer.from(JSON.stringify({ ...claims, cid: 'TEC-0001' })).toString(
      'base64url',
    );
    expect(
      verifier.verify(`${TECHNICIAN_CARD_PREFIX}${header}.${altered}.${signature}`),
    ).toMatchObject({
      ok: false,
      refusal: 'forged',
    });
  });

  it('refuses an expired card and one of another site, naming the card', () => {
    const old = town.card('TEC-0042', { now: new Date(NOW.getTime() - 31 * 86_400_000) });
    expect(verifier.verify(old)).toEqual({ ok: false, refusal: 'expired', cardId: 'TEC-0042' });
    const elsewhere = town.card('TEC-0042', { siteId: 'otra-sac', now: NOW });
    expect(verifier.verify(elsewhere)).toEqual({
      ok: false,
      refusal: 'other-site',
      cardId: 'TEC-0042',
    });
  });

  it('never takes a booking token for a card, nor a card for a booking token', () => {
    const token = signBookingToken(town.key, {
      bid: 'apt-1',
      code: 'TRN-7K4P9Q',
      site: CARD_SITE,
      svc: 'empadronamiento',
      start: '2026-11-30T10:15:00+01:00',
      exp: Math.floor(NOW.getTime() / 1000) + 3600,
      iat: Math.floor(NOW.getTime() / 1000),
    });
    expect(verifier.verify(`${TECHNICIAN_CARD_PREFIX}${token}`)).toMatchObject({
      ok: false,
      refusal: 'forged',
    });
    const bookings = new BookingTokenVerifier(() => [town.published]);
    const card = town.card('TEC-0042', { now: NOW }).slice(TECHNICIAN_CARD_PREFIX.length);
    expect(bookings.verify(card, { siteId: CARD_SITE, now: NOW })).toEqual({
      ok: false,
      reason: 'token-forged',
    });
  });

  it('tells a card from any other scan by its prefix', () => {
    const card = town.card('TEC-0042', { now: NOW });
    expect(technicianCardToken(`  ${card}\r`)).toBe(card.slice(TECHNICIAN_CARD_PREFIX.length));
    expect(technicianCardToken('TRN-7K4P9Q')).toBeNull();
    expect(technicianCardToken(card.slice(TECHNICIAN_CARD_PREFIX.length))).toBeNull();
    expect(technicianCardToken(`${TECHNICIAN_CARD_PREFIX}not-a-token`)).toBeNull();
  });

  it('is issued by the back office command from the server key file, never a new key', async () => {
    const dir = makeTempDir('card-cli');
    try {
      const keyFile = join(dir.path, 'keys.json');
      const jwk = town.key.privateKey.export({ format: 'jwk' });
      writeFileSync(keyFile, JSON.stringify({ keys: [{ kid: town.key.kid, privateKeyJwk: jwk }] }));
      const out: string[] = [];
      const err: string[] = [];
      const io = { out: (line: string) => out.push(line), err: (line: string) => err.push(line) };
      const svg = join(dir.path, 'card.svg');
      const args = ['--signing-key', keyFile, '--site', CARD_SITE, '--card', 'TEC-0042'];
      await expect(
        runTechnicianCardCli([...args, '--days', '7', '--svg', svg], io, NOW),
      ).resolves.toBe(0);
      expect(verifier.verify(out[0] as string)).toEqual({ ok: true, cardId: 'TEC-0042' });
      expect(err.join('\n')).toContain('valid until 2026-12-07T09:00:00.000Z');
      expect(readFileSync(svg, 'utf8')).toMatch(/^<svg/);
      await expect(
        runTechnicianCardCli(
          ['--signing-key', join(dir.path, 'none.json'), '--site', CARD_SITE, '--card', 'X'],
          io,
          NOW,
        ),
      ).resolves.toBe(1);
      expect(err.join('\n')).toMatch(/no signing key file/);
    } finally {
      dir.remove();
    }
  });
});
