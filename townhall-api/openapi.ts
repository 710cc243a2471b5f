/**
 * The OpenAPI 3.1 document of the Town Hall API, generated from the contract's zod schemas with
 * zod's own JSON Schema converter: the schemas are the single source, nothing is copied by hand.
 * `npm run openapi` writes it to docs/openapi.json; a test keeps that file in step.
 */
import { z } from 'zod';
import {
  API_BASE_PATH,
  apiComponentSchemas,
  AppointmentsQuerySchema,
  IDEMPOTENCY_KEY_HEADER,
  SiteIdSchema,
} from '../src-shared/contract/townhall-api';

type JsonObject = { [key: string]: unknown };

const componentRef = (id: keyof typeof apiComponentSchemas) => ({
  $ref: `#/components/schemas/${id}`,
});

/** RFC 3339 is already said by `format: date-time`; zod's long regex adds only noise. */
const dropDateTimePattern = (context: { jsonSchema: JsonObject }): void => {
  if (context.jsonSchema.format === 'date-time') delete context.jsonSchema.pattern;
};

function componentSchemas(): Record<string, JsonObject> {
  // A registry of our own rather than the global one: only the contract's components, whatever
  // else the process has loaded.
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(apiComponentSchemas)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    uri: (id) => `#/components/schemas/${id}`,
    unrepresentable: 'throw',
    override: dropDateTimePattern,
  });
  const result: Record<string, JsonObject> = {};
  for (const [id, schema] of Object.entries(schemas)) {
    // A shared definition means some nested schema has an id that is not registered above.
    if (id === '__shared')
      throw new Error('a schema with an id is missing from apiComponentSchemas');
    // Components are plain schemas in OpenAPI 3.1: no per-schema dialect or id.
    const rest: JsonObject = { ...(schema as JsonObject) };
    delete rest.$schema;
    delete rest.$id;
    result[id] = rest;
  }
  return result;
}

function inlineSchema(schema: z.ZodType, io: 'input' | 'output' = 'output'): JsonObject {
  const result: JsonObject = {
    ...(z.toJSONSchema(schema, {
      target: 'draft-2020-12',
      io,
      override: dropDateTimePattern,
    }) as JsonObject),
  };
  delete result.$schema;
  return result;
}

function queryParameters(): JsonObject[] {
  const schema = inlineSchema(AppointmentsQuerySchema, 'input');
  const properties = (schema.properties ?? {}) as Record<string, JsonObject>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...propertySchema } = property;
    return {
      name,
      in: 'query',
      required: required.has(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: propertySchema,
    };
  });
}

const json = (schema: JsonObject) => ({ 'application/json': { schema } });

const errorResponse = (description: string) => ({
  description,
  content: json(componentRef('ApiError')),
});

export function buildOpenApiDocument(): JsonObject {
  const siteIdParameter = {
    name: 'siteId',
    in: 'path',
    required: true,
    description: 'The site (office) identifier, e.g. demo-sac',
    schema: inlineSchema(SiteIdSchema),
  };
  const commonErrors = {
    '400': errorResponse('Invalid request; the message says which field and why'),
    '404': errorResponse('Unknown site (or appointment)'),
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Turnero Town Hall API',
      version: '1.0.0',
      description:
        'What a Turnero check-in kiosk needs from the town hall: site and services, a delta feed ' +
        'of appointments, and idempotent check-in reports. See docs/townhall-api.md.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: '/' }],
    paths: {
      [`${API_BASE_PATH}/health`]: {
        get: {
          operationId: 'getHealth',
          summary: 'Liveness and server clock',
          responses: {
            '200': { description: 'Up', content: json(componentRef('HealthResponse')) },
          },
        },
      },
      [`${API_BASE_PATH}/openapi.json`]: {
        get: {
          operationId: 'getOpenApi',
          summary: 'This document',
          responses: { '200': { description: 'OpenAPI 3.1 document' } },
        },
      },
      [`${API_BASE_PATH}/sites/{siteId}`]: {
        get: {
          operationId: 'getSiteInfo',
          summary: 'The site and its services',
          parameters: [siteIdParameter],
          responses: {
            '200': { description: 'Site info', content: json(componentRef('SiteInfoResponse')) },
            ...commonErrors,
          },
        },
      },
      [`${API_BASE_PATH}/sites/{siteId}/appointments`]: {
        get: {
          operationId: 'getAppointments',
          summary: 'Appointments of a window of site-local days, as a delta feed',
          description:
            'Without a cursor: every appointment of the window. With the cursor of the previous ' +
            'page: only appointments changed since (including ones that left the window). Follow ' +
            'pages while hasMore is true; keep the last cursor for the next pull. A cursor is ' +
            'valid only for the same siteId, from and days; otherwise 400 invalid-cursor.',
          parameters: [siteIdParameter, ...queryParameters()],
          responses: {
            '200': { description: 'One page', content: json(componentRef('AppointmentsPage')) },
            ...commonErrors,
          },
        },
      },
      [`${API_BASE_PATH}/sites/{siteId}/appointments/{appointmentId}/token`]: {
        get: {
          operationId: 'getBookingToken',
          summary: 'A signed booking token (QR payload) for one appointment; back-office use',
          description:
            'Compact JWS (EdDSA / Ed25519) a kiosk verifies offline with the keys of ' +
            'Site.bookingKeys; it expires at the end of the appointment day. See ' +
            'docs/booking-token.md. A real town hall issues it with the confirmation and keeps ' +
            'this endpoint behind its staff authentication.',
          parameters: [
            siteIdParameter,
            {
              name: 'appointmentId',
              in: 'path',
              required: true,
              schema: { type: 'string', minLength: 1, maxLength: 64 },
            },
          ],
          responses: {
            '200': { description: 'Token', content: json(componentRef('BookingTokenResponse')) },
            ...commonErrors,
            '409': errorResponse('conflict: the appointment is cancelled'),
          },
        },
      },
      [`${API_BASE_PATH}/sites/{siteId}/check-ins`]: {
        post: {
          operationId: 'postCheckIn',
          summary: 'Report a check-in (a ticket issued for an appointment); idempotent',
          parameters: [
            siteIdParameter,
            {
              name: IDEMPOTENCY_KEY_HEADER,
              in: 'header',
              required: true,
              description: 'The ticket id; must equal ticketId in the body',
              schema: { type: 'string', format: 'uuid' },
            },
          ],
          requestBody: { required: true, content: json(componentRef('CheckInRequest')) },
          responses: {
            '201': { description: 'Recorded', content: json(componentRef('CheckInRecord')) },
            '200': {
              description: 'Replay of a recorded check-in: the original record',
              content: json(componentRef('CheckInRecord')),
            },
            ...commonErrors,
            '409': errorResponse(
              'idempotency-key-mismatch: the key was used with another body; conflict: the ' +
                'appointment is cancelled or checked in with another ticket',
            ),
            '413': errorResponse('Body too large'),
            '422': errorResponse(
              'unknown-appointment: the check-in carries a bookingToken (made offline) for an ' +
                'appointment this town hall does not have; final',
            ),
            '415': errorResponse('Body is not application/json'),
          },
        },
      },
    },
    components: { schemas: componentSchemas() },
  };
}

/** The document as committed: stable key order from construction, two-space indent, final newline. */
export function renderOpenApiDocument(): string {
  return `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`;
}
