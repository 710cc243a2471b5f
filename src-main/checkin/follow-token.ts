/**
 * A ticket's follow-page token (docs/follow.md): 144 random bits from the operating system's
 * CSPRNG as 24 base64url characters, so nobody can reach another ticket's page by trying tokens
 * or by knowing its number. It travels in the ticket's QR and in its report to the town hall.
 */
import { randomBytes } from 'node:crypto';

const FOLLOW_TOKEN_BYTES = 18;

export const newFollowToken = (): string => randomBytes(FOLLOW_TOKEN_BYTES).toString('base64url');
