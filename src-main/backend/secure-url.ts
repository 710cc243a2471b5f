/**
 * The town hall is reached over HTTPS: the device credential and the published booking keys
 * must not cross a network in clear. Plain HTTP is accepted for this machine only (the
 * embedded demo, a local proxy, tests).
 */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function isSecureOrLoopbackUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
}

export const SECURE_URL_MESSAGE =
  'expected an https URL (plain http only for 127.0.0.1 or localhost)';
