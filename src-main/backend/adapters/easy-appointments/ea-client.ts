/**
 * The few Easy!Appointments REST API v1 calls the adapter makes, through the kiosk's bounded and
 * validating HTTP client (timeouts, answer size limit, no redirects, zod on every answer).
 * Collections are read page by page (`page`, `length`, `sort=+id`) until a short page.
 */
import type { z } from 'zod';
import { BackendError } from '../../backend-error';
import { createHttpClient, type HttpRequest, type HttpResponse } from '../../http-client';
import {
  EaAppointmentListSchema,
  EaAppointmentSchema,
  EaIdListSchema,
  EaProviderListSchema,
  EaServiceListSchema,
  EaSettingSchema,
  type EaAppointment,
  type EaProvider,
  type EaService,
} from './ea-schemas';

export interface EaClientOptions {
  /** The API root (ending in `/api/v1`). */
  apiRoot: URL;
  apiToken: string;
  timeoutMs: number;
  maxResponseBytes: number;
  pageLength: number;
  fetch?: typeof fetch;
  now: () => Date;
}

/** Fields asked of `/appointments` (`fields=`): nothing personal comes over the wire. */
const APPOINTMENT_FIELDS = 'id,start,end,hash,status,serviceId,providerId';
const SERVICE_FIELDS = 'id,name';
const PROVIDER_FIELDS = 'id,timezone';
/** 200 pages of up to 1000: far beyond one office's days; stops a server that never ends. */
const MAX_PAGES = 200;

export function createEaClient(options: EaClientOptions) {
  const root = options.apiRoot.href.replace(/\/+$/, '');
  const http = createHttpClient({
    timeoutMs: options.timeoutMs,
    maxResponseBytes: options.maxResponseBytes,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const authorization = `Bearer ${options.apiToken}`;
  let lastServerDate: Date | null = null;
  let offsetMs: number | null = null;

  const urlOf = (path: string, query: Record<string, string> = {}): URL => {
    const url = new URL(root + path);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    return url;
  };

  async function call<T>(
    method: HttpRequest<T>['method'],
    url: URL,
    schema: z.ZodType<T>,
    body?: unknown,
  ): Promise<HttpResponse<T>> {
    try {
      const response = await http.request({
        method,
        url,
        headers: { authorization },
        ...(body !== undefined ? { body } : {}),
        okStatuses: [200],
        schema,
      });
      if (response.serverDate) {
        lastServerDate = response.serverDate;
        offsetMs = response.serverDate.getTime() - options.now().getTime();
      }
      return response;
    } catch (error) {
      if (error instanceof BackendError && (error.status === 401 || error.status === 403)) {
        throw new BackendError(
          'http',
          `Easy!Appointments refused the API token (${error.status}): check api.easyAppointments.apiToken`,
          error.status,
          'unauthorized',
        );
      }
      if (error instanceof BackendError && error.kind === 'malformed') {
        throw new BackendError('malformed', `Easy!Appointments: ${error.message}`);
      }
      throw error;
    }
  }

  async function listAll<T>(
    path: string,
    query: Record<string, string>,
    schema: z.ZodType<T[]>,
  ): Promise<T[]> {
    const all: T[] = [];
    for (let page = 1; page <= MAX_PAGES; page += 1) {
      const { data } = await call(
        'GET',
        urlOf(path, {
          ...query,
          sort: '+id',
          page: String(page),
          length: String(options.pageLength),
        }),
        schema,
      );
      all.push(...data);
      if (data.length < options.pageLength) return all;
    }
    throw new BackendError('too-large', `${path}: more than ${MAX_PAGES} pages`);
  }

  return {
    /** Every service, in id order. */
    listServices: (): Promise<EaService[]> =>
      listAll('/services', { fields: SERVICE_FIELDS }, EaServiceListSchema),

    /** Every provider's id and zone, in id order. */
    listProviders: (): Promise<EaProvider[]> =>
      listAll('/providers', { fields: PROVIDER_FIELDS }, EaProviderListSchema),

    /**
     * Appointments whose start is on or after `from` and whose end is on or before `till`
     * (EA's own filters compare the dates of `start` and `end`, in EA's zone).
     */
    listAppointments: (from: string, till: string): Promise<EaAppointment[]> =>
      listAll('/appointments', { from, till, fields: APPOINTMENT_FIELDS }, EaAppointmentListSchema),

    /** One appointment, or null when EA has none with that id (deleted). */
    async getAppointment(id: string): Promise<EaAppointment | null> {
      try {
        const url = urlOf(`/appointments/${encodeURIComponent(id)}`, {
          fields: APPOINTMENT_FIELDS,
        });
        return (await call('GET', url, EaAppointmentSchema)).data;
      } catch (error) {
        if (error instanceof BackendError && error.status === 404) return null;
        throw error;
      }
    },

    /** `PUT /appointments/{id}` with only `status`: EA merges it over the stored record. */
    async setAppointmentStatus(id: string, status: string): Promise<EaAppointment> {
      const url = urlOf(`/appointments/${encodeURIComponent(id)}`);
      return (await call('PUT', url, EaAppointmentSchema, { status })).data;
    },

    /** A setting's value; null when unset or empty. */
    async getSetting(name: string): Promise<string | null> {
      const url = urlOf(`/settings/${encodeURIComponent(name)}`);
      const { data } = await call('GET', url, EaSettingSchema);
      return data.value === null || data.value.trim() === '' ? null : data.value;
    },

    /** A cheap authenticated request: one service id. */
    async ping(): Promise<void> {
      await call(
        'GET',
        urlOf('/services', { fields: 'id', page: '1', length: '1' }),
        EaIdListSchema,
      );
    },

    /** The Date header of the last answer (the server's clock), when EA sent one. */
    lastServerDate: (): Date | null => lastServerDate,
    /** Server clock minus kiosk clock at the last answer with a Date header (1 s resolution). */
    clockOffsetMs: (): number | null => offsetMs,
  };
}

export type EaClient = ReturnType<typeof createEaClient>;
