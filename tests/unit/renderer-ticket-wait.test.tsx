// @vitest-environment happy-dom
/**
 * The result screen shows the ticket's people ahead and estimated wait when main sends them, and
 * nothing of them when it does not (offline, an old estimate: docs/sync.md).
 */
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CheckInResult } from '../../src-shared/contract/ipc';
import { TicketViewSchema } from '../../src-shared/contract/ipc';
import { FakeBridge, renderKiosk, tapKeys } from '../support/fake-bridge';

function issued(overrides: Partial<CheckInResult['ticket']> = {}): CheckInResult {
  return {
    outcome: 'issued',
    ticket: TicketViewSchema.parse({
      id: 'ticket-1',
      number: 'C-014',
      serviceName: { es: 'Padrón municipal', en: 'Census register' },
      appointmentTime: '10:30',
      issuedAt: '2025-11-27T10:21:00+01:00',
      printStatus: 'printed',
      canReprint: false,
      priority: false,
      paperlessQr: 'C-014 Padrón municipal',
      ...overrides,
    }),
  };
}

let bridge: FakeBridge;

beforeEach(() => {
  bridge = new FakeBridge();
});

afterEach(() => {
  cleanup();
});

async function checkIn(): Promise<void> {
  await renderKiosk(bridge);
  fireEvent.click(screen.getByRole('button', { name: 'Tengo cita' }));
  tapKeys('TRN7K4P9Q');
  fireEvent.click(screen.getByRole('button', { name: 'Aceptar' }));
  await screen.findByTestId('turn-number');
}

/** The turn card's term → description pairs, as a citizen (or a screen reader) reads them. */
function details(): Record<string, string> {
  const pairs: Record<string, string> = {};
  for (const term of screen.getAllByRole('term')) {
    pairs[term.textContent ?? ''] = term.nextElementSibling?.textContent ?? '';
  }
  return pairs;
}

describe('result screen: people ahead and estimated wait', () => {
  it('shows both when main knows them', async () => {
    bridge.checkIn = () => ({
      ok: true,
      value: issued({ peopleAhead: 4, estimatedWaitMinutes: 18 }),
    });
    await checkIn();
    expect(details()).toMatchObject({
      'Personas delante': '4',
      'Espera estimada': '18 min',
    });
  });

  it('shows nobody ahead without a wait in minutes', async () => {
    bridge.checkIn = () => ({
      ok: true,
      value: issued({ peopleAhead: 0, estimatedWaitMinutes: 0 }),
    });
    await checkIn();
    expect(details()['Personas delante']).toBe('0');
    expect(screen.queryByTestId('estimated-wait')).toBeNull();
  });

  it('shows neither when main cannot tell', async () => {
    bridge.checkIn = () => ({ ok: true, value: issued() });
    await checkIn();
    expect(screen.queryByTestId('people-ahead')).toBeNull();
    expect(screen.queryByTestId('estimated-wait')).toBeNull();
    expect(Object.keys(details())).not.toContain('Personas delante');
  });
});
