import { describe, expect, it } from 'vitest';
import { apiPaths } from '../../src-shared/contract/townhall-api';
import { parseFaultSpec } from '../../server/faults';
import type { TurneroServer } from '../../server/server';
import { serversClosedAfterEach, SITE, walkIn } from './server-kit';

const startServer = serversClosedAfterEach();
let server: TurneroServer;

type Outcome = number | 'dropped';

/** One request on a fresh connection: its status, or 'dropped' when the socket was destroyed. */
async function outcome(path: string, init: RequestInit = {}): Promise<Outcome> {
  try {
    const response = await fetch(server.url + path, {
      ...init,
      headers: { connection: 'close', ...(init.headers as Record<string, string>) },
    });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 'dropped';
  }
}

const postWalkIn = (ticket: ReturnType<typeof walkIn>) =>
  outcome(apiPaths.walkIns(SITE), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'Idempotency-Key': ticket.ticketId },
    body: JSON.stringify(ticket),
  });

const count = (outcomes: Outcome[], value: Outcome) =>
  outcomes.filter((entry) => entry === value).length;

describe('reference Town Hall API: fault injection', () => {
  it('is off by default and never touches health, the OpenAPI document or the pages', async () => {
    ({ server } = await startServer());
    expect(server.admin.faults()).toBeNull();
    server.admin.setFaults({ errorRate: 1, seed: 1 });
    expect(await outcome(apiPaths.health)).toBe(200);
    expect(await outcome(apiPaths.openApi)).toBe(200);
    // The pages (the office app's /staff needs the built renderer; the screen is server-made).
    expect(await outcome('/screen')).toBe(200);
    expect(await outcome('/office/api/session')).toBe(200);
    expect(await outcome(apiPaths.siteInfo(SITE))).toBe(503);
    server.admin.setFaults(null);
    expect(await outcome(apiPaths.siteInfo(SITE))).toBe(200);
  });

  it('answers 503 at the error rate, deterministically for a seed', async () => {
    ({ server } = await startServer({ faults: { errorRate: 0.3, seed: 42 } }));
    const run = async () => {
      const outcomes: Outcome[] = [];
      for (let i = 0; i < 200; i += 1) outcomes.push(await outcome(apiPaths.siteInfo(SITE)));
      return outcomes;
    };
    const first = await run();
    const errors = count(first, 503);
    expect(errors).toBe(server.admin.faultStats().errors);
    expect(errors).toBeGreaterThan(40);
    expect(errors).toBeLessThan(80);
    expect(count(first, 200)).toBe(200 - errors);
    server.admin.setFaults({ errorRate: 0.3, seed: 42 });
    expect(await run()).toEqual(first);
    server.admin.setFaults({ errorRate: 0.3, seed: 43 });
    expect(await run()).not.toEqual(first);
  });

  it('drops connections, processing half the dropped writes, and duplicates requests', async () => {
    ({ server } = await startServer({
      faults: { dropRate: 0.2, duplicateRate: 0.2, seed: 7 },
    }));
    const outcomes: Outcome[] = [];
    for (let i = 0; i < 300; i += 1) {
      outcomes.push(
        await postWalkIn(walkIn({ ticketNumber: `E-${String(i + 1).padStart(3, '0')}` })),
      );
    }
    const stats = server.admin.faultStats();
    expect(stats.requests).toBe(300);
    expect(count(outcomes, 'dropped')).toBe(stats.dropsBefore + stats.dropsAfter);
    expect(stats.dropsBefore).toBeGreaterThan(10);
    expect(stats.dropsAfter).toBeGreaterThan(10);
    // A duplicated walk-in is processed twice: the second answer is the replay (200).
    const answeredDuplicates = count(outcomes, 200);
    expect(answeredDuplicates).toBeGreaterThan(20);
    expect(count(outcomes, 201) + answeredDuplicates + count(outcomes, 'dropped')).toBe(300);
    // What was processed is recorded once: answered ones and those dropped after processing.
    expect(await server.admin.walkIns()).toHaveLength(
      count(outcomes, 201) + answeredDuplicates + stats.dropsAfter,
    );
    // Reads are never processed before being dropped: only 'before'.
    server.admin.setFaults({ dropRate: 1, seed: 7 });
    expect(await outcome(apiPaths.siteInfo(SITE))).toBe('dropped');
    expect(server.admin.faultStats()).toMatchObject({ dropsBefore: 1, dropsAfter: 0 });
  });

  it('delays requests by about the latency', async () => {
    ({ server } = await startServer({ faults: { latencyMs: 100, seed: 3 } }));
    const started = performance.now();
    expect(await outcome(apiPaths.siteInfo(SITE))).toBe(200);
    // Uniform in [50, 150) ms: only the lower bound is safe to check.
    expect(performance.now() - started).toBeGreaterThanOrEqual(49);
  });

  it('parses the CLI spec', () => {
    expect(parseFaultSpec('latency=200,error=0.3,drop=0.1,duplicate=0.1,seed=9')).toEqual({
      latencyMs: 200,
      errorRate: 0.3,
      dropRate: 0.1,
      duplicateRate: 0.1,
      seed: 9,
    });
    expect(() => parseFaultSpec('error=2')).toThrow(/errorRate/);
    expect(() => parseFaultSpec('jitter=5')).toThrow(/jitter/);
  });
});
