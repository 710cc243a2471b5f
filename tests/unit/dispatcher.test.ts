import { describe, expect, it } from 'vitest';
import type { KioskState } from '../../src-shared/contract/ipc';
import { createDispatcher, type IpcHandlers } from '../../src-main/ipc/dispatcher';
import { kioskStateFixture } from '../support/kiosk-state-fixture';
import { setupHandlersFixture } from '../support/setup-handlers-fixture';
import { recordingTechnicianHandlers } from '../support/technician-handlers-stub';

const STATE: KioskState = kioskStateFixture({ kioskId: 'kiosk-1' });

function harness(overrides: Partial<IpcHandlers> = {}) {
  const calls: unknown[] = [];
  const logs: string[] = [];
  const handlers: IpcHandlers = {
    'kiosk:get-state': async () => ({ ok: true, value: STATE }),
    'checkin:submit': async (request) => {
      calls.push(request);
      return { ok: false, error: { code: 'booking-not-found' } };
    },
    'ticket:reprint': async () => ({ ok: false, error: { code: 'reprint-not-allowed' } }),
    'session:set-language': async (request) => ({
      ok: true,
      value: { language: request.language ?? 'es' },
    }),
    'walkin:get-options': async () => ({
      ok: true,
      value: { services: [], priorityEnabled: false, showRemainingBelow: 10 },
    }),
    'walkin:issue': async () => ({ ok: false, error: { code: 'walk-ins-not-allowed' } }),
    'lobby:get-snapshot': async () => ({ ok: false, error: { code: 'kiosk-not-ready' } }),
    'lobby:get-connection': async () => ({ ok: true, value: { connection: 'open' } }),
    ...setupHandlersFixture(),
    ...recordingTechnicianHandlers(calls as { channel: string; request: unknown }[]),
    ...overrides,
  };
  return { dispatch: createDispatcher(handlers, (line) => logs.push(line)), calls, logs };
}

describe('IPC dispatcher', () => {
  it('passes a valid request to its handler', async () => {
    const { dispatch, calls } = harness();
    await expect(
      dispatch('checkin:submit', { input: 'TRN-7K4P9Q', source: 'touch' }),
    ).resolves.toEqual({
      ok: false,
      error: { code: 'booking-not-found' },
    });
    expect(calls).toEqual([{ input: 'TRN-7K4P9Q', source: 'touch', mode: 'code' }]);
    await expect(dispatch('kiosk:get-state', {})).resolves.toEqual({ ok: true, value: STATE });
  });

  it.each([
    ['checkin:submit', { input: 42, source: 'touch' }],
    ['checkin:submit', { input: 'TRN-7K4P9Q' }],
    ['checkin:submit', { input: 'TRN-7K4P9Q', source: 'touch', admin: true }],
    ['checkin:submit', { input: 'x'.repeat(20000), source: 'touch' }],
    ['checkin:submit', { input: 'TRN-7K4P9Q', source: 'touch', language: 'xx' }],
    ['checkin:submit', 'TRN-7K4P9Q'],
    ['kiosk:get-state', { extra: 1 }],
  ])(
    'refuses %s with %j as invalid-payload, without calling the handler',
    async (channel, payload) => {
      const { dispatch, calls, logs } = harness();
      await expect(dispatch(channel, payload)).resolves.toEqual({
        ok: false,
        error: { code: 'invalid-payload' },
      });
      expect(calls).toEqual([]);
      expect(logs.join('\n')).toMatch(/refused/);
    },
  );

  it.each([['shell:exec'], ['__proto__'], ['toString'], [42], [null]])(
    'refuses unknown channel %j',
    async (channel) => {
      const { dispatch } = harness();
      await expect(dispatch(channel, {})).resolves.toEqual({
        ok: false,
        error: { code: 'unknown-channel' },
      });
    },
  );

  it('turns a throwing handler or a malformed answer into an internal error', async () => {
    const throwing = harness({
      'checkin:submit': async () => {
        throw new Error('disk full');
      },
    });
    await expect(
      throwing.dispatch('checkin:submit', { input: 'a', source: 'touch' }),
    ).resolves.toEqual({
      ok: false,
      error: { code: 'internal' },
    });
    const malformed = harness({
      'kiosk:get-state': async () => ({
        ok: true,
        value: { ...STATE, connectivity: 'sideways' } as unknown as KioskState,
      }),
    });
    await expect(malformed.dispatch('kiosk:get-state', {})).resolves.toEqual({
      ok: false,
      error: { code: 'internal' },
    });
  });
});
