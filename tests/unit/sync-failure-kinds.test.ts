import { describe, expect, it } from 'vitest';
import { BackendError } from '../../src-main/backend/backend-error';
import {
  conflictKindOf,
  isOutage,
  isUnreachable,
  kioskProblemOf,
} from '../../src-main/sync/failure-kinds';
import { KioskProblems } from '../../src-main/sync/kiosk-problems';

const http = (status: number, code?: ConstructorParameters<typeof BackendError>[3], message = '') =>
  new BackendError('http', message, status, code);

describe('what a failed request means to the sync engine', () => {
  it('is unreachable only when nothing answered', () => {
    expect(isUnreachable(new BackendError('network', 'ECONNREFUSED'))).toBe(true);
    expect(isUnreachable(new BackendError('timeout', 'no answer'))).toBe(true);
    expect(isUnreachable(http(503))).toBe(false);
    expect(isUnreachable(new BackendError('malformed', 'not JSON'))).toBe(false);
    expect(isUnreachable(new Error('ECONNREFUSED'))).toBe(false);
    expect(isUnreachable('timeout')).toBe(false);
  });

  it('counts no answer, throttling and gateway failures as an outage, other answers not', () => {
    for (const error of [
      new BackendError('network', 'reset'),
      new BackendError('timeout', 'slow'),
      http(429),
      http(502),
      http(503),
      http(504),
    ]) {
      expect(isOutage(error)).toBe(true);
    }
    for (const error of [
      http(500),
      http(401, 'unauthorized'),
      http(404),
      new BackendError('malformed', 'does not fit'),
      new BackendError('too-large', 'big'),
    ]) {
      expect(isOutage(error)).toBe(false);
    }
  });

  it('records each refusal for good as the conflict staff need to see', () => {
    expect(conflictKindOf(http(409, 'daily-cap-reached', 'cap of 40 reached'))).toBe(
      'daily-cap-reached',
    );
    expect(conflictKindOf(http(409, 'conflict', 'appointment apt-1 is cancelled'))).toBe(
      'booking-cancelled',
    );
    expect(conflictKindOf(http(409, 'conflict', 'number A-003 already issued today'))).toBe(
      'number-taken',
    );
    expect(conflictKindOf(http(409, 'conflict', 'appointment already checked in'))).toBe(
      'checked-in-elsewhere',
    );
    expect(conflictKindOf(http(409, 'conflict', 'already checked-in by ticket x'))).toBe(
      'checked-in-elsewhere',
    );
    expect(
      conflictKindOf(http(409, 'conflict', 'appointment 7 was moved to 2026-04-06 in EA')),
    ).toBe('booking-moved');
    expect(
      conflictKindOf(http(409, 'conflict', 'appointment 7 was cancelled in EA (deleted)')),
    ).toBe('booking-cancelled');
    expect(conflictKindOf(http(409, 'conflict', 'idempotency key reused'))).toBe('conflict');
    // The wording only counts with the `conflict` code.
    expect(conflictKindOf(http(409, undefined, 'appointment is cancelled'))).toBe('conflict');
    expect(conflictKindOf(http(422, 'unknown-appointment'))).toBe('unknown-appointment');
    expect(conflictKindOf(http(400, 'bad-request'))).toBe('rejected');
    expect(conflictKindOf(http(413))).toBe('rejected');
  });

  it('tells a problem of the kiosk (credential, permission, setup) from every other failure', () => {
    expect(kioskProblemOf(http(401, 'unauthorized', 'GET /x: 401'))).toMatchObject({
      kind: 'unauthorized',
      message: expect.stringMatching(/^unauthorized: .*credential \(HTTP 401\).*GET \/x: 401/),
    });
    expect(kioskProblemOf(http(403))).toMatchObject({ kind: 'forbidden' });
    expect(kioskProblemOf(new BackendError('misconfigured', 'zones differ'))).toEqual({
      kind: 'misconfigured',
      message: 'zones differ',
    });
    for (const error of [
      http(400),
      http(404),
      http(409, 'conflict'),
      http(500),
      http(503),
      new BackendError('network', 'reset'),
      new BackendError('malformed', 'not JSON'),
      new Error('401'),
    ]) {
      expect(kioskProblemOf(error)).toBeNull();
    }
  });
});

describe('kiosk problems per kind of request', () => {
  const unauthorized = { kind: 'unauthorized', message: 'no credential' } as const;
  const forbidden = { kind: 'forbidden', message: 'not yours' } as const;
  const misconfigured = { kind: 'misconfigured', message: 'zones differ' } as const;

  it('names the worst, and ends a refused credential or setup with any success', () => {
    const problems = new KioskProblems();
    expect(problems.current()).toBeNull();
    problems.failed('push', forbidden);
    problems.failed('pull', misconfigured);
    expect(problems.current()).toBe(misconfigured);
    expect(problems.authProblem()).toBe('forbidden');
    problems.failed('heartbeat', unauthorized);
    expect(problems.current()).toBe(unauthorized);
    expect(problems.authProblem()).toBe('unauthorized');
    // A lease that goes through: the credential and the setup work, the 403 on pushes stays.
    problems.succeeded('lease');
    expect(problems.current()).toBe(forbidden);
    expect(problems.authProblem()).toBe('forbidden');
    problems.succeeded('pull');
    expect(problems.current()).toBe(forbidden);
    problems.succeeded('push');
    expect(problems.current()).toBeNull();
    expect(problems.authProblem()).toBeNull();
  });
});
