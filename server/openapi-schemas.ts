/**
 * The JSON Schemas of the OpenAPI document, converted from the contract's zod schemas with zod's
 * own JSON Schema converter, and the small pieces every operation is built of.
 */
import { z } from 'zod';
import { LobbyEventSchema, LobbySnapshotSchema } from '../src-shared/contract/lobby';
import { apiComponentSchemas, AppointmentsQuerySchema } from '../src-shared/contract/townhall-api';

export type JsonObject = { [key: string]: unknown };

/**
 * The contract's components and the lobby feed's (contract/lobby.ts builds on townhall-api.ts,
 * so its schemas are listed here rather than in apiComponentSchemas).
 */
const documentComponentSchemas = {
  ...apiComponentSchemas,
  LobbySnapshot: LobbySnapshotSchema,
  LobbyEvent: LobbyEventSchema,
} as const;

export const componentRef = (id: keyof typeof documentComponentSchemas) => ({
  $ref: `#/components/schemas/${id}`,
});

/** RFC 3339 is already said by `format: date-time`; zod's long regex adds only noise. */
const dropDateTimePattern = (context: { jsonSchema: JsonObject }): void => {
  if (context.jsonSchema.format === 'date-time') delete context.jsonSchema.pattern;
};

export function componentSchemas(): Record<string, JsonObject> {
  // A registry of our own rather than the global one: only the contract's components, whatever
  // else the process has loaded.
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(documentComponentSchemas)) registry.add(schema, { id });
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

export function inlineSchema(schema: z.ZodType, io: 'input' | 'output' = 'output'): JsonObject {
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

/** The appointments query, one OpenAPI parameter per field. */
export function queryParameters(): JsonObject[] {
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

export const json = (schema: JsonObject) => ({ 'application/json': { schema } });

export const errorResponse = (description: string) => ({
  description,
  content: json(componentRef('ApiError')),
});
