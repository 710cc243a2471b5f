// @vitest-environment happy-dom
/**
 * The walk-in path on the FAKE bridge: "Sin cita" on home, the services that take walk-ins as
 * buttons, caps nearly spent and spent, appointment-only services pointing to the booking web,
 * the priority question, and a walk-in's refusals ending on an error screen with a next step.
 */
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WalkInOptions } from '../../src-shared/contract/ipc';
import { FakeBridge, renderKiosk } from '../support/fake-bridge';
import { kioskStateFixture } from '../support/kiosk-state-fixture';
import { walkInResult } from '../support/ticket-view-fixture';
import { servicesPerPage } from '../../src-renderer/walkin/walk-in-pages';

const OPTIONS: WalkInOptions = {
  priorityEnabled: false,
  showRemainingBelow: 5,
  services: [
    {
      id: 'empadronamiento',
      names: { es: 'Certificado de empadronamiento', en: 'Certificate of registration' },
      walkInsAllowed: true,
      remainingToday: 3,
    },
    {
      id: 'registro-general',
      names: { es: 'Registro general', en: 'General registry office' },
      walkInsAllowed: true,
      remainingToday: 40,
    },
    {
      id: 'tributos',
      names: { es: 'Tributos y recibos' },
      walkInsAllowed: true,
      remainingToday: 0,
    },
    { id: 'multas', names: { es: 'Multas' }, walkInsAllowed: true, remainingToday: null },
    {
      id: 'padron',
      names: { es: 'Padrón: altas y cambios de domicilio' },
      walkInsAllowed: false,
      remainingToday: null,
    },
  ],
};

const BOOKING_URL = 'https://cita.villanueva.es/reservar';

let bridge: FakeBridge;

beforeEach(() => {
  bridge = new FakeBridge();
  bridge.state = kioskStateFixture({ bookingUrl: BOOKING_URL });
  bridge.walkInOptions = OPTIONS;
});

afterEach(() => {
  cleanup();
});

async function openWalkIn(): Promise<void> {
  await renderKiosk(bridge);
  const start = screen.getByRole('button', { name: 'Sin cita' });
  expect(start.getAttribute('aria-describedby')).toBe('home-walk-in-hint');
  expect(screen.getByText('Saque un turno para hoy sin cita previa.')).toBeTruthy();
  fireEvent.click(start);
  await screen.findByRole('button', { name: /Registro general/ });
}

