/**
 * The booking page inside a town hall's website: a parent page served from another origin
 * embeds `/book` in an iframe. The origin the administrator named (`bookingEmbedOrigins`, CLI
 * `--booking-embed-origin`) shows it and can book through it; any other origin gets nothing
 * (the browser refuses the frame by its CSP `frame-ancestors`).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { loadSeed } from '../../server/seed';
import { startTurneroServer, type TurneroServer } from '../../server/server';
import { RENDERER_DIR } from './support/office-server';

/** A town hall's page with the booking page in an iframe, on a port (an origin) of its own. */
async function parentSite(bookingUrl: () => string): Promise<{ origin: string; server: Server }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(
      `<!doctype html><html lang="es"><head><title>Ayuntamiento</title></head><body>` +
        `<h1>Sede electrónica</h1>` +
        `<iframe title="Pedir cita" src="${bookingUrl()}" width="400" height="700"></iframe>` +
        `</body></html>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

let turnero: TurneroServer;
let allowed: { origin: string; server: Server };
let stranger: { origin: string; server: Server };

test.beforeAll(async () => {
  const bookingUrl = () => `${turnero.url}/book`;
  allowed = await parentSite(bookingUrl);
  stranger = await parentSite(bookingUrl);
  turnero = await startTurneroServer({
    seed: loadSeed('demo'),
    lobbyPageDir: RENDERER_DIR,
    bookingEmbedOrigins: [allowed.origin],
    log: () => undefined,
  });
});

test.afterAll(async () => {
  await turnero.close();
  for (const parent of [allowed, stranger]) {
    await new Promise((resolve) => parent.server.close(resolve));
  }
});

test('the website the administrator named shows the booking page in its iframe', async ({
  page,
}) => {
  await page.goto(allowed.origin);
  const frame = page.frameLocator('iframe[title="Pedir cita"]');
  await expect(frame.getByRole('heading', { level: 1 })).toHaveText(
    '¿Para qué trámite quiere cita?',
  );
  await expect(frame.getByRole('button', { name: 'English' })).toBeVisible();
});

test('another website cannot frame it', async ({ page }) => {
  const refused = page.waitForEvent('console', (message) => /frame-ancestors/.test(message.text()));
  await page.goto(stranger.origin);
  await refused;
  // The frame holds Chromium's "refused" page, not the booking page.
  const frame = page.frameLocator('iframe[title="Pedir cita"]');
  await expect(frame.getByText('¿Para qué trámite quiere cita?')).toHaveCount(0);
  await expect(frame.getByRole('button', { name: 'English' })).toHaveCount(0);
});
