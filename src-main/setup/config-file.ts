/**
 * The configuration the wizard writes: the document made from what the technician set (only
 * those fields: everything else keeps its documented default), validated by `ConfigSchema`
 * before a byte is written, then written atomically, 0600 (it names the credential's place and
 * the town hall). A file already there (`--setup` on a configured kiosk) is kept as
 * `<file>.previous`.
 */
import { copyFileSync, existsSync } from 'node:fs';
import { writePrivateFile } from '../technician/private-file';
import { parseConfig } from '../config/load-config';
import type { Config, ConfigInput } from '../config/schema';
import type { SetupDraft } from '../../src-shared/contract/setup';

/** A draft whose required steps are done: the server (enrolled), the printer and the scanner. */
export type CompleteDraft = SetupDraft & {
  server: NonNullable<SetupDraft['server']>;
  printer: NonNullable<SetupDraft['printer']>;
  scanner: NonNullable<SetupDraft['scanner']>;
};

export function isComplete(draft: SetupDraft): draft is CompleteDraft {
  return draft.server !== null && draft.printer !== null && draft.scanner !== null;
}

export interface ConfigDocumentOptions {
  /** Written out, so the kiosk and the technician tools agree on it whoever runs them. */
  dataDir: string;
  /** The logo's copy in the data folder, when one was installed. */
  logoFile: string | null;
}

export function configDocumentOf(
  draft: CompleteDraft,
  options: ConfigDocumentOptions,
): ConfigInput {
  const { server, printer, scanner } = draft;
  return {
    dataDir: options.dataDir,
    siteId: server.siteId,
    kioskId: server.kioskId,
    ...(server.timeZone ? { timeZone: server.timeZone } : {}),
    language: draft.language,
    api: { baseUrl: server.baseUrl },
    printer: {
      transport: printer.transport,
      profile: printer.profile,
      paperWidth: printer.paperWidth,
      ...(options.logoFile ? { logoFile: options.logoFile } : {}),
    },
    scanner: { transport: scanner.transport },
  };
}

/**
 * Validates `document` and writes it to `path`; answers the configuration the kiosk starts with.
 * Throws ConfigError (naming the field) for a document the schema refuses: nothing is written.
 */
export function writeConfigFile(path: string, document: ConfigInput): Config {
  const config = parseConfig(document, path);
  if (existsSync(path)) copyFileSync(path, `${path}.previous`);
  writePrivateFile(path, `${JSON.stringify(document, null, 2)}\n`);
  return config;
}
