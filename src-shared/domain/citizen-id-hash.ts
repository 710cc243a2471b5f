/**
 * The salted hash under which an ID document number is looked up, on the kiosk and on the
 * server alike: base64url (unpadded) of HMAC-SHA256(key = the site's salt, base64url-decoded;
 * message = the normalised number, UTF-8). The clear number is never stored, logged or sent
 * (docs/identification.md). Pure (no Node crypto), so both sides share this one definition.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { base64urlnopad } from '@scure/base';

export function citizenIdHash(saltBase64Url: string, normalisedId: string): string {
  const key = base64urlnopad.decode(saltBase64Url.replace(/=+$/, ''));
  return base64urlnopad.encode(hmac(sha256, key, utf8ToBytes(normalisedId)));
}
