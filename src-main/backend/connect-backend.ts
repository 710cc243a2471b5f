/**
 * The kiosk's back end as the configuration names it (registry.ts), with the device credential
 * in place: read at start from the host's secret store, and obtained once with the configured
 * one-time enrolment code when there is none. Without a credential the kiosk still talks to a
 * town hall whose authentication is optional.
 */
import type { Config } from '../config/schema';
import { errorText } from '../logging/error-text';
import { fileSecretStore } from '../secrets/file-secret-store';
import type { SecretStore, SecretStoreFactory } from '../secrets/secret-store';
import type { Backend } from './backend';
import { createBackend } from './registry';
import { createTurneroApiClient } from './turnero-api/api-client';
import { credentialPath, enrolDevice } from './turnero-api/credential';

export interface ConnectBackendDeps {
  dataDir: string;
  log: (line: string) => void;
  /** Where the credential is kept (default: a 0600 file). */
  secretStore?: SecretStoreFactory;
}

/** Trades `api.enrolmentCode` for a credential when the Turnero back end has none yet. */
async function enrolIfNeeded(
  config: Config,
  store: SecretStore,
  log: (line: string) => void,
): Promise<string | null> {
  const { api } = config;
  if (api.adapter !== 'turnero' || !api.enrolmentCode || !api.baseUrl) return null;
  const client = createTurneroApiClient({
    baseUrl: api.baseUrl,
    siteId: config.siteId,
    timeoutMs: api.timeoutMs,
    credential: () => null,
  });
  try {
    const answer = await enrolDevice({
      client,
      kioskId: config.kioskId,
      enrolmentCode: api.enrolmentCode,
      store,
    });
    log(
      `enrolled as ${answer.kioskId} at ${answer.siteId}; credential in ${store.facts().location}`,
    );
    return answer.credential;
  } catch (error) {
    log(`enrolment failed: ${errorText(error)}`);
    return null;
  }
}

export async function connectBackend(config: Config, deps: ConnectBackendDeps): Promise<Backend> {
  const makeStore = deps.secretStore ?? fileSecretStore;
  const store = makeStore(credentialPath(deps.dataDir, config.api.credentialFile));
  const credential = (await store.read()) ?? (await enrolIfNeeded(config, store, deps.log));
  return createBackend(
    {
      ...config.api,
      baseUrl: config.api.baseUrl,
      siteId: config.siteId,
      timeZone: config.timeZone,
    },
    { log: deps.log, credential: () => credential },
  );
}
