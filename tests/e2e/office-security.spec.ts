/**
 * The office app's defences in real Chromium through the real server: a form on ANOTHER real
 * origin (a page served on another port of the same host, so the SameSite=Strict cookie is
 * sent) that posts to the desk API is refused and calls no one; and the whole app works behind
 * an HTTPS origin (a TLS-terminating proxy with a self-signed certificate, the server told to
 * trust it): sign-in with a Secure cookie, a call, the live queue.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import type { TurneroServer } from '../../server/server';
import {
  issueWalkIn,
  OFFICE_SITE,
  OFFICE_VIEWPORT,
  signInOnPage,
  startOfficeServer,
} from './support/office-server';
import { startTlsProxy, type TlsProxy } from './support/tls-proxy';

let server: TurneroServer;
let other: Server | undefined;
let proxy: TlsProxy | undefined;

test.afterEach(async () => {
  await server.close();
  if (other) await new Promise((resolve) => other?.close(resolve));
  other = undefined;
  await proxy?.close();
  proxy = undefined;
});

/** Serves one HTML page on a port of its own: another origin of the same host. */
async function serveOtherOrigin(html: string): Promise<string> {
  other = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  await new Promise<void>((resolve) => other?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(other.address() as AddressInfo).port}/`;
}

test('a form posted from another origin is refused, though the browser sends the cookie', async ({
  page,
}) => {
  server = await startOfficeServer();
  await issueWalkIn(server, 'E-001');
  await page.goto(`${server.url}/office/desk`);
  await signInOnPage(page, 'mesa');
  await page.getByRole('button', { name: 'Empezar a atender' }).click();
  await expect(page.getByRole('heading', { name: /^Mesa 1:/ })).toBeVisible();

  const attacker = await serveOtherOrigin(
    `<!doctype html><html lang="en"><title>Other</title>
     <form method="post" action="${server.url}/office/api/desk/call-next" enctype="text/plain">
       <input name='{"site":"${OFFICE_SITE}","x":"' value='"}'>
       <button type="submit">Go</button>
     </form></html>`,
  );
  const sent: Record<string, string>[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/desk/call-next'))
      void request.allHeaders().then((h) => sent.push(h));
  });
  await page.goto(attacker);
  const [answer] = await Promise.all([
    page.waitForResponse((response) => response.url().endsWith('/desk/call-next')),
    page.getByRole('button', { name: 'Go' }).click(),
  ]);
  expect(answer.status()).toBe(403);
  expect(await answer.json()).toEqual({
    error: { code: 'csrf', message: 'cross-site requests are refused' },
  });
  await expect.poll(() => sent.length).toBe(1);
  expect(sent[0]?.origin).toBe(attacker.replace(/\/$/, ''));
  expect(sent[0]?.cookie).toMatch(/turnero_staff=/);
  expect((await server.admin.waiting()).map((ticket) => ticket.ticketNumber)).toEqual(['E-001']);
  expect((await server.staff.auditLog()).map((entry) => entry.action)).not.toContain('call-next');
});

test('signs in and calls behind an HTTPS origin (TLS proxy, trusted)', async ({ browser }) => {
  proxy = await startTlsProxy();
  server = await startOfficeServer({ publicOrigin: proxy.origin, trustProxy: '127.0.0.1' });
  proxy.target = server.url;
  await issueWalkIn(server, 'E-001', 'empadronamiento', 5);
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: OFFICE_VIEWPORT });
  const page = await context.newPage();
  const response = await page.goto(`${proxy.origin}/staff`);
  expect(response?.url()).toBe(`${proxy.origin}/office/desk`);
  await signInOnPage(page, 'mesa');
  await page.getByRole('button', { name: 'Empezar a atender' }).click();
  const waiting = page.getByTestId('waiting');
  await expect(waiting.locator('tbody tr')).toHaveCount(1);
  const cookies = await context.cookies(proxy.origin);
  expect(cookies).toEqual([
    expect.objectContaining({
      name: 'turnero_staff',
      secure: true,
      httpOnly: true,
      sameSite: 'Strict',
    }),
  ]);
  // Live through the proxy too.
  await issueWalkIn(server, 'E-002', 'empadronamiento', 0);
  await expect(waiting.locator('tbody tr')).toHaveCount(2);
  await page.getByRole('button', { name: 'Llamar siguiente' }).click();
  await expect(page.getByTestId('current-number')).toHaveText('E-001');
  expect((await server.admin.calledTurns()).map((turn) => turn.ticketNumber)).toEqual(['E-001']);
  await context.close();
});
