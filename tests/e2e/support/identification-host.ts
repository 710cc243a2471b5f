/**
 * A FAKE web host for the identification specs: it serves the built renderer and speaks the web
 * host's protocol (`/ws?token=T` with an Origin check, frames `{id, channel, payload}` and
 * `{kind, …}`), answering check-ins with canned outcomes instead of the real kiosk services:
 *
 * - a booking code or URL containing `TRN-7K4P9Q` (with its dash) → turn C-014;
 * - ID document `12345678Z` → turn C-015; `12345678A` → wrong letter (Z); any other → not found.
 *
 * Every request is checked against the real contract's schema, as the real host does.
 */
import type { CheckInResult, IpcResult, KioskState } from '../../../src-shared/contract/ipc';
import { kioskStateFixture } from '../../support/kiosk-state-fixture';
import { startFakeWebHost, type Submission } from './fake-web-host';

export type { Submission };

export interface IdentificationHost {
  /** The renderer's address; `query` is appended. */
  url(query?: string): string;
  /** Turns the camera on or off in the kiosk state this host reports (a technician setting). */
  setCamera(enabled: boolean): void;
  submissions: Submission[];
  close(): Promise<void>;
}

export const HOST_STATE: KioskState = kioskStateFixture({
  kioskId: 'totem-entrada-1',
  lastSyncAt: '2025-11-27T09:58:00+01:00',
});

function ticket(number: string, id: string): CheckInResult {
  return {
    outcome: 'issued',
    ticket: {
      id,
      number,
      serviceName: { es: 'Padrón municipal', en: 'Census register' },
      appointmentTime: '10:30',
      issuedAt: '2025-11-27T10:21:00+01:00',
      printStatus: 'printed',
      priority: false,
      paperlessQr: `${number} Padrón municipal`,
      canReprint: false,
    },
  };
}

function answer(request: Submission, seq: number): IpcResult<CheckInResult> {
  const id = `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`;
  if (request.mode === 'id-document') {
    if (request.input === '12345678Z') return { ok: true, value: ticket('C-015', id) };
    if (request.input === '12345678A') {
      return { ok: false, error: { code: 'id-document-letter', params: { letter: 'Z' } } };
    }
    return { ok: false, error: { code: 'id-document-not-found' } };
  }
  return /TRN-7K4P9Q/i.test(request.input)
    ? { ok: true, value: ticket('C-014', id) }
    : { ok: false, error: { code: 'booking-not-found' } };
}

export async function startIdentificationHost(rendererDir: string): Promise<IdentificationHost> {
  const host = await startFakeWebHost({
    rendererDir,
    state: HOST_STATE,
    checkIn: (request, seq) => answer(request, seq),
  });
  return {
    url: host.url,
    setCamera: (enabled) => host.setState({ scanner: { ...HOST_STATE.scanner, camera: enabled } }),
    submissions: host.submissions,
    close: () => host.close(),
  };
}
