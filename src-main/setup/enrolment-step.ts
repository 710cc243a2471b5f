/**
 * The wizard's server step: checks that the address is the Town Hall API, trades the one-time
 * enrolment code for the device credential (the same path as `npm run enrol`, into the host's
 * secret store), then reads the site as the town hall describes it (name, time zone) with that
 * credential. The code is used once and forgotten; the credential is never returned.
 */
import type { SetupRefusalReason } from '../../src-shared/contract/setup';
import { BackendError } from '../backend/backend-error';
import { isSecureOrLoopbackUrl } from '../backend/secure-url';
import { createTurneroApiClient } from '../backend/turnero-api/api-client';
import { enrolDevice } from '../backend/turnero-api/credential';
import { errorText } from '../logging/error-text';
import type { SecretStore } from '../secrets/secret-store';

export interface EnrolmentInput {
  baseUrl: string;
  siteId: string;
  kioskId: string;
  enrolmentCode: string;
}

export interface EnrolledSite {
  siteName: string | null;
  timeZone: string | null;
}

export type EnrolmentOutcome =
  | { outcome: 'enrolled'; site: EnrolledSite }
  | { outcome: 'refused'; reason: SetupRefusalReason; detail?: string };

export interface EnrolmentDeps {
  store: SecretStore;
  timeoutMs: number;
  deviceName: string;
  log: (line: string) => void;
  fetch?: typeof fetch;
}

/** Why the town hall did not enrol us, in the wizard's words. */
function refusalOf(error: unknown): SetupRefusalReason {
  if (!(error instanceof BackendError)) return 'server-error';
  if (error.kind === 'network' || error.kind === 'timeout') return 'server-unreachable';
  if (error.kind === 'malformed' || error.kind === 'too-large') return 'server-not-turnero';
  if (error.kind !== 'http') return 'server-error';
  switch (error.status) {
    case 401:
      return 'code-invalid';
    case 404:
      return 'site-unknown';
    case 409:
      return 'kiosk-already-enrolled';
    case 429:
      return 'too-many-attempts';
    default:
      return 'server-error';
  }
}

export async function enrolWithTownHall(
  input: EnrolmentInput,
  deps: EnrolmentDeps,
): Promise<EnrolmentOutcome> {
  if (!isSecureOrLoopbackUrl(input.baseUrl)) {
    return { outcome: 'refused', reason: 'server-url-insecure' };
  }
  let credential: string | null = null;
  const client = createTurneroApiClient({
    baseUrl: input.baseUrl,
    siteId: input.siteId,
    timeoutMs: deps.timeoutMs,
    credential: () => credential,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  });
  try {
    // A wrong address fails here, before the code is spent on it.
    await client.health();
  } catch (error) {
    const reason = refusalOf(error);
    return {
      outcome: 'refused',
      // Any answer that is not the API's health (a web page, a 404) is "not the Town Hall API".
      reason: reason === 'server-unreachable' ? reason : 'server-not-turnero',
      detail: errorText(error).slice(0, 300),
    };
  }
  try {
    const answer = await enrolDevice({
      client,
      kioskId: input.kioskId,
      enrolmentCode: input.enrolmentCode,
      store: deps.store,
      deviceName: deps.deviceName,
    });
    credential = answer.credential;
    deps.log(
      `setup: enrolled as ${answer.kioskId} at ${answer.siteId}; credential in ` +
        deps.store.facts().location,
    );
  } catch (error) {
    deps.log(`setup: enrolment refused: ${errorText(error)}`);
    return { outcome: 'refused', reason: refusalOf(error), detail: errorText(error).slice(0, 300) };
  }
  try {
    const { site } = await client.getSiteInfo();
    return { outcome: 'enrolled', site: { siteName: site.name, timeZone: site.timeZone } };
  } catch (error) {
    // Enrolled all the same: the first sync brings the site's name in later.
    deps.log(`setup: enrolled, but the site info did not come: ${errorText(error)}`);
    return { outcome: 'enrolled', site: { siteName: null, timeZone: null } };
  }
}
