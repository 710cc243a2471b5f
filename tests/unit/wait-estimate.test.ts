import { describe, expect, it } from 'vitest';
import {
  DEFAULT_WAIT_ESTIMATE_SETTINGS,
  estimateServices,
  minutesPerTurn,
  ticketWait,
  waitFor,
  type WaitEstimateSettings,
} from '../../server/queue/wait-estimate';
import { parseServerArgs } from '../../server/cli-options';

const settings: WaitEstimateSettings = {
  ...DEFAULT_WAIT_ESTIMATE_SETTINGS,
  sampleSize: 4,
  coldStartMinutes: 10,
  coldStartMinutesByService: { registro: 3 },
};
const minutes = (n: number) => n * 60_000;

describe('minutes per turn', () => {
  it('is the cold-start figure (the service’s own when set) with no served turn yet', () => {
    expect(
      minutesPerTurn({ serviceId: 'padron', recentServiceMs: [], recentDesks: 0 }, settings),
    ).toBe(10);
    expect(
      minutesPerTurn({ serviceId: 'registro', recentServiceMs: [], recentDesks: 0 }, settings),
    ).toBe(3);
  });

  it('mixes the first samples with the cold start until there are enough of them', () => {
    // (2 + 10 + 10 + 10) / 4 = 8
    expect(
      minutesPerTurn(
        { serviceId: 'padron', recentServiceMs: [minutes(2)], recentDesks: 1 },
        settings,
      ),
    ).toBe(8);
  });

  it('is the mean of the newest samples once there are enough, cold start forgotten', () => {
    expect(
      minutesPerTurn(
        {
          serviceId: 'padron',
          // Newest first; the fifth is past the sample size and ignored.
          recentServiceMs: [minutes(4), minutes(6), minutes(5), minutes(5), minutes(60)],
          recentDesks: 1,
        },
        settings,
      ),
    ).toBe(5);
  });

  it('divides by the desks serving the service lately, never by less than one', () => {
    const activity = {
      serviceId: 'padron',
      recentServiceMs: [minutes(6), minutes(6), minutes(6), minutes(6)],
    };
    expect(minutesPerTurn({ ...activity, recentDesks: 3 }, settings)).toBe(2);
    expect(minutesPerTurn({ ...activity, recentDesks: 0 }, settings)).toBe(6);
  });

  it('leaves out durations that cannot be (negative: a clock went back)', () => {
    expect(
      minutesPerTurn(
        {
          serviceId: 'padron',
          recentServiceMs: [-minutes(5), minutes(2), minutes(2), minutes(2), minutes(2)],
          recentDesks: 1,
        },
        settings,
      ),
    ).toBe(2);
  });
});

describe('estimates per service and per ticket', () => {
  it('counts waiting tickets and appointments per service, every service listed', () => {
    const estimates = estimateServices(
      ['empadronamiento', 'registro', 'padron'],
      [
        { serviceId: 'empadronamiento', kind: 'appointment' },
        { serviceId: 'empadronamiento', kind: 'walk-in' },
        { serviceId: 'registro', kind: 'walk-in' },
      ],
      new Map(),
      settings,
    );
    expect(estimates).toEqual([
      { serviceId: 'empadronamiento', waiting: 2, waitingAppointments: 1, minutesPerTurn: 10 },
      { serviceId: 'registro', waiting: 1, waitingAppointments: 0, minutesPerTurn: 3 },
      { serviceId: 'padron', waiting: 0, waitingAppointments: 0, minutesPerTurn: 10 },
    ]);
  });

  it('puts a ticket behind those before it in call order; none once it left the queue', () => {
    const queue = [{ ticketId: 'a' }, { ticketId: 'b' }, { ticketId: 'c' }];
    expect(ticketWait('c', queue, 2.5)).toEqual({ peopleAhead: 2, estimatedWaitMinutes: 5 });
    expect(ticketWait('a', queue, 2.5)).toEqual({ peopleAhead: 0, estimatedWaitMinutes: 0 });
    expect(ticketWait('gone', queue, 2.5)).toBeNull();
    expect(waitFor(3, 1.4)).toEqual({ peopleAhead: 3, estimatedWaitMinutes: 4 });
  });
});

describe('npm run server -- --turn-minutes', () => {
  it('sets the cold-start minutes of every service and of single services', () => {
    const parsed = parseServerArgs(['--turn-minutes', '7', '--turn-minutes', 'registro=3']);
    expect(parsed.help === false && parsed.options.waitEstimate).toEqual({
      coldStartMinutes: 7,
      coldStartMinutesByService: { registro: 3 },
    });
    expect(() => parseServerArgs(['--turn-minutes', 'registro=0'])).toThrow(/turn-minutes/);
  });
});
