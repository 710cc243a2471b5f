/**
 * The kiosk's back end as the configuration names it, with the device credential in place: read
 * at start, and obtained once with the configured one-time enrolment code when there is none.
 * Without a credential the kiosk still talks to a town hall whose authentication is optional.
 */
import type { Config } from '../config/schema';
import { errorText } from '../logging/error-text';
import { createEasyAppointmentsBackend } from './adapters/easy-appointments/adapter';
import { createTurneroApiClient } from './turnero-api/api-client';
import { credentialPath, enrolDevice, readCredential } from './turnero-api/credential';
import type { SyncClient } from '../sync/sync-engine';

export interface ConnectBackendDeps {
  dataDir: string;
  log: (line: string) => void;
}

export async function connectBackend(config: Config, deps: ConnectBackendDeps): Promise<SyncClient> {
  const { api } = config;
  if (api.adapter === 'easy-appointments' && api.easyAppointments) {
    return createEasyAppointmentsBackend(
      { ...api.easyAppointments, siteId: config.siteId, timeZone: config.timeZone },
      { timeoutMs: api.timeoutMs, log: deps.log },
    );
  }
  const credentialFile = credentialPath(deps.dataDir, api.credentialFile);
  let credential = readCredential(credentialFile);
  const client = createTurneroApiClient({
    baseUrl: api.baseUrl,
    siteId: config.siteId,
    timeoutMs: api.timeoutMs,
    credential: () => credential,
  });
  if (!credential && api.enrolmentCode) {
    try {
      const answer = await enrolDevice({
        client,
        kioskId: config.kioskId,
        enrolmentCode: api.enrolmentCode,
        file: credentialFile,
      });
      credential = answer.credential;
      deps.log(`enrolled as ${answer.kioskId} at ${answer.siteId}; credential in ${credentialFile}`);
    } catch (error) {
      deps.log(`enrolment failed: ${errorText(error)}`);
    }
  }
  return client;
}