describe('walk-in screen', () => {
  it('offers the services that take walk-ins as buttons, with a nearly spent cap’s count', async () => {
    await openWalkIn();
    expect(
      screen.getByRole('heading', { level: 1, name: '¿Para qué trámite viene?' }),
    ).toBeTruthy();
    const list = screen.getByRole('list', { name: '¿Para qué trámite viene?' });
    const names = within(list)
      .getAllByRole('button')
      .map((button) => button.textContent);
    expect(names).toEqual([
      'Certificado de empadronamientoTurnos que quedan hoy: 3',
      'Registro general',
      'Multas',
      'Tributos y recibosHoy ya no quedan turnos para este trámite.',
    ]);
    expect(bridge.requests.filter((r) => r.channel === 'walkin:get-options')).toHaveLength(1);
  });

  it('shows a spent service disabled, and explains it', async () => {
    await openWalkIn();
    const spent = screen.getByRole('button', { name: /Tributos y recibos/ });
    expect(spent).toHaveProperty('disabled', true);
    expect(spent.textContent).toContain('Hoy ya no quedan turnos para este trámite.');
    const hint = document.getElementById(spent.getAttribute('aria-describedby') ?? '');
    expect(hint?.textContent).toBe('Se han dado todos los turnos de hoy. Pida cita para otro día.');
    fireEvent.click(spent);
    expect(bridge.walkIns).toEqual([]);
  });

  it('points appointment-only services to the booking web, as an address and a QR', async () => {
    await openWalkIn();
    const section = screen.getByTestId('appointment-only');
    expect(within(section).getByText('Solo con cita previa')).toBeTruthy();
    expect(within(section).getByText('Padrón: altas y cambios de domicilio')).toBeTruthy();
    expect(within(section).queryByRole('button')).toBeNull();
    expect(within(section).getByTestId('booking-url').textContent).toBe(BOOKING_URL);
    const qr = within(section).getByRole('img', { name: 'Código QR de la web de cita previa' });
    await waitFor(() => expect(qr.getAttribute('data-ready')).toBe('true'));
  });

  it('without a booking web, sends the citizen to the desk to book', async () => {
    bridge.state = kioskStateFixture({ bookingUrl: null });
    await openWalkIn();
    expect(screen.getByTestId('booking-web').textContent).toBe(
      'Para pedir cita, pregunte en el mostrador.',
    );
    expect(screen.queryByRole('img', { name: /cita previa/ })).toBeNull();
  });

  it('issues a ticket for the service tapped and ends on the result screen', async () => {
    bridge.walkIn = () => ({ ok: true, value: walkInResult() });
    await openWalkIn();
    fireEvent.click(screen.getByRole('button', { name: 'Registro general' }));
    expect((await screen.findByTestId('turn-number')).textContent).toBe('R-001');
    expect(bridge.walkIns).toEqual([
      { serviceId: 'registro-general', priority: false, language: 'es' },
    ]);
    expect(screen.getByTestId('appointment-time').textContent).toBe('Sin cita');
  });

  it('asks about priority first when the office gives priority tickets', async () => {
    bridge.walkInOptions = { ...OPTIONS, priorityEnabled: true };
    bridge.walkIn = (request) => ({
      ok: true,
      value: walkInResult({ priority: request.priority }),
    });
    await openWalkIn();
    fireEvent.click(screen.getByRole('button', { name: 'Registro general' }));
    expect(
      screen.getByRole('heading', { level: 1, name: '¿Necesita atención preferente?' }),
    ).toBeTruthy();
    expect(screen.getByText('Trámite: Registro general')).toBeTruthy();
    const yes = screen.getByRole('button', { name: 'Sí, turno preferente' });
    expect(document.getElementById(yes.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'Tienen turno preferente las personas mayores, las embarazadas y las personas con discapacidad.',
    );
    expect(bridge.walkIns).toEqual([]);

    fireEvent.click(yes);
    expect((await screen.findByTestId('priority-badge')).textContent).toBe('Turno preferente');
    expect(bridge.walkIns).toEqual([
      { serviceId: 'registro-general', priority: true, language: 'es' },
    ]);
  });

  it('"Volver" on the priority question goes back to the services', async () => {
    bridge.walkInOptions = { ...OPTIONS, priorityEnabled: true };
    await openWalkIn();
    fireEvent.click(screen.getByRole('button', { name: 'Multas' }));
    fireEvent.click(screen.getByRole('button', { name: 'Volver' }));
    expect(screen.getByRole('button', { name: 'Multas' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Volver' }));
    expect(screen.getByTestId('screen-home')).toBeTruthy();
  });

  it('says so when the services cannot be shown', async () => {
    bridge.getWalkInOptions = () => ({ ok: false, error: { code: 'internal' } });
    await renderKiosk(bridge);
    fireEvent.click(screen.getByRole('button', { name: 'Sin cita' }));
    expect(
      await screen.findByText('Ahora no podemos mostrar los trámites. Pregunte en el mostrador.'),
    ).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Volver' })).toBeTruthy();
  });

  it('is offered in the chosen language', async () => {
    bridge.walkIn = () => ({ ok: true, value: walkInResult() });
    await renderKiosk(bridge);
    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    fireEvent.click(screen.getByRole('button', { name: 'No appointment' }));
    fireEvent.click(await screen.findByRole('button', { name: 'General registry office' }));
    await screen.findByTestId('turn-number');
    expect(bridge.walkIns).toEqual([
      { serviceId: 'registro-general', priority: false, language: 'en' },
    ]);
    expect(screen.getByTestId('service-name').textContent).toBe('General registry office');
  });
});

describe('walk-in services, more than a page holds', () => {
  const MANY: WalkInOptions = {
    priorityEnabled: false,
    showRemainingBelow: 5,
    services: [
      { id: 'registro-general', names: { es: 'Registro general' } },
      ...Array.from({ length: 9 }, (_, index) => ({
        id: `t${index + 2}`,
        names: { es: `Trámite ${index + 2}` },
      })),
    ].map((service) => ({ ...service, walkInsAllowed: true, remainingToday: null })),
  };
  const names = MANY.services.map((service) => service.names.es);
  // The page size itself is tests/unit/walk-in-pages.test.ts's business.
  const perPage = () =>
    servicesPerPage({
      width: window.innerWidth,
      height: window.innerHeight,
      largeText: false,
      lowReach: false,
    });
  const shownServices = () =>
    within(screen.getByRole('list', { name: '¿Para qué trámite viene?' }))
      .getAllByRole('button')
      .map((button) => button.textContent);

  beforeEach(() => {
    bridge.walkInOptions = MANY;
  });

  it('shows a page at a time, says which, and turns with "Más trámites" and "Anteriores"', async () => {
    await openWalkIn();
    const size = perPage();
    const pages = Math.ceil(names.length / size);
    expect(pages).toBeGreaterThan(1);
    expect(shownServices()).toEqual(names.slice(0, size));
    const status = screen.getByTestId('walk-in-page');
    expect(status.getAttribute('role')).toBe('status');
    expect(status.textContent).toBe(`Página 1 de ${pages}`);
    const previous = screen.getByRole('button', { name: 'Anteriores' });
    const next = screen.getByRole('button', { name: 'Más trámites' });
    expect(previous).toHaveProperty('disabled', true);

    fireEvent.click(next);
    expect(screen.getByTestId('walk-in-page').textContent).toBe(`Página 2 de ${pages}`);
    expect(shownServices()).toEqual(names.slice(size, 2 * size));
    // The focus goes on with the new services, not on a button that may now be disabled.
    expect(document.activeElement?.textContent).toBe(names[size]);
    expect(previous).toHaveProperty('disabled', false);

    for (let page = 2; page < pages; page += 1) fireEvent.click(next);
    expect(next).toHaveProperty('disabled', true);
    expect(shownServices()).toEqual(names.slice((pages - 1) * size));

    fireEvent.click(previous);
    expect(screen.getByTestId('walk-in-page').textContent).toBe(`Página ${pages - 1} de ${pages}`);
  });

  it('issues the ticket for a service tapped on a later page', async () => {
    bridge.walkIn = () => ({ ok: true, value: walkInResult() });
    await openWalkIn();
    fireEvent.click(screen.getByRole('button', { name: 'Más trámites' }));
    const service = MANY.services[perPage()];
    fireEvent.click(screen.getByRole('button', { name: service?.names.es }));
    await screen.findByTestId('turn-number');
    expect(bridge.walkIns).toEqual([{ serviceId: service?.id, priority: false, language: 'es' }]);
  });

  it('with spoken guidance, reads the new page and its services', async () => {
    // A stand-in for the browser's speech synthesis, which happy-dom has not: records what is said.
    const said: string[] = [];
    vi.stubGlobal('speechSynthesis', {
      getVoices: () => [],
      cancel: () => undefined,
      speak: (utterance: { text: string }) => said.push(utterance.text),
    });
    vi.stubGlobal(
      'SpeechSynthesisUtterance',
      class {
        lang = '';
        voice = null;
        onerror = null;
        constructor(readonly text: string) {}
      },
    );
    try {
      await renderKiosk(bridge);
      fireEvent.click(screen.getByRole('button', { name: 'Accesibilidad' }));
      fireEvent.click(screen.getByRole('button', { name: 'Guía hablada' }));
      fireEvent.click(screen.getByRole('button', { name: 'Cerrar' }));
      fireEvent.click(screen.getByRole('button', { name: 'Sin cita' }));
      await screen.findByRole('button', { name: 'Más trámites' });
      said.length = 0;
      fireEvent.click(screen.getByRole('button', { name: 'Más trámites' }));
      const size = perPage();
      const pages = Math.ceil(names.length / size);
      expect(said).toEqual([
        `Página 2 de ${pages}. Trámites de esta página: ${names.slice(size, 2 * size).join(', ')}.`,
      ]);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('has no page buttons when every service fits', async () => {
    bridge.walkInOptions = OPTIONS;
    await openWalkIn();
    expect(screen.queryByTestId('walk-in-pager')).toBeNull();
    expect(screen.queryByTestId('walk-in-page')).toBeNull();
  });
});

describe('walk-in refusals end on an error screen with a next step', () => {
  it('cap reached: "no tickets left today", the booking web, and back to the services', async () => {
    bridge.walkIn = () => ({ ok: false, error: { code: 'service-cap-reached' } });
    await openWalkIn();
    fireEvent.click(screen.getByRole('button', { name: 'Registro general' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Hoy ya no quedan turnos' }),
    ).toBeTruthy();
    // The refusal's own text (errors.json) may go on with where else to book.
    expect(screen.getByTestId('error-message').textContent).toMatch(
      /^Hoy ya no quedan turnos para este trámite\./,
    );
    expect(screen.getByTestId('booking-url').textContent).toBe(BOOKING_URL);
    const primary = screen.getByTestId('primary-action');
    expect(primary.textContent).toBe('Elegir otro trámite');
    fireEvent.click(primary);
    expect(await screen.findByTestId('screen-walk-in')).toBeTruthy();
  });

  it('appointment only: says so and shows the booking web', async () => {
    bridge.walkIn = () => ({ ok: false, error: { code: 'walk-ins-not-allowed' } });
    await openWalkIn();
    fireEvent.click(screen.getByRole('button', { name: 'Multas' }));
    expect(
      await screen.findByRole('heading', { name: 'Este trámite es solo con cita' }),
    ).toBeTruthy();
    expect(screen.getByTestId('booking-web')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Sacar turno sin cita' })).toBeNull();
  });

  it('tells what the kiosk is doing while the ticket is prepared', async () => {
    bridge.walkIn = () => ({ ok: true, value: walkInResult() });
    await openWalkIn();
    bridge.hold();
    fireEvent.click(screen.getByRole('button', { name: 'Registro general' }));
    expect(screen.getByTestId('busy').textContent).toBe('Preparando su turno…');
    expect(screen.getByTestId('live-region').textContent).toBe('Preparando su turno…');
    await act(async () => bridge.release());
    expect(screen.getByTestId('turn-number').textContent).toBe('R-001');
  });
});
