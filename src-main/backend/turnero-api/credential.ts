/**
 * The device credential a kiosk gets from enrolment: a bearer secret, kept in a file only the
 * kiosk's user can read (0600), never logged. This is the file the web host and the CLI share;
 * the Electron host encrypts it with safeStorage (src-main/secrets/secret-store.ts).
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { EnrolmentResponse } from '../../../src-shared/contract/townhall-api';
import type { SecretStore } from '../../secrets/secret-store';
import { writePrivateFile } from '../../technician/private-file';
import type { TurneroApiClient } from './api-client';

/** `api.credentialFile`, relative to the data folder, or `<dataDir>/credential`. */
export function credentialPath(dataDir: string, configured: string | undefined): string {
  if (!configured) return join(dataDir, 'credential');
  return isAbsolute(configured) ? configured : join(dataDir, configured);
}

/** The stored credential, or null when there is none (or the file is empty or unreadable). */
export function readCredential(file: string): string | null {
  try {
    const text = readFileSync(file, 'utf8').trim();
    return text.length > 0 ? text : null;
  } catch {
    return null;
  }
}

/** Writes the credential atomically with mode 0600. */
export function writeCredential(file: string, credential: string): void {
  writePrivateFile(file, `${credential}\n`);
}

export interface EnrolOptions {
  client: Pick<TurneroApiClient, 'enrol'>;
  kioskId: string;
  enrolmentCode: string;
  /** Where the credential is kept: the 0600 file, or the host's secret store. */
  store: Pick<SecretStore, 'write'>;
  deviceName?: string;
}

/** Trades the one-time code for a credential and stores it. The credential is not returned in logs. */
export async function enrolDevice(options: EnrolOptions): Promise<EnrolmentResponse> {
  const answer = await options.client.enrol({
    enrolmentCode: options.enrolmentCode,
    kioskId: options.kioskId,
    ...(options.deviceName ? { deviceName: options.deviceName } : {}),
  });
  await options.store.write(answer.credential);
  return answer;
}
