// @vitest-environment happy-dom
/**
 * The result screen of a ticket whose printing the printer did not confirm: the citizen is told
 * to look in the tray, and no reprint is offered as such; a reprint comes only from the citizen
 * saying the ticket did not come out.
 */
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CheckInResult } from '../../src-shared/contract/ipc';
import { TicketViewSchema } from '../../src-shared/contract/ipc';
import { FakeBridge, renderKiosk, tapKeys } from '../support/fake-bridge';

function unconfirmed(overrides: Partial<CheckInResult['ticket']> = {}): CheckInResult {
  return {
    outcome: 'issued',
    ticket: TicketViewSchema.parse({
      id: 'ticket-1',
      number: 'C-014',
      serviceName: { es: 'Padrón municipal', en: 'Census register' },
      appointmentTime: '10:30',
      issuedAt: '2025-11-27T10:21:00+01:00',
      printStatus: 'unconfirmed',
      printFailure: 'timeout',
      canReprint: true,
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

describe('result screen: a print the printer did not confirm', () => {
  it('asks the citizen to look in the tray and offers no plain reprint', async () => {
    bridge.checkIn = () => ({ ok: true, value: unconfirmed() });
    await checkIn();
    expect(screen.getByTestId('print-status').textContent).toBe(
      'No sabemos si su tique ha salido: mire en la bandeja de la impresora. Su número es el C-014.',
    );
    expect(screen.queryByRole('button', { name: 'Volver a imprimir' })).toBeNull();
    expect(screen.getByRole('button', { name: 'No ha salido el tique' })).toBeTruthy();
  });

  it('reprints when the citizen says the ticket did not come out', async () => {
    bridge.checkIn = () => ({ ok: true, value: unconfirmed() });
    bridge.reprint = () => ({
      ok: true,
      value: { ticket: unconfirmed({ printStatus: 'printed', canReprint: false }).ticket },
    });
    await checkIn();
    fireEvent.click(screen.getByRole('button', { name: 'No ha salido el tique' }));
    expect(bridge.requests.at(-1)).toEqual({
      channel: 'ticket:reprint',
      payload: { ticketId: 'ticket-1', language: 'es' },
    });
    await waitFor(() =>
      expect(screen.getByTestId('print-status').textContent).toBe('Recoja su tique impreso.'),
    );
    expect(screen.queryByRole('button', { name: 'No ha salido el tique' })).toBeNull();
  });

  it('offers nothing once the one reprint is spent', async () => {
    bridge.checkIn = () => ({ ok: true, value: unconfirmed({ canReprint: false }) });
    await checkIn();
    expect(screen.queryByRole('button', { name: 'No ha salido el tique' })).toBeNull();
    expect(screen.getByTestId('print-status').textContent).toContain('C-014');
  });
});

describe('the unconfirmed message in every language', () => {
  it.each([
    [
      'English',
      { appointment: 'I have an appointment', keyboard: 'Keyboard', accept: 'OK' },
      'We cannot tell whether your ticket came out: please look in the printer tray. Your number is C-014.',
      'My ticket did not come out',
    ],
    [
      'Français',
      { appointment: 'J’ai un rendez-vous', keyboard: 'Clavier', accept: 'Valider' },
      'Nous ne savons pas si votre ticket est sorti : regardez dans le bac de l’imprimante. Votre numéro est le C-014.',
      'Mon ticket n’est pas sorti',
    ],
    [
      'Deutsch',
      { appointment: 'Ich habe einen Termin', keyboard: 'Tastatur', accept: 'Bestätigen' },
      'Wir wissen nicht, ob Ihr Ticket herausgekommen ist: Bitte sehen Sie im Ausgabefach des Druckers nach. Ihre Nummer ist C-014.',
      'Mein Ticket ist nicht herausgekommen',
    ],
  ])('%s', async (language, labels, message, button) => {
    bridge.checkIn = () => ({ ok: true, value: unconfirmed() });
    await renderKiosk(bridge);
    fireEvent.click(screen.getByRole('button', { name: language }));
    fireEvent.click(await screen.findByRole('button', { name: labels.appointment }));
    tapKeys('TRN7K4P9Q', labels.keyboard);
    fireEvent.click(screen.getByRole('button', { name: labels.accept }));
    expect((await screen.findByTestId('print-status')).textContent).toBe(message);
    expect(screen.getByRole('button', { name: button })).toBeTruthy();
  });
});
