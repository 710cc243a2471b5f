/**
 * The salted hash under which an ID document number is looked up: base64url of
 * HMAC-SHA256(key = the site's salt, base64url-decoded; message = the normalised number, UTF-8).
 * The town hall computes the same value for its bookings (docs/identification.md). The clear
 * number is never stored, logged or sent.
 */
import { createHmac } from 'node:crypto';

export function citizenIdHash(saltBase64Url: string, normalisedId: string): string {
  return createHmac('sha256', Buffer.from(saltBase64Url, 'base64url'))
    .update(normalisedId, 'utf8')
    .digest('base64url');
}
