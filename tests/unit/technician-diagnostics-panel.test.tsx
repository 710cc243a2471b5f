// @vitest-environment happy-dom
/**
 * The diagnostics panel on its own: what it shows of a snapshot (a paper-out printer, an outbox
 * backlog, the last scan's form), its refresh while open and none once closed, and its buttons'
 * calls and outcomes, over a stand-in bridge.
 */
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DiagnosticsSnapshot } from '../../src-shared/contract/diagnostics';
import { createRendererI18n } from '../../src-renderer/i18n/setup';
import { createScreenStore } from '../../src-renderer/state/screen-store';
import { ScreenProviders } from '../../src-renderer/state/store-context';
import { DiagnosticsPanel } from '../../src-renderer/technician/diagnostics/DiagnosticsPanel';
import { REFRESH_MS } from '../../src-renderer/technician/diagnostics/use-diagnostics';
import { TechnicianProvider } from '../../src-renderer/technician/technician-context';
import { createTechnicianStore } from '../../src-renderer/technician/technician-store';
import { diagnosticsFixture } from '../support/diagnostics-fixture';
import { FakeBridge } from '../support/fake-bridge';

let bridge: FakeBridge;
let snapshot: DiagnosticsSnapshot;

function renderPanel() {
  return render(
    <I18nextProvider i18n={createRendererI18n('es')}>
      <ScreenProviders store={createScreenStore()} bridge={bridge}>
        <TechnicianProvider store={createTechnicianStore()}>
          <DiagnosticsPanel />
        </TechnicianProvider>
      </ScreenProviders>
    </I18nextProvider>,
  );
}

const reads = () => bridge.requests.filter((r) => r.channel === 'tech:diagnostics').length;

