/**
 * The proof of work a booking carries instead of a captcha (ALTCHA, self-hosted: no request
 * leaves this server). Started as soon as the citizen reaches the form, so it is usually done
 * by the time they press "Confirm". The payload is what the server verifies: base64 of
 * `{challenge, solution}`.
 */
import { solveChallenge, type Challenge } from 'altcha-lib';
import { bookingApi, BookingApiError } from './api';

async function deriveKeyFor(algorithm: string) {
  // Only the algorithm the server asked for is loaded.
  if (algorithm.toUpperCase().startsWith('PBKDF2')) {
    return (await import('altcha-lib/algorithms/web/pbkdf2')).deriveKey;
  }
  return (await import('altcha-lib/algorithms/web/sha')).deriveKey;
}

export async function solveProof(): Promise<string> {
  const challenge = (await bookingApi.challenge()) as Challenge;
  const solution = await solveChallenge({
    challenge,
    deriveKey: await deriveKeyFor(challenge.parameters.algorithm),
  });
  if (!solution) throw new BookingApiError('proof-failed');
  const payload = JSON.stringify({
    challenge: { parameters: challenge.parameters, signature: challenge.signature },
    solution,
  });
  return btoa(payload);
}
