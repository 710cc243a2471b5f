/**
 * The follow page's picture for `npm run screenshots` (docs/screenshots/follow.png): a real
 * Turnero server (in memory) with a few walk-ins, the built follow page of the third one on a
 * phone-sized viewport (Pixel 5: 393×851 CSS pixels) after one call.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { followPaths } from '../src-shared/contract/follow';
import { apiPaths } from '../src-shared/contract/townhall-api';
import { parseSeed } from '../server/seed';
import { startTurneroServer } from '../server/server';

const SITE = 'sede-movil';

const seed = parseSeed({
  site: { id: SITE, name: 'Ayuntamiento de Villanueva', timeZone: 'Europe/Madrid' },
  services: [
    {
      id: 'empadronamiento',
      prefix: 'E',
      names: { es: 'Certificado de empadronamiento' },
      walkInsAllowed: true,
    },
  ],
  appointments: [],
  enrolmentCodes: [],
  desks: ['Mesa 3'],
});

export async function shootFollowPage(
  browser: Browser,
  rendererDir: string,
  shoot: (page: Page, name: string) => Promise<void>,
): Promise<void> {
  const server = await startTurneroServer({
    seed,
    lobbyPageDir: rendererDir,
    log: () => undefined,
  });
  try {
    const post = (path: string, body: object, key?: string) =>
      fetch(server.url + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
        body: JSON.stringify(body),
      });
    let token = '';
    for (const number of ['E-012', 'E-013', 'E-014', 'E-015']) {
      const ticketId = randomUUID();
      const followToken = randomBytes(18).toString('base64url');
      if (number === 'E-014') token = followToken;
      await post(
        apiPaths.walkIns(SITE),
        {
          ticketId,
          serviceId: 'empadronamiento',
          kioskId: 'kiosk-1',
          ticketNumber: number,
          issuedAt: new Date().toISOString(),
          followToken,
        },
        ticketId,
      );
    }
    await post(apiPaths.callNext(SITE), { desk: 'Mesa 3' });
    const context = await browser.newContext({
      viewport: { width: 393, height: 851 },
      deviceScaleFactor: 2,
      isMobile: true,
      locale: 'es-ES',
    });
    const page = await context.newPage();
    await page.goto(server.url + followPaths.page(token));
    await page.getByTestId('follow-ahead').waitFor();
    await shoot(page, 'follow');
    await context.close();
  } finally {
    await server.close();
  }
}
