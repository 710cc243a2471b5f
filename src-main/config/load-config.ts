/**
 * Finds, reads and validates the kiosk's configuration. A bad configuration is never half-used:
 * the kiosk refuses to start and the message names the field.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { ConfigSchema, type Config } from './schema';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export interface LoadedConfig {
  config: Config;
  /** The file it came from, or null for the defaults (the technician tools without --config). */
  source: string | null;
}

/** A kiosk never starts on defaults alone: it would print tickets for nobody. */
export const NO_CONFIGURATION_MESSAGE =
  'No configuration: give --config FILE or set TURNERO_CONFIG ' +
  '(docs/configuration.md); a FILE that does not exist yet, or --setup, starts the first-run ' +
  'wizard (docs/technician.md). To try the kiosk with the demo town hall, run ' +
  '"npm start" or "npm run start:web" without a configuration.';

/** `--config FILE`, `--config=FILE`, or the TURNERO_CONFIG environment variable. */
export function configPathFrom(argv: readonly string[], env: NodeJS.ProcessEnv): string | null {
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] as string;
    if (arg === '--config') {
      const value = argv[index + 1];
      if (!value || value.startsWith('--')) throw new ConfigError('--config needs a file path');
      return value;
    }
    if (arg.startsWith('--config=')) return arg.slice('--config='.length);
  }
  return env.TURNERO_CONFIG || null;
}

export function parseConfig(document: unknown, source: string | null): Config {
  const result = ConfigSchema.safeParse(document);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const field = issue.path.length > 0 ? issue.path.join('.') : '(document)';
      return `${field}: ${issue.message}`;
    });
    throw new ConfigError(
      `Invalid configuration${source ? ` in ${source}` : ''}: ${problems.join('; ')}`,
    );
  }
  const config = result.data;
  // Relative paths in a config file are relative to the file, not to where the kiosk started.
  if (source && config.dataDir && !isAbsolute(config.dataDir)) {
    config.dataDir = resolve(dirname(source), config.dataDir);
  }
  if (source && config.printer.logoFile && !isAbsolute(config.printer.logoFile)) {
    config.printer.logoFile = resolve(dirname(source), config.printer.logoFile);
  }
  return config;
}

export function loadConfig(argv: readonly string[], env: NodeJS.ProcessEnv): LoadedConfig {
  const path = configPathFrom(argv, env);
  if (!path) return { config: parseConfig({}, null), source: null };
  const source = resolve(path);
  let text: string;
  try {
    text = readFileSync(source, 'utf8');
  } catch (error) {
    throw new ConfigError(
      `Cannot read configuration file ${source}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(
      `Configuration file ${source} is not valid JSON: ${(error as Error).message}`,
    );
  }
  return { config: parseConfig(document, source), source };
}

/**
 * The configuration a kiosk starts with: a file is required, and it must say where the town hall
 * is. A kiosk whose file forgets `api.baseUrl` refuses to start, naming the field, instead of
 * quietly printing tickets that no desk will ever call.
 */
export function loadKioskConfig(argv: readonly string[], env: NodeJS.ProcessEnv): LoadedConfig {
  if (!configPathFrom(argv, env)) throw new ConfigError(NO_CONFIGURATION_MESSAGE);
  const loaded = loadConfig(argv, env);
  const { api } = loaded.config;
  if (api.adapter === 'turnero' && !api.baseUrl) {
    throw new ConfigError(
      `Invalid configuration in ${loaded.source}: api.baseUrl: required: the https:// address ` +
        "of the town hall's Turnero server",
    );
  }
  return loaded;
}
