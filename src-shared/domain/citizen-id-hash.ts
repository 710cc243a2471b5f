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

type KeyedHmac = ReturnType<typeof hmac.create>;

/** The HMAC keyed with the last salt seen: a site has one salt, so keying it once is enough. */
let keyed: { salt: string; mac: KeyedHmac } | null = null;

function macFor(saltBase64Url: string): KeyedHmac {
  if (keyed?.salt !== saltBase64Url) {
    const key = base64urlnopad.decode(saltBase64Url.replace(/=+$/, ''));
    keyed = { salt: saltBase64Url, mac: hmac.create(sha256, key) };
  }
  return keyed.mac;
}

export function citizenIdHash(saltBase64Url: string, normalisedId: string): string {
  return base64urlnopad.encode(
    macFor(saltBase64Url).clone().update(utf8ToBytes(normalisedId)).digest(),
  );
}
