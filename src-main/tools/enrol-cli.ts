/**
 * Enrols this kiosk with the town hall API: `npm run enrol -- --config FILE --code CODE
 * [--name "Vestíbulo, columna 1"]`. Trades the one-time code (from town hall IT) for the device
 * credential and stores it in `api.credentialFile` (default `<dataDir>/credential`, mode 0600).
 * The credential itself is never printed.
 */
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { defaultDataDir } from '../app/data-dir';
import { loadKioskConfig } from '../config/load-config';
import { credentialPath, enrolDevice } from '../backend/turnero-api/credential';
import { createTurneroApiClient } from '../backend/turnero-api/api-client';
import { fileSecretStore } from '../secrets/file-secret-store';
import { cliOption, type CliIo } from './cli-io';
import { errorText } from '../logging/error-text';

const USAGE = 'usage: npm run enrol -- --config FILE --code CODE [--name DEVICE-NAME]';

export async function runEnrolCli(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  io: CliIo = { out: console.log, err: console.error },
): Promise<number> {
  const code = cliOption(argv, '--code') ?? null;
  if (!code || code.startsWith('--')) {
    io.err(USAGE);
    return 2;
  }
  try {
    const { config } = loadKioskConfig(argv, env);
    if (!config.api.baseUrl) throw new Error('api.baseUrl: required to enrol with the town hall');
    const dataDir = config.dataDir ?? defaultDataDir(env);
    const file = credentialPath(dataDir, config.api.credentialFile);
    const client = createTurneroApiClient({
      baseUrl: config.api.baseUrl,
      siteId: config.siteId,
      timeoutMs: config.api.timeoutMs,
    });
    const answer = await enrolDevice({
      client,
      kioskId: config.kioskId,
      enrolmentCode: code,
      store: fileSecretStore(file),
      deviceName: cliOption(argv, '--name') ?? `${config.kioskId} (${hostname()})`,
    });
    io.out(`enrolled ${answer.kioskId} at site ${answer.siteId}; credential stored in ${file}`);
    return 0;
  } catch (error) {
    io.err(`enrol: ${errorText(error)}`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  void runEnrolCli(process.argv.slice(2), process.env).then((exitCode) => {
    process.exitCode = exitCode;
  });
}
