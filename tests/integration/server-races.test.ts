/**
 * Concurrent requests that race for the same thing: the server must record it once, on SQLite
 * and (the PostgreSQL pass, server-databases.ts) on PostgreSQL, where the transactions really
 * run side by side and only the site's row lock keeps them apart.
 */
import { describe, expect, it } from 'vitest';
import {
  apiPaths,
  NumberLeaseSchema,
  type NumberLease,
} from '../../src-shared/contract/townhall-api';
import {
  checkIn,
  errorCode,
  postTicket,
  request,
  serversClosedAfterEach,
  SITE,
  TODAY,
  walkIn,
} from './server-kit';

const startServer = serversClosedAfterEach();
const RACERS = 12;

const statuses = (answers: { status: number }[]) =>
  answers.map((answer) => answer.status).sort((a, b) => a - b);

describe('reference Town Hall API: racing requests', () => {
  it('records one check-in when the same report arrives many times at once', async () => {
    const { server } = await startServer();
    const report = checkIn('apt-aaa001');
    const answers = await Promise.all(
      Array.from({ length: RACERS }, () => postTicket(server, apiPaths.checkIns(SITE), report)),
    );
    // The first is created, every replay gets the same record back.
    expect(statuses(answers)).toEqual([...Array<number>(RACERS - 1).fill(200), 201]);
    expect(new Set(answers.map((answer) => JSON.stringify(answer.body))).size).toBe(1);
    expect(await server.admin.checkIns()).toHaveLength(1);
    expect(await server.admin.ticketsOfDay(TODAY)).toHaveLength(1);
  });

  it('gives one number to one ticket when different tickets race for it', async () => {
    const { server } = await startServer();
    const answers = await Promise.all([
      postTicket(server, apiPaths.checkIns(SITE), checkIn('apt-aaa001', { ticketNumber: 'E-007' })),
      postTicket(server, apiPaths.checkIns(SITE), checkIn('apt-aaa002', { ticketNumber: 'E-007' })),
      ...Array.from({ length: RACERS }, () =>
        postTicket(server, apiPaths.walkIns(SITE), walkIn({ ticketNumber: 'E-007' })),
      ),
    ]);
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(1);
    for (const answer of answers.filter((candidate) => candidate.status !== 201)) {
      expect(answer.status).toBe(409);
      expect(errorCode(answer)).toBe('conflict');
    }
    const tickets = await server.admin.ticketsOfDay(TODAY);
    expect(tickets.map((ticket) => ticket.ticketNumber)).toEqual(['E-007']);
  });

  it('never leases a number twice when one kiosk asks for many blocks at once', async () => {
    const { server } = await startServer();
    const answers = await Promise.all(
      Array.from({ length: RACERS }, () =>
        request(server, 'POST', apiPaths.numberLeases(SITE), {
          kioskId: 'kiosk-1',
          serviceId: 'empadronamiento',
          day: TODAY,
          size: 5,
        }),
      ),
    );
    const leases: NumberLease[] = answers.map((answer) => NumberLeaseSchema.parse(answer.body));
    const taken = leases.flatMap((block) =>
      Array.from({ length: block.last - block.first + 1 }, (_, i) => block.first + i),
    );
    expect(taken.sort((a, b) => a - b)).toEqual(
      Array.from({ length: RACERS * 5 }, (_, i) => i + 1),
    );
    expect(await server.admin.numberLeases()).toHaveLength(RACERS);
  });
});
