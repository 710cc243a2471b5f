import { describe, expect, it } from 'vitest';
import { BackendError } from '../../src-main/backend/backend-error';
import { conflictKindOf, isOutage, isUnreachable } from '../../src-main/sync/failure-kinds';

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
    expect(conflictKindOf(http(409, 'conflict', 'idempotency key reused'))).toBe('conflict');
    // The wording only counts with the `conflict` code.
    expect(conflictKindOf(http(409, undefined, 'appointment is cancelled'))).toBe('conflict');
    expect(conflictKindOf(http(422, 'unknown-appointment'))).toBe('unknown-appointment');
    expect(conflictKindOf(http(400, 'bad-request'))).toBe('rejected');
    expect(conflictKindOf(http(413))).toBe('rejected');
  });
});
