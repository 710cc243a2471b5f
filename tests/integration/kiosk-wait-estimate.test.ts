/**
 * The kiosk's people ahead and estimated wait (docs/sync.md, "Estimated wait"), through a real
 * Turnero server over HTTP and a real kiosk store: the figure comes from the server's estimate at
 * the last pull plus this kiosk's tickets since; it is printed and returned for the screen; an
 * estimate older than the limit gives nothing. Also: the follow token travels with each ticket.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { apiPaths } from '../../src-shared/contract/townhall-api';
import type { TurneroServer } from '../../server/server';
import { WAIT_ESTIMATE_MAX_AGE_MS } from '../../src-main/checkin/ticket-wait';
import { startServerUnderTest } from './server-databases';
import { generatedSeed, makeKiosk, simulatedClock, SITE, type TestKiosk } from './sync-kit';

// 10:00 in Madrid on a Tuesday.
const START = new Date('2026-02-10T09:00:00.000Z');

let server: TurneroServer | undefined;
let kiosk: TestKiosk | undefined;

afterEach(async () => {
  await kiosk?.close();
  kiosk = undefined;
  await server?.close();
  server = undefined;
});

async function setUp(cacheMayBeStale?: () => boolean) {
  const clock = simulatedClock(START);
  server = await startServerUnderTest({
    seed: generatedSeed(6, { firstOffset: 10 }),
    now: clock.now,
    waitEstimate: { coldStartMinutes: 5 },
  });
  kiosk = makeKiosk({
    dir: mkdtempSync(join(tmpdir(), 'turnero-wait-')),
    baseUrl: server.url,
    kioskId: 'kiosk-1',
    now: clock.now,
    autoPush: false,
    ...(cacheMayBeStale ? { cacheMayBeStale } : {}),
  });
  return { clock, server, kiosk };
}

/** A walk-in another kiosk reported to the server. */
async function walkInElsewhere(url: string, number: string, at: Date): Promise<void> {
  const ticketId = randomUUID();
  const answer = await fetch(url + apiPaths.walkIns(SITE), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'Idempotency-Key': ticketId },
    body: JSON.stringify({
      ticketId,
      serviceId: 'svc-a',
      kioskId: 'kiosk-2',
      ticketNumber: number,
      issuedAt: at.toISOString(),
    }),
  });
  expect(answer.status).toBe(201);
}

async function walkIn(test: TestKiosk) {
  const result = await test.kiosk.issueWalkIn('svc-a');
  if (!result.ok) throw new Error(result.error.code);
  return { view: result.value.ticket, printed: test.printer.printed.at(-1) };
}

describe('people ahead and estimated wait at the kiosk', () => {
  it('adds its own tickets since the last pull to the server’s waiting count', async () => {
    const { clock, server, kiosk } = await setUp();
    await walkInElsewhere(server.url, 'A-101', START);
    await walkInElsewhere(server.url, 'A-102', START);
    await kiosk.engine.syncNow();
    clock.advance(60_000);

    const first = await walkIn(kiosk);
    expect(first.view).toMatchObject({ peopleAhead: 2, estimatedWaitMinutes: 10 });
    expect(first.printed).toMatchObject({ peopleAhead: 2, estimatedWaitMinutes: 10 });
    const second = await walkIn(kiosk);
    expect(second.view).toMatchObject({ peopleAhead: 3, estimatedWaitMinutes: 15 });

    // Delivered and pulled again: the server counts them now, and they are not added twice.
    await kiosk.engine.syncNow();
    expect(
      (await fetch(server.url + apiPaths.siteInfo(SITE)).then((r) => r.json())) as object,
    ).toMatchObject({
      waitEstimates: {
        services: expect.arrayContaining([
          expect.objectContaining({ serviceId: 'svc-a', waiting: 4 }),
        ]),
      },
    });
    const third = await walkIn(kiosk);
    expect(third.view).toMatchObject({ peopleAhead: 4, estimatedWaitMinutes: 20 });
  });

  it('prints and shows nothing with an estimate older than the limit', async () => {
    const { clock, server, kiosk } = await setUp();
    await walkInElsewhere(server.url, 'A-101', START);
    await kiosk.engine.syncNow();
    clock.advance(WAIT_ESTIMATE_MAX_AGE_MS + 1000);
    const { view, printed } = await walkIn(kiosk);
    expect(view.peopleAhead).toBeUndefined();
    expect(view.estimatedWaitMinutes).toBeUndefined();
    expect(printed).toMatchObject({ peopleAhead: null, estimatedWaitMinutes: null });
  });

  it('prints and shows nothing while the kiosk is offline, however fresh the estimate', async () => {
    let offline = false;
    const { server, kiosk } = await setUp(() => offline);
    await walkInElsewhere(server.url, 'A-101', START);
    await kiosk.engine.syncNow();
    expect((await walkIn(kiosk)).view).toMatchObject({ peopleAhead: 1 });
    offline = true;
    const { view, printed } = await walkIn(kiosk);
    expect(view.peopleAhead).toBeUndefined();
    expect(printed).toMatchObject({ peopleAhead: null, estimatedWaitMinutes: null });
  });

  it('prints no wait line for the first in the queue, only that nobody is ahead', async () => {
    const { kiosk } = await setUp();
    await kiosk.engine.syncNow();
    const { view, printed } = await walkIn(kiosk);
    expect(view).toMatchObject({ peopleAhead: 0, estimatedWaitMinutes: 0 });
    expect(printed).toMatchObject({ peopleAhead: 0, estimatedWaitMinutes: null });
  });

  it('gives each ticket its own follow token and reports it to the server', async () => {
    const { server, kiosk } = await setUp();
    await kiosk.engine.syncNow();
    const { view } = await walkIn(kiosk);
    const token = kiosk.store.tickets.get(view.id)?.followToken ?? '';
    expect(token).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect((await walkIn(kiosk)).view.id).not.toBe(view.id);
    expect(kiosk.store.tickets.get((await walkIn(kiosk)).view.id)?.followToken).not.toBe(token);
    await kiosk.engine.syncNow();
    // The server found the ticket by its token (the public follow page's lookup).
    const followed = await fetch(`${server.url}/t/${token}/state`);
    expect(followed.status).toBe(200);
    expect(await followed.json()).toMatchObject({ ticketNumber: view.number });
  });
});
