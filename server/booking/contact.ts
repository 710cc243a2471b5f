/**
 * A booking's contact as the per-contact limits see it: the e-mail (lower case) and the phone
 * (digits only, a leading +34 taken as Spain's) hashed under the site's ID-hash salt, with a
 * prefix so an e-mail never equals a phone or an ID number. The clear contact is kept only in
 * the booking row, for the notices, until the purge.
 */
import { citizenIdHash } from '../../src-shared/domain/citizen-id-hash';

export interface Contact {
  email: string | null;
  phone: string | null;
}

export interface ContactHashes {
  emailHash: string | null;
  phoneHash: string | null;
}

export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

export function normalisePhone(phone: string): string {
  const digits = phone.replace(/[^0-9+]/g, '');
  const national = digits.startsWith('+34') ? digits.slice(3) : digits;
  return national.replace(/\+/g, '');
}

export function contactHashes(salt: string, contact: Contact): ContactHashes {
  return {
    emailHash: contact.email ? citizenIdHash(salt, `email:${normaliseEmail(contact.email)}`) : null,
    phoneHash: contact.phone ? citizenIdHash(salt, `phone:${normalisePhone(contact.phone)}`) : null,
  };
}

/** One key per contact for the attempt throttle: its e-mail hash, or else its phone hash. */
export const contactKey = (siteId: string, hashes: ContactHashes): string =>
  `${siteId}:${hashes.emailHash ?? hashes.phoneHash ?? 'none'}`;
