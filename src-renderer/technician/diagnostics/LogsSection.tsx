/**
 * The kiosk's logs, taken away redacted (no booking code, token, ID number or credential): to
 * the USB stick that is plugged in, or, in a browser, as a download from the page.
 */
import { useTranslation } from 'react-i18next';
import type { DiagnosticsSnapshot } from '../../../src-shared/contract/diagnostics';
import { useBridge } from '../../state/store-context';
import { downloadFromHost } from '../download-file';
import { ActionButton, Actions, Fact, Facts, Section } from './Facts';
import { useAction } from './use-action';

export function LogsSection(props: { snapshot: DiagnosticsSnapshot; refresh: () => void }) {
  const { t } = useTranslation();
  const bridge = useBridge();
  const action = useAction(t('diagnostics.actionFailed'), props.refresh);
  const { usbVolume, download } = props.snapshot.logs;

  const exportToUsb = () =>
    action.run(
      'export',
      () => bridge.invoke('tech:export-logs', {}),
      (result) =>
        result.outcome === 'written'
          ? {
              text: t('diagnostics.logs.written', { file: result.fileName, volume: result.volume }),
              tone: 'ok',
            }
          : { text: t(`diagnostics.logs.${result.outcome}`), tone: 'problem' },
    );
  const downloadBundle = () =>
    action.run(
      'download',
      () => bridge.invoke('tech:download-logs', {}),
      ({ path }) => {
        if (path === null) return { text: t('diagnostics.logs.noDownload'), tone: 'problem' };
        downloadFromHost(path);
        return { text: t('diagnostics.logs.downloading'), tone: 'ok' };
      },
    );

  return (
    <Section id="logs" title={t('diagnostics.logs.title')} tone="neutral">
      <p>{t('diagnostics.logs.redacted')}</p>
      <Facts>
        <Fact label={t('diagnostics.logs.usb')} testId="usb-volume">
          {usbVolume ?? t('diagnostics.logs.noUsb')}
        </Fact>
      </Facts>
      <Actions action={action} testId="logs-outcome">
        <ActionButton action={action} onClick={exportToUsb} disabled={usbVolume === null}>
          {t('diagnostics.logs.toUsb')}
        </ActionButton>
        {download && (
          <ActionButton action={action} onClick={downloadBundle}>
            {t('diagnostics.logs.download')}
          </ActionButton>
        )}
      </Actions>
    </Section>
  );
}
