/**
 * The technician's diagnosis on one screen (docs/technician.md): printer, scanner,
 * sync, application and logs, each with its tone in words and colour and its buttons, read again
 * every few seconds while the panel is open.
 */
import { useTranslation } from 'react-i18next';
import { AppSection, ScannerSection } from './DeviceSections';
import { LogsSection } from './LogsSection';
import { PrinterSection } from './PrinterSection';
import { SyncSection } from './SyncSection';
import { formatDateTime } from './format';
import { useDiagnostics } from './use-diagnostics';
import './diagnostics.css';

export function DiagnosticsPanel(props: { refreshMs?: number }) {
  const { t, i18n } = useTranslation();
  const { snapshot, failed, refresh } = useDiagnostics(props.refreshMs);

  if (!snapshot) {
    return failed ? (
      <p role="alert">{t('diagnostics.failed')}</p>
    ) : (
      <p role="status">{t('diagnostics.loading')}</p>
    );
  }
  return (
    <div className="diagnostics-panel" data-testid="diagnostics-panel">
      <p className="diagnostics-panel__taken" data-testid="diagnostics-taken">
        {failed
          ? t('diagnostics.stale', { at: formatDateTime(i18n.language, snapshot.takenAt) })
          : t('diagnostics.updated', { at: formatDateTime(i18n.language, snapshot.takenAt) })}
      </p>
      <div className="diagnostics-panel__grid">
        <PrinterSection snapshot={snapshot} refresh={refresh} />
        <SyncSection snapshot={snapshot} refresh={refresh} />
        <ScannerSection snapshot={snapshot} />
        <AppSection snapshot={snapshot} />
        <LogsSection snapshot={snapshot} refresh={refresh} />
      </div>
    </div>
  );
}
