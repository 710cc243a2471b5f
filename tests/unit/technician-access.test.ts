/**
 * The access guard the dispatcher asks before it parses a payload: every channel whose access is
 * `technician` is refused outside an open technician session — whatever the payload — and
 * reaches its handler inside one; `setup` channels pass in a session or while unconfigured.
 */
import { describe, expect, it } from 'vitest';
import {
  accessOf,
  requestChannels,
  type ChannelAccess,
  type RequestChannel,
} from '../../src-shared/contract/ipc';
import { createDispatcher, type IpcHandlers } from '../../src-main/ipc/dispatcher';
import { createAccessGuard } from '../../src-main/technician/access-guard';
import { recordingTechnicianHandlers } from '../support/technician-handlers-stub';

const ALL_CHANNELS = Object.keys(requestChannels) as RequestChannel[];
const TECHNICIAN_ONLY = ALL_CHANNELS.filter((channel) => accessOf(channel) === 'technician');

function dispatcher(facts: { open: boolean; unconfigured?: boolean }) {
  const reached: { channel: string; request: unknown }[] = [];
  const logs: string[] = [];
  const untouchable = async () => {
    throw new Error('a citizen handler was called');
  };
  const citizen = Object.fromEntries(
    ALL_CHANNELS.filter((channel) => !channel.startsWith('tech:')).map((channel) => [
      channel,
      untouchable,
    ]),
  );
  const handlers = { ...citizen, ...recordingTechnicianHandlers(reached) } as IpcHandlers;
  const guard = createAccessGuard({
    sessionOpen: () => facts.open,
    unconfigured: () => facts.unconfigured ?? false,
  });
  return { dispatch: createDispatcher(handlers, (line) => logs.push(line), guard), reached, logs };
}

describe('technician access', () => {
  it('has technician-only channels in the contract (settings, audit, files)', () => {
    expect(TECHNICIAN_ONLY).toEqual(
      expect.arrayContaining([
        'tech:settings-get',
        'tech:settings-apply',
        'tech:audit-list',
        'tech:config-export',
        'tech:config-import',
        'tech:pin-change',
      ]),
    );
  });

  it.each(TECHNICIAN_ONLY)(
    'refuses %s outside a session, before reading its payload',
    async (channel) => {
      const { dispatch, reached, logs } = dispatcher({ open: false, unconfigured: true });
      for (const payload of [{}, { content: '{}' }, 'garbage', null, { pin: '246810' }]) {
        await expect(dispatch(channel, payload)).resolves.toEqual({
          ok: false,
          error: { code: 'technician-session-required' },
        });
      }
      expect(reached).toEqual([]);
      expect(logs.join('\n')).toContain(`refused ${channel}: technician channel outside`);
    },
  );

  it.each(TECHNICIAN_ONLY)('lets %s through to its handler in an open session', async (channel) => {
    const { dispatch, reached } = dispatcher({ open: true });
    const payloads: Partial<Record<RequestChannel, unknown>> = {
      'tech:settings-apply': { changes: [{ path: 'checkIn.minutesBefore', value: 30 }] },
      'tech:pin-change': { current: '246810', next: '975310' },
      'tech:config-preview': { content: '{}' },
      'tech:config-import': { content: '{}' },
    };
    await dispatch(channel, payloads[channel] ?? {});
    expect(reached.map((call) => call.channel)).toEqual([channel]);
  });

  it('keeps the session-opening channels callable by the citizen screen', async () => {
    const { dispatch, reached } = dispatcher({ open: false });
    await dispatch('tech:session-get', {});
    await dispatch('tech:session-begin', {});
    await dispatch('tech:pin-enter', { pin: '1234' });
    await dispatch('tech:card-present', { card: 'TURNERO-TECH.x' });
    await dispatch('tech:session-end', { reason: 'cancel' });
    expect(reached.map((call) => call.channel)).toEqual([
      'tech:session-get',
      'tech:session-begin',
      'tech:pin-enter',
      'tech:card-present',
      'tech:session-end',
    ]);
  });

  it.each<[ChannelAccess, boolean, boolean, boolean]>([
    ['citizen', false, false, true],
    ['technician', false, true, false],
    ['technician', true, false, true],
    ['setup', false, false, false],
    ['setup', false, true, true],
    ['setup', true, false, true],
  ])('guard: %s with session %s, unconfigured %s → %s', (access, open, unconfigured, allowed) => {
    const guard = createAccessGuard({ sessionOpen: () => open, unconfigured: () => unconfigured });
    expect(guard(access)).toBe(allowed);
  });
});
