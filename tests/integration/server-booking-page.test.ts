/**
 * The booking page's routes (server/booking/booking-page-routes.ts): `/book` leads to the page
 * of a known site, the manage page is served whatever its token (the page asks the API), both
 * with the strict CSP; framing is refused unless the administrator named the embedding
 * websites (`--booking-embed-origin`), and then only they (and the server itself) may frame it.
 */
import { describe, expect, it } from 'vitest';
import { parseServerArgs } from '../../server/cli-options';
import { fakeBuiltRenderer } from '../support/built-renderer';
import { SITE, serversClosedAfterEach } from './server-kit';

const startServer = serversClosedAfterEach();
const MANAGE_TOKEN = 'A'.repeat(43);

const get = (url: string) => fetch(url, { redirect: 'manual' });

describe('the booking page routes', () => {
  it('sends /book to the page of the first site, keeping the query, and serves the built page', async () => {
    const { server } = await startServer({ lobbyPageDir: fakeBuiltRenderer('booking') });
    const redirect = await get(`${server.url}/book?lang=en`);
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe(`/book/?lang=en&site=${SITE}`);

    const page = await get(`${server.url}/book/?site=${SITE}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('assets/booking-1a2b.js');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');

    const asset = await get(`${server.url}/book/assets/booking-1a2b.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('javascript');
    expect((await get(`${server.url}/book/?site=nowhere`)).status).toBe(404);
    expect((await get(`${server.url}/book/assets/..%2Fbooking.html`)).status).toBe(404);
  });

  it('serves the manage page, not to be indexed, with its assets beside it', async () => {
    const { server } = await startServer({ lobbyPageDir: fakeBuiltRenderer('booking') });
    const page = await get(`${server.url}/book/m/${MANAGE_TOKEN}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('x-robots-tag')).toBe('noindex, nofollow');
    expect((await get(`${server.url}/book/m/assets/booking-1a2b.js`)).status).toBe(200);
  });

  it('may be framed by the embedding websites the administrator named, and by no other', async () => {
    const args = parseServerArgs([
      '--booking-embed-origin',
      'https://www.ayto.example',
      '--booking-embed-origin',
      'http://intranet.ayto.example:8080/',
    ]);
    if (args.help) throw new Error('not the help');
    const { server } = await startServer({
      lobbyPageDir: fakeBuiltRenderer('booking'),
      ...(args.options.bookingEmbedOrigins
        ? { bookingEmbedOrigins: args.options.bookingEmbedOrigins }
        : {}),
    });
    const page = await get(`${server.url}/book/?site=${SITE}`);
    expect(page.headers.get('content-security-policy')).toMatch(
      /; frame-ancestors 'self' https:\/\/www\.ayto\.example http:\/\/intranet\.ayto\.example:8080$/,
    );
    expect(page.headers.get('x-frame-options')).toBeNull();
    // The other pages of the server keep refusing any frame.
    const lobby = await get(`${server.url}/screen`);
    expect(lobby.headers.get('x-frame-options')).toBe('DENY');
  });

  it('refuses an embedding origin that is not one, and SMTP without a sender', () => {
    expect(() => parseServerArgs(['--booking-embed-origin', 'www.ayto.example'])).toThrow(
      /--booking-embed-origin/,
    );
    expect(() => parseServerArgs(['--booking-embed-origin', 'https://ayto.example/citas'])).toThrow(
      /an origin/,
    );
    expect(() => parseServerArgs(['--smtp', 'smtp://mail.ayto.example:587'])).toThrow(
      /--mail-from/,
    );
    const args = parseServerArgs([
      '--smtp',
      'smtp://u:p@mail.ayto.example:587',
      '--mail-from',
      'citas@ayto.example',
    ]);
    expect(args.help ? null : args.options).toMatchObject({
      smtpUrl: 'smtp://u:p@mail.ayto.example:587',
      mailFrom: 'citas@ayto.example',
    });
    // The password may stay off the command line: TURNERO_SMTP_URL, which --smtp overrides.
    const env = { TURNERO_SMTP_URL: 'smtps://u:secreto@mail.ayto.example:465' };
    const fromEnv = parseServerArgs(['--mail-from', 'citas@ayto.example'], env);
    expect(fromEnv.help ? null : fromEnv.options.smtpUrl).toBe(env.TURNERO_SMTP_URL);
    const overridden = parseServerArgs(
      ['--smtp', 'smtp://mail.ayto.example:25', '--mail-from', 'citas@ayto.example'],
      env,
    );
    expect(overridden.help ? null : overridden.options.smtpUrl).toBe('smtp://mail.ayto.example:25');
    expect(() => parseServerArgs([], env)).toThrow(/--mail-from/);
  });
});
