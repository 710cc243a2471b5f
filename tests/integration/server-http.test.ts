/**
 * The HTTP edges of the server on Fastify that the API's own tests do not reach: what Fastify
 * refuses itself comes out as the API's ApiError, methods a path does not take (HEAD, OPTIONS)
 * are 405 with Allow, a connection is kept alive when the whole request was read and closed when
 * a body was refused unread, and the pages (only they) carry helmet's security headers.
 */
import { describe, expect, it } from 'vitest';
import { rawErrorCode, rawRequest, serversClosedAfterEach, SITE } from './server-kit';

const startServer = serversClosedAfterEach();

describe('the server on Fastify', () => {
  it('answers a malformed path as an unknown endpoint, and keeps the connection', async () => {
    const { server } = await startServer();
    const answer = await fetch(`${server.url}/api/v1/sites/%E0%A4%A`);
    expect(answer.status).toBe(404);
    expect(await answer.json()).toEqual({
      error: { code: 'not-found', message: 'no such endpoint: /api/v1/sites/%E0%A4%A' },
    });
    expect(answer.headers.get('connection')).toBe('keep-alive');
    const foreign = await rawRequest(server, {
      path: '/api/v1/sites/%E0%A4%A',
      headers: { host: 'rebound.example' },
    });
    expect(foreign.status).toBe(421);
  });

  it('answers HEAD and OPTIONS with 405 and the methods the path takes', async () => {
    const { server } = await startServer();
    for (const method of ['HEAD', 'OPTIONS']) {
      const answer = await rawRequest(server, {
        method: method as 'GET',
        path: `/api/v1/sites/${SITE}/walk-ins`,
      });
      expect(answer.status).toBe(405);
      expect(answer.headers.allow).toBe('POST');
    }
    const page = await rawRequest(server, { method: 'POST', path: '/screen.js' });
    expect(page.status).toBe(405);
    expect(page.headers.allow).toBe('GET');
  });

  it('keeps the connection after a body read whole, and closes it after one refused unread', async () => {
    const { server } = await startServer();
    const path = `/api/v1/sites/${SITE}/walk-ins`;
    const headers = { 'idempotency-key': 'k', 'content-type': 'application/json' };
    const garbage = await fetch(server.url + path, {
      method: 'POST',
      headers,
      body: '{"ticketId":',
    });
    expect(garbage.status).toBe(400);
    expect(await garbage.json()).toEqual({
      error: { code: 'bad-request', message: 'body is not valid JSON' },
    });
    expect(garbage.headers.get('connection')).toBe('keep-alive');
    const tooLarge = await rawRequest(server, {
      method: 'POST',
      path,
      headers,
      body: { padding: 'x'.repeat(20_000) },
    });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.headers.connection).toBe('close');
    const unread = await fetch(server.url + path, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'text/plain' },
      body: 'x'.repeat(200_000),
    });
    expect(unread.status).toBe(415);
    expect(unread.headers.get('connection')).toBe('close');
  });

  it('gives the pages helmet’s security headers and their own CSP, and the API neither', async () => {
    const { server } = await startServer();
    const page = await rawRequest(server, { path: `/screen?site=${SITE}` });
    expect(page.status).toBe(200);
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['content-security-policy']).toMatch(
      /^default-src 'none'; script-src 'self'/,
    );
    expect(page.headers['strict-transport-security']).toBeUndefined();
    const api = await rawRequest(server, { path: '/api/v1/health' });
    expect(api.status).toBe(200);
    expect(api.headers['x-frame-options']).toBeUndefined();
    expect(rawErrorCode(await rawRequest(server, { path: '/nothing' }))).toBe('not-found');
  });
});
