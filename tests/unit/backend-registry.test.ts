import { describe, expect, it } from 'vitest';
import {
  BACKEND_NAMES,
  backendSectionFields,
  createBackend,
  missingBackendSection,
} from '../../src-main/backend/registry';

const SITE = { siteId: 'sac-villanueva', timeZone: 'Europe/Madrid', timeoutMs: 2000 };
const EA_SECTION = {
  baseUrl: 'https://citas.ayto.example.es/index.php/api/v1',
  apiToken: 'secret-token',
  siteName: 'SAC Villanueva',
};

/** A fetch that records what it was asked and answers the Town Hall API's health. */
function recordingFetch() {
  const requests: Request[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    requests.push(new Request(input, init));
    return new Response(
      JSON.stringify({ status: 'ok', apiVersion: 'v1', time: '2026-03-02T08:00:00Z' }),
      {
        status: 200,
        headers: { 'content-type': 'application/json' },
      },
    );
  };
  return { requests, fetch: fetch as typeof globalThis.fetch };
}

describe('back-end registry', () => {
  it('names the back ends the configuration may choose, and their settings sections', () => {
    expect(BACKEND_NAMES).toEqual(['turnero', 'easy-appointments']);
    expect(Object.keys(backendSectionFields)).toEqual(['easyAppointments']);
  });

  it('builds the Town Hall API client with every capability and the device credential', async () => {
    const { requests, fetch } = recordingFetch();
    let credential: string | null = null;
    const backend = createBackend(
      { adapter: 'turnero', baseUrl: 'https://turnos.ayto.example.es', ...SITE },
      { log: () => undefined, credential: () => credential, fetch },
    );
    expect(backend.siteId).toBe('sac-villanueva');
    expect(typeof backend.leaseNumbers).toBe('function');
    expect(typeof backend.heartbeat).toBe('function');
    await backend.health();
    credential = 'device-secret';
    await backend.health();
    expect(requests.map((request) => request.headers.get('authorization'))).toEqual([
      null,
      'Bearer device-secret',
    ]);
    expect(requests[0]?.url).toBe('https://turnos.ayto.example.es/api/v1/health');
  });

  it('builds the Easy!Appointments adapter from its section, without the capabilities it lacks', () => {
    const backend = createBackend(
      {
        adapter: 'easy-appointments',
        baseUrl: 'embedded:unused',
        easyAppointments: EA_SECTION,
        ...SITE,
      },
      { log: () => undefined, credential: () => null },
    );
    expect(backend.siteId).toBe('sac-villanueva');
    expect(backend.leaseNumbers).toBeUndefined();
    expect(backend.postWalkIn).toBeUndefined();
    expect(backend.heartbeat).toBeUndefined();
  });

  it('refuses a back end whose settings are missing or invalid', () => {
    const deps = { log: () => undefined, credential: () => null };
    expect(missingBackendSection({ adapter: 'easy-appointments' })).toEqual({
      key: 'easyAppointments',
      message: 'adapter "easy-appointments" needs the api.easyAppointments settings',
    });
    expect(missingBackendSection({ adapter: 'turnero' })).toBeNull();
    expect(() =>
      createBackend({ adapter: 'easy-appointments', baseUrl: 'x', ...SITE }, deps),
    ).toThrow(/needs the api\.easyAppointments settings/);
    expect(() =>
      createBackend(
        {
          adapter: 'easy-appointments',
          baseUrl: 'x',
          easyAppointments: { ...EA_SECTION, baseUrl: 'http://citas.example.es' },
          ...SITE,
        },
        deps,
      ),
    ).toThrow(/https URL/);
    expect(() =>
      createBackend({ adapter: 'turnero', baseUrl: 'http://turnos.example.es', ...SITE }, deps),
    ).toThrow(/https URL/);
  });
});