beforeEach(() => {
  bridge = new FakeBridge();
  snapshot = diagnosticsFixture();
  bridge.technician['tech:diagnostics'] = () => ({ ok: true, value: snapshot });
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('the diagnostics panel', () => {
  it('shows a paper-out printer as a fault, in words, with its last error', async () => {
    snapshot = diagnosticsFixture({
      printer: {
        state: 'paper-out',
        lastError: { kind: 'paper-out', at: '2026-11-30T08:55:00.000Z' },
      },
    });
    renderPanel();
    expect((await screen.findByTestId('printer-state')).textContent).toMatch('Sin papel');
    const printer = screen.getByTestId('diagnostics-printer');
    expect(printer.dataset.tone).toBe('fault');
    expect(within(printer).getByRole('heading', { level: 2 }).textContent).toMatch('Avería');
    expect(screen.getByTestId('printer-last-error').textContent).toMatch(
      /^Sin papel, hace 5 minutos/,
    );
    expect(screen.getByTestId('paper-left').textContent).toMatch('87 % · 69.2 m · unos 768 tiques');
  });

  it('shows an outbox backlog and the last scan’s form', async () => {
    snapshot = diagnosticsFixture({
      sync: {
        connectivity: 'offline',
        reachable: false,
        outbox: { pending: 4, oldestPendingAt: '2026-11-30T08:30:00.000Z' },
      },
      scanner: {
        lastRead: { at: '2026-11-30T08:59:00.000Z', form: 'signed-token', source: 'serial' },
      },
    });
    renderPanel();
    expect((await screen.findByTestId('sync-outbox')).textContent).toMatch(
      '4; el más antiguo, hace 30 minutos',
    );
    expect(screen.getByTestId('diagnostics-sync').dataset.tone).toBe('fault');
    expect(screen.getByTestId('sync-connectivity').textContent).toMatch('Sin conexión');
    expect(screen.getByTestId('scanner-last-read').textContent).toMatch(
      'QR firmado, por el lector serie, hace 1 minuto',
    );
  });

  it('shows a new kiosk’s first sync while it runs, and not once it is done', async () => {
    snapshot = diagnosticsFixture({
      sync: {
        firstSync: {
          state: 'running',
          appointmentsPulled: 40_000,
          pages: 8,
          appointmentsCached: 40_000,
          lastError: null,
        },
      },
    });
    const view = renderPanel();
    expect((await screen.findByTestId('first-sync')).textContent).toBe(
      'En curso: 40000 citas recibidas en 8 páginas',
    );
    view.unmount();
    snapshot = diagnosticsFixture();
    renderPanel();
    await screen.findByTestId('sync-outbox');
    expect(screen.queryByTestId('first-sync')).toBeNull();
  });

  it('says where the credential is kept, and flags safeStorage without a keyring', async () => {
    snapshot = diagnosticsFixture({
      app: {
        credentialStore: {
          kind: 'electron-safe-storage',
          location: '/var/lib/turnero/credential.safestorage',
          backend: 'basic_text',
          encryptedAtRest: false,
        },
      },
    });
    renderPanel();
    const app = await screen.findByTestId('diagnostics-app');
    expect(app.dataset.tone).toBe('warning');
    expect(within(app).getByTestId('credential-facts').textContent).toMatch(
      '/var/lib/turnero/credential.safestorage',
    );
  });

  it('reads the snapshot again every few seconds while open, and no more once closed', async () => {
    vi.useFakeTimers();
    const view = renderPanel();
    await act(async () => undefined);
    expect(reads()).toBe(1);
    await act(async () => vi.advanceTimersByTime(REFRESH_MS * 3));
    expect(reads()).toBe(4);
    view.unmount();
    await act(async () => vi.advanceTimersByTime(REFRESH_MS * 3));
    expect(reads()).toBe(4);
  });

  it('prints the test page and tells why it did not print', async () => {
    bridge.technician['tech:test-print'] = () => ({
      ok: true,
      value: { status: 'failed', failure: 'cover-open' },
    });
    renderPanel();
    fireEvent.click(await screen.findByRole('button', { name: 'Imprimir página de prueba' }));
    expect(
      await screen.findByText('La página de prueba no se ha impreso: Tapa abierta.'),
    ).toBeTruthy();
    expect(bridge.requests.map((r) => r.channel)).toContain('tech:test-print');
  });

  it('resets the paper counter and reprints today’s last ticket', async () => {
    bridge.technician['tech:paper-changed'] = () => ({ ok: true, value: snapshot.printer.paper });
    bridge.technician['tech:reprint-last'] = () => ({
      ok: true,
      value: { ticket: { number: 'E-014', printStatus: 'printed', printFailure: null } },
    });
    renderPanel();
    fireEvent.click(await screen.findByRole('button', { name: 'He cambiado el papel' }));
    expect(await screen.findByText('Contador de papel a cero: rollo nuevo.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Reimprimir el último tique de hoy' }));
    expect(await screen.findByText('Tique E-014 reimpreso, con su mismo número.')).toBeTruthy();
  });

  it('asks once more before restarting, and says so when the host cannot', async () => {
    bridge.technician['tech:restart'] = () => ({ ok: true, value: { restarting: false } });
    renderPanel();
    fireEvent.click(await screen.findByRole('button', { name: 'Reiniciar la aplicación' }));
    expect(bridge.requests.map((r) => r.channel)).not.toContain('tech:restart');
    fireEvent.click(screen.getByRole('button', { name: 'Sí, reiniciar ahora' }));
    expect(await screen.findByText('Este tótem no se puede reiniciar desde aquí.')).toBeTruthy();
  });

  it('copies the logs only to a USB stick that is there, and offers a download only where it can', async () => {
    renderPanel();
    const toUsb = await screen.findByRole('button', { name: 'Copiar los registros al USB' });
    expect((toUsb as HTMLButtonElement).disabled).toBe(true);
    expect(screen.queryByRole('button', { name: 'Descargar los registros' })).toBeNull();
    cleanup();

    snapshot = diagnosticsFixture({ logs: { usbVolume: 'KINGSTON', download: true } });
    bridge.technician['tech:export-logs'] = () => ({
      ok: true,
      value: {
        outcome: 'written',
        volume: 'KINGSTON',
        fileName: 'turnero-logs-k.tar.gz',
        bytes: 10,
      },
    });
    renderPanel();
    fireEvent.click(await screen.findByRole('button', { name: 'Copiar los registros al USB' }));
    expect(await screen.findByText('Copiado turnero-logs-k.tar.gz en KINGSTON.')).toBeTruthy();
    expect(
      (screen.getByRole('button', { name: 'Descargar los registros' }) as HTMLButtonElement)
        .disabled,
    ).toBe(false);
  });

  it('says so when a button’s call is refused (the session ended)', async () => {
    renderPanel();
    fireEvent.click(await screen.findByRole('button', { name: 'Sincronizar ahora' }));
    expect((await screen.findByTestId('sync-outcome')).textContent).toMatch(
      'No se ha podido hacer. Vuelva a intentarlo.',
    );
  });
});
