/**
 * The back ends a kiosk can talk to, by the name `api.adapter` gives them. The configuration
 * schema takes its adapter names and their settings sections from here, so adding a booking
 * system is its folder plus one line in `backends` (docs/townhall-adapters.md).
 */
import type { z } from 'zod';
import type { Backend } from './backend';
import type { BackendDeps, BackendSettings } from './backend-entry';
import { easyAppointmentsBackend } from './adapters/easy-appointments/entry';
import { turneroBackend } from './turnero-api/entry';

const backends = {
  turnero: turneroBackend,
  'easy-appointments': easyAppointmentsBackend,
};

type Backends = typeof backends;
export type BackendName = keyof Backends;

export const BACKEND_NAMES = Object.keys(backends) as [BackendName, ...BackendName[]];

type SectionOf<Name extends BackendName> = NonNullable<Backends[Name]['section']>;

/** The settings sections of all back ends, as zod fields of the configuration's `api`. */
export type BackendSectionFields = {
  [Name in BackendName as SectionOf<Name>['key']]: z.ZodOptional<SectionOf<Name>['schema']>;
};

export const backendSectionFields = Object.fromEntries(
  Object.values(backends).flatMap((entry) =>
    entry.section ? [[entry.section.key, entry.section.schema.optional()]] : [],
  ),
) as BackendSectionFields;

/** The configured back end's name and the settings sections, as in the configuration's `api`. */
export type BackendChoice = { adapter: BackendName } & {
  [Key in keyof BackendSectionFields]?: unknown;
};

/** The kiosk's `api` configuration (with `baseUrl` resolved) and the site it serves. */
export type BackendConfig = BackendSettings & BackendChoice;

/**
 * Why the configuration cannot build its back end: the settings section it needs is missing
 * (where and what to say), or null.
 */
export function missingBackendSection(
  config: BackendChoice,
): { key: string; message: string } | null {
  const key = backends[config.adapter].section?.key;
  if (key === undefined || config[key] !== undefined) return null;
  return { key, message: `adapter "${config.adapter}" needs the api.${key} settings` };
}

/** The configured back end; throws when its options do not validate. */
export function createBackend(config: BackendConfig, deps: BackendDeps): Backend {
  const missing = missingBackendSection(config);
  if (missing) throw new Error(missing.message);
  const entry = backends[config.adapter];
  const key = entry.section?.key;
  return entry.build(config, key === undefined ? undefined : config[key], deps);
}
