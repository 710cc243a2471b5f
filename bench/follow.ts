/**
 * From "call next" to the number on screen: the time from the API's call-next request (sent
 * from this process) to the called number appearing in the lobby screen page (`/lobby`) and to
 * "it is your turn" appearing on that ticket's follow page (`/t/{token}`), both served by a
 * real Turnero server (in-memory SQLite) on loopback and open in Chromium at the same time. The
 * pages note the instant (performance.timeOrigin + now: the same wall clock as this process)
 * their DOM shows it. p50 and p95 over TRIES calls after WARM_UP. Printed, never asserted.
 *
 * `runFollowBench(report)` is called from bench/run.ts; alone: `npx tsx bench/follow.ts`.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { followPaths } from '../src-shared/contract/follow';
import { apiPaths } from '../src-shared/contract/townhall-api';
import { parseSeed } from '../server/seed';
import { startTurneroServer, type TurneroServer } from '../server/server';
import { LANDSCAPE } from '../tests/e2e/support/browser';
import { recordSoundReports } from '../tests/e2e/support/lobby-sound-mock';
import { withBuiltRenderer } from './built-renderer';
import type { Report } from './results';

const WARM_UP = 3;
const TRIES = 40;
const SITE = 'bench-calls';

const seed = parseSeed({
  site: { id: SITE, name: 'Ayuntamiento de Medida', timeZone: 'Europe/Madrid' },
  services: [{ id: 'registro', prefix: 'R', names: { es: 'Registro' }, walkInsAllowed: true }],
  appointments: [],
  enrolmentCodes: [],
  desks: ['Mesa 1'],
});

/** In the page: resolves with the wall-clock instant `selector` first holds `text`. */
const ARM = `(([selector, text]) => {
  window.__seen = new Promise((resolve) => {
    const check = () => {
      const node = document.querySelector(selector);
      if (!node || !node.textContent.includes(text)) return;
      observer.disconnect();
      resolve(performance.timeOrigin + performance.now());
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    check();
  });
})`;

const arm = (page: Page, selector: string, text: string) =>
  page.evaluate(`${ARM}(${JSON.stringify([selector, text])})`);

const seenAt = (page: Page) => page.evaluate('window.__seen') as Promise<number>;

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;

const figure = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return `p50 ${percentile(sorted, 50).toFixed(0)} ms, p95 ${percentile(sorted, 95).toFixed(0)} ms`;
};

async function post(server: TurneroServer, path: string, body: unknown, key?: string) {
  const response = await fetch(server.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
}

/** Issues the walk-ins to be called, each with its follow token. */
async function issueTickets(server: TurneroServer, count: number) {
  const tickets: { number: string; token: string }[] = [];
  for (let i = 1; i <= count; i++) {
    const ticketId = randomUUID();
    const token = randomBytes(18).toString('base64url');
    const number = `R-${String(i).padStart(3, '0')}`;
    await post(
      server,
      apiPaths.walkIns(SITE),
      {
        ticketId,
        serviceId: 'registro',
        kioskId: 'bench-kiosk',
        ticketNumber: number,
        issuedAt: new Date(Date.now() - (count - i) * 1000).toISOString(),
        followToken: token,
      },
      ticketId,
    );
    tickets.push({ number, token });
  }
  return tickets;
}

export async function runFollowBench(report: Report): Promise<void> {
  const what = 'call next (API) → number shown';
  await withBuiltRenderer(report, what, async (rendererDir, browser) => {
    const server = await startTurneroServer({
      seed,
      lobbyPageDir: rendererDir,
      followRequestsPerMinute: 10_000,
      log: () => undefined,
    });
    try {
      await timeCalls(report, what, server, browser);
    } finally {
      await server.close();
    }
  });
}

/** Calls each ticket in turn and times it onto the open lobby screen and follow page. */
async function timeCalls(
  report: Report,
  what: string,
  server: TurneroServer,
  browser: Browser,
): Promise<void> {
  const tickets = await issueTickets(server, WARM_UP + TRIES);
  const lobby = await browser.newPage({ viewport: LANDSCAPE });
  // The lobby's chime and speech, mocked at the browser API: only what is shown is timed.
  await recordSoundReports(lobby);
  await lobby.goto(`${server.url}/lobby?site=${SITE}`);
  await lobby.locator('.lobby-main').waitFor();
  const phone = await browser.newPage({ viewport: { width: 393, height: 851 } });
  const toLobby: number[] = [];
  const toFollow: number[] = [];
  for (const [index, ticket] of tickets.entries()) {
    await phone.goto(server.url + followPaths.page(ticket.token));
    await phone.getByTestId('follow-ahead').getByText('0').waitFor();
    await arm(lobby, '.lobby-current-number', ticket.number);
    await arm(phone, '[data-testid="follow-called"]', 'Mesa 1');
    const calledAt = performance.timeOrigin + performance.now();
    await post(server, apiPaths.callNext(SITE), { desk: 'Mesa 1' });
    const [onLobby, onFollow] = await Promise.all([seenAt(lobby), seenAt(phone)]);
    if (index < WARM_UP) continue;
    toLobby.push(onLobby - calledAt);
    toFollow.push(onFollow - calledAt);
  }
  report(`${what} on the lobby screen (/lobby), ${TRIES} calls`, figure(toLobby));
  report(`${what} on the follow page (/t/{token}), ${TRIES} calls`, figure(toFollow));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  void runFollowBench((what, result) => console.log(`${what.padEnd(62)} ${result}`));
}
