/**
 * How a back end registers itself (registry.ts): its options schema, how the configuration fills
 * them in, its own settings section if it has one, and its factory. Each back end's folder
 * defines its entry with `defineBackend`; the registry only lists them by name.
 */
import type { z } from 'zod';
import type { Backend } from './backend';

/** What a back end gets from the composition root besides its options. */
export interface BackendDeps {
  log: (line: string) => void;
  /** The device credential from enrolment, read at each request (it may arrive later). */
  credential: () => string | null;
  /** For tests and embedding; the global fetch otherwise. */
  fetch?: typeof fetch;
  now?: () => Date;
}

/** What every back end may read from the kiosk's configuration: `api` and the site's. */
export interface BackendSettings {
  /** `api.baseUrl`: required by the Turnero back end, unused by adapters with their own. */
  baseUrl: string | undefined;
  timeoutMs: number;
  siteId: string;
  timeZone: string;
}

export interface BackendDefinition<
  Options extends z.ZodType,
  Key extends string = never,
  Section extends z.ZodType = z.ZodNever,
> {
  /**
   * Its own settings, kept under `api.<key>` of the configuration and validated with it; absent
   * when the settings every back end gets are enough.
   */
  section?: { key: Key; schema: Section };
  /** Its options, validated before `create` runs. */
  options: Options;
  /** Its options from the configuration. */
  optionsFrom(settings: BackendSettings, section: z.output<Section>): z.input<Options>;
  create(options: z.output<Options>, deps: BackendDeps): Backend;
}

/** A back end as the registry keeps it: its settings section, and a builder. */
export interface BackendEntry<Key extends string, Section extends z.ZodType> {
  readonly section: { readonly key: Key; readonly schema: Section } | undefined;
  /** Validates its section and options and builds it; `section` is `api.<key>` as configured. */
  build(settings: BackendSettings, section: unknown, deps: BackendDeps): Backend;
}

export function defineBackend<
  Options extends z.ZodType,
  Key extends string = never,
  Section extends z.ZodType = z.ZodNever,
>(definition: BackendDefinition<Options, Key, Section>): BackendEntry<Key, Section> {
  const { section } = definition;
  return {
    section,
    build(settings, configured, deps) {
      // Without a section of its own, `Section` is `ZodNever` and `optionsFrom` ignores it.
      const own = section ? section.schema.parse(configured) : (undefined as z.output<Section>);
      const options = definition.options.parse(definition.optionsFrom(settings, own));
      return definition.create(options, deps);
    },
  };
}
