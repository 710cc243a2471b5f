/**
 * The settings the town hall may set remotely (RemoteConfig): fetched when a heartbeat announces
 * a new version, checked, stored (so they apply again at start, offline too) and told to
 * whoever applies them. The engine only delivers them: the composition root owns the effective
 * values.
 */
import { Emitter } from '../../src-shared/common/emitter';
import { RemoteConfigSchema, type RemoteConfig } from '../../src-shared/contract/townhall-api';
import type { Backend } from '../backend/backend';
import { errorText } from '../logging/error-text';
import type { Store } from '../store/store';
import type { RequestTrack } from './connectivity';
import { notifySafely } from './notify';

/** What the town hall may set remotely, as applied (RemoteConfig.settings). */
export type RemoteSettings = RemoteConfig['settings'];

const QR_URL_PATTERN = /^https?:\/\/[\x21-\x7e]+$/;

/** The settings to apply, without those the kiosk cannot use (with the log line why). */
export function usableRemoteSettings(
  settings: RemoteSettings,
  log: (line: string) => void,
): RemoteSettings {
  const usable: RemoteSettings = { ...settings };
  if (usable.ticketQrUrl && !QR_URL_PATTERN.test(usable.ticketQrUrl)) {
    log('sync: remote ticketQrUrl ignored: expected an http(s) URL in plain ASCII');
    delete usable.ticketQrUrl;
  }
  return usable;
}

export interface RemoteSettingsOptions {
  client: Pick<Backend, 'remoteConfig'>;
  store: Pick<Store, 'syncState' | 'transaction'>;
  /** Remote configuration is per kiosk: none without its id. */
  kioskId: string | undefined;
  log: (line: string) => void;
  record: (track: RequestTrack, error?: unknown) => void;
}

export function createRemoteSettings(options: RemoteSettingsOptions) {
  const { client, store, kioskId, log } = options;
  const applied = new Emitter<RemoteSettings>();

  function stored(): RemoteConfig | null {
    const raw = store.syncState.get('remote-config');
    if (!raw) return null;
    try {
      const parsed = RemoteConfigSchema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  return {
    onApplied: applied.event,

    /** The remote settings last applied (persisted), or null. */
    current: (): RemoteSettings | null => stored()?.settings ?? null,

    /** True when `version` is not the one last applied. */
    isNew: (version: number): boolean =>
      store.syncState.get('remote-config-version') !== String(version),

    /** Fetches, stores and tells the remote configuration; a failure is logged, not thrown. */
    async fetch(version: number): Promise<void> {
      if (!kioskId || !client.remoteConfig) return;
      let config: RemoteConfig;
      try {
        config = await client.remoteConfig(kioskId);
        options.record('config');
      } catch (error) {
        options.record('config', error);
        log(`sync: remote configuration ${version} not fetched: ${errorText(error)}`);
        return;
      }
      const settings = usableRemoteSettings(config.settings, log);
      const toStore: RemoteConfig = { version: config.version, settings };
      store.transaction(() => {
        store.syncState.set('remote-config', JSON.stringify(toStore));
        store.syncState.set('remote-config-version', String(config.version));
      });
      log(
        `sync: remote configuration ${config.version} applied (${Object.keys(settings).join(', ') || 'no settings'})`,
      );
      notifySafely(applied, settings, 'remote settings', log);
    },
  };
}

export type RemoteSettingsKeeper = ReturnType<typeof createRemoteSettings>;
