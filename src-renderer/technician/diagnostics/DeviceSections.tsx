/**
 * The scanner (its link, and the form of the last scan: never what it said) and the application
 * (version, uptime, the data folder's disk, where the device credential is kept), with the restart, which asks once more first (the
 * screen goes blank for a few seconds) and ends the technician session before the kiosk goes.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiagnosticsSnapshot } from '../../../src-shared/contract/diagnostics';
import { useBridge } from '../../state/store-context';
import { useEndTechnicianSession } from '../use-end-session';
import { CredentialFacts } from '../../setup/CredentialFacts';
import { ActionButton, Actions, Fact, Facts, Section, worst, type Tone } from './Facts';
import { formatBytes, formatDuration, formatRelative } from './format';
import { useAction } from './use-action';

/** Less free space than this on the data folder's disk is worth a look. */
const LOW_DISK_BYTES = 1_000_000_000;

export function ScannerSection(props: { snapshot: DiagnosticsSnapshot }) {
  const { t, i18n } = useTranslation();
  const { scanner, takenAt } = props.snapshot;
  const tone: Tone = scanner.connected === false ? 'fault' : scanner.connected ? 'ok' : 'neutral';
  const read = scanner.lastRead;
  return (
    <Section id="scanner" title={t('diagnostics.scanner.title')} tone={tone}>
      <Facts>
        <Fact label={t('diagnostics.connection')} tone={tone}>
          {scanner.connected === null
            ? t('diagnostics.scanner.keyboard')
            : t(
                scanner.connected
                  ? 'diagnostics.scanner.connected'
                  : 'diagnostics.scanner.disconnected',
              )}
        </Fact>
        <Fact label={t('diagnostics.scanner.lastRead')} testId="scanner-last-read">
          {read
            ? t('diagnostics.scanner.lastReadValue', {
                form: t(`diagnostics.scanner.forms.${read.form}`),
                source: t(`diagnostics.scanner.sources.${read.source}`),
                when: formatRelative(i18n.language, read.at, takenAt),
              })
            : t('diagnostics.scanner.noRead')}
        </Fact>
      </Facts>
    </Section>
  );
}

export function AppSection(props: { snapshot: DiagnosticsSnapshot }) {
  const { t, i18n } = useTranslation();
  const bridge = useBridge();
  const action = useAction(t('diagnostics.actionFailed'), () => undefined);
  const [confirming, setConfirming] = useState(false);
  const endSession = useEndTechnicianSession();
  const { app } = props.snapshot;
  const language = i18n.language;
  const diskTone: Tone = app.dataDir.freeBytes < LOW_DISK_BYTES ? 'warning' : 'ok';
  // Electron's safeStorage on `basic_text` encrypts with a public key: worth telling IT.
  const credentialTone: Tone = app.credentialStore.backend === 'basic_text' ? 'warning' : 'ok';

  const restart = () => {
    setConfirming(false);
    action.run(
      'restart',
      () => bridge.invoke('tech:restart', {}),
      ({ restarting }) => {
        // The session ends before the kiosk goes: the restarted kiosk opens at the citizen home.
        if (restarting) endSession('exit');
        return restarting
          ? { text: t('diagnostics.app.restarting'), tone: 'ok' }
          : { text: t('diagnostics.app.cannotRestart'), tone: 'problem' };
      },
    );
  };

  return (
    <Section id="app" title={t('diagnostics.app.title')} tone={worst(diskTone, credentialTone)}>
      <Facts>
        <Fact label={t('diagnostics.app.version')}>{app.version}</Fact>
        <Fact label={t('diagnostics.app.kiosk')}>{app.kioskId}</Fact>
        <Fact label={t('diagnostics.app.uptime')}>
          {formatDuration(language, app.uptimeSeconds)}
        </Fact>
        <Fact label={t('diagnostics.app.systemUptime')}>
          {formatDuration(language, app.systemUptimeSeconds)}
        </Fact>
        <Fact label={t('diagnostics.app.disk')} tone={diskTone}>
          {t('diagnostics.app.diskValue', {
            free: formatBytes(language, app.dataDir.freeBytes),
            total: formatBytes(language, app.dataDir.totalBytes),
          })}
        </Fact>
        <Fact label={t('diagnostics.app.dataFolder')}>
          {app.dataDir.sizeBytes === null
            ? t('diagnostics.app.counting', { path: app.dataDir.path })
            : t('diagnostics.app.dataFolderValue', {
                size: formatBytes(language, app.dataDir.sizeBytes),
                path: app.dataDir.path,
              })}
        </Fact>
        <Fact label={t('diagnostics.app.credential')} tone={credentialTone}>
          <CredentialFacts facts={app.credentialStore} />
        </Fact>
      </Facts>
      <Actions action={action} testId="app-outcome">
        {confirming ? (
          <>
            <span className="diagnostics-actions__question">{t('diagnostics.app.confirm')}</span>
            <ActionButton action={action} onClick={restart} primary>
              {t('diagnostics.app.restartNow')}
            </ActionButton>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => setConfirming(false)}
            >
              {t('diagnostics.cancel')}
            </button>
          </>
        ) : (
          <ActionButton action={action} onClick={() => setConfirming(true)}>
            {t('diagnostics.app.restart')}
          </ActionButton>
        )}
      </Actions>
    </Section>
  );
}
