/**
 * The link with the town hall: connectivity and whether the server answers, the last pull and
 * push, the outbox and its oldest check-in, rows set aside and conflicts, the clock's skew, the
 * last error, a new kiosk's first sync while it runs; and a "sync now" button.
 */
import { useTranslation } from 'react-i18next';
import type { DiagnosticsSnapshot } from '../../../src-shared/contract/diagnostics';
import { useBridge } from '../../state/store-context';
import { ActionButton, Actions, Fact, Facts, Section, worst, type Tone } from './Facts';
import { formatRelative } from './format';
import { useAction } from './use-action';

/** An outbox row older than this means check-ins are not reaching the town hall. */
const STALE_OUTBOX_MS = 10 * 60_000;

export function SyncSection(props: { snapshot: DiagnosticsSnapshot; refresh: () => void }) {
  const { t, i18n } = useTranslation();
  const bridge = useBridge();
  const action = useAction(t('diagnostics.actionFailed'), props.refresh);
  const { sync, takenAt } = props.snapshot;
  const ago = (at: string | null) =>
    at === null ? t('diagnostics.never') : formatRelative(i18n.language, at, takenAt);

  const linkTone: Tone =
    sync.connectivity === 'online' ? 'ok' : sync.connectivity === 'offline' ? 'fault' : 'warning';
  const oldest = sync.outbox.oldestPendingAt;
  const outboxTone: Tone =
    oldest !== null && Date.parse(takenAt) - Date.parse(oldest) > STALE_OUTBOX_MS
      ? 'warning'
      : 'ok';
  const setAsideTone: Tone = sync.setAside > 0 || sync.conflicts > 0 ? 'warning' : 'ok';
  const clockTone: Tone = sync.clockSkewed ? 'warning' : 'ok';
  const { firstSync } = sync;
  const firstSyncTone: Tone =
    firstSync.state === 'done' ? 'ok' : firstSync.state === 'failed' ? 'warning' : 'neutral';
  const tone = worst(linkTone, outboxTone, setAsideTone, clockTone, firstSyncTone);

  const syncNow = () =>
    action.run(
      'sync-now',
      () => bridge.invoke('tech:sync-now', {}),
      (report) =>
        report.ok
          ? {
              text: t('diagnostics.sync.synced', {
                appointments: report.appointmentsReceived,
                delivered: report.delivered,
              }),
              tone: 'ok',
            }
          : {
              text: t('diagnostics.sync.notSynced', { error: report.error ?? '' }),
              tone: 'problem',
            },
    );

  return (
    <Section id="sync" title={t('diagnostics.sync.title')} tone={tone}>
      <Facts>
        <Fact label={t('diagnostics.sync.connectivity')} tone={linkTone} testId="sync-connectivity">
          {t(`diagnostics.sync.connectivities.${sync.connectivity}`)}
        </Fact>
        <Fact label={t('diagnostics.sync.reachable')} tone={sync.reachable ? 'ok' : 'fault'}>
          {sync.reachable ? t('diagnostics.yes') : t('diagnostics.no')}
        </Fact>
        {firstSync.state !== 'done' && (
          // A new kiosk bringing the office in: how far it got (the citizens see "preparing").
          <Fact label={t('diagnostics.sync.firstSync')} tone={firstSyncTone} testId="first-sync">
            {t(`diagnostics.sync.firstSyncStates.${firstSync.state}`, {
              pulled: firstSync.appointmentsPulled,
              pages: firstSync.pages,
              cached: firstSync.appointmentsCached,
            })}
          </Fact>
        )}
        <Fact label={t('diagnostics.sync.lastPull')}>{ago(sync.lastPullAt)}</Fact>
        <Fact label={t('diagnostics.sync.lastPush')}>{ago(sync.lastPushAt)}</Fact>
        <Fact label={t('diagnostics.sync.outbox')} tone={outboxTone} testId="sync-outbox">
          {oldest === null
            ? t('diagnostics.sync.outboxEmpty')
            : t('diagnostics.sync.outboxValue', {
                count: sync.outbox.pending,
                oldest: ago(oldest),
              })}
        </Fact>
        <Fact label={t('diagnostics.sync.setAside')} tone={setAsideTone}>
          {t('diagnostics.sync.setAsideValue', {
            setAside: sync.setAside,
            conflicts: sync.conflicts,
          })}
        </Fact>
        <Fact label={t('diagnostics.sync.clock')} tone={clockTone}>
          {sync.clockOffsetMs === null
            ? t('diagnostics.sync.clockUnknown')
            : t(sync.clockSkewed ? 'diagnostics.sync.clockSkewed' : 'diagnostics.sync.clockValue', {
                seconds: Math.round(sync.clockOffsetMs / 1000),
              })}
        </Fact>
        <Fact label={t('diagnostics.sync.lastError')}>
          {sync.lastError ?? t('diagnostics.none')}
        </Fact>
      </Facts>
      <Actions action={action} testId="sync-outcome">
        <ActionButton action={action} onClick={syncNow}>
          {t('diagnostics.sync.syncNow')}
        </ActionButton>
      </Actions>
    </Section>
  );
}
