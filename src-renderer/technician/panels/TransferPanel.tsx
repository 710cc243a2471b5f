/**
 * Import and export of the settings (docs/technician.md): the export downloads a file without
 * secrets; an import reads a file chosen on the page, shows what it would change (old → new) or
 * why it cannot be imported (the field and a translated reason), and is applied only when the
 * technician confirms. Both go through the page, in a browser or in Electron alike.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportPreview, SettingsChangeOutcome } from '../../../src-shared/contract/technician';
import { useBridge } from '../../state/store-context';
import { issueMessage } from '../issue-message';
import { ChangesTable } from './ChangesTable';

function download(fileName: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function TransferPanel() {
  const { t } = useTranslation();
  const bridge = useBridge();
  const [exported, setExported] = useState<string | null>(null);
  const [file, setFile] = useState<{ name: string; content: string } | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [imported, setImported] = useState<SettingsChangeOutcome | null>(null);

  const exportSettings = () => {
    void bridge.invoke('tech:config-export', {}).then((result) => {
      if (!result.ok) return;
      download(result.value.fileName, result.value.content);
      setExported(result.value.fileName);
    });
  };

  const choose = async (chosen: File | undefined) => {
    setPreview(null);
    setImported(null);
    if (!chosen) return setFile(null);
    const content = await chosen.text();
    setFile({ name: chosen.name, content });
    const result = await bridge.invoke('tech:config-preview', { content });
    setPreview(
      result.ok ? result.value : { outcome: 'invalid', issues: [{ path: '', code: 'invalid' }] },
    );
  };

  const importSettings = () => {
    if (!file) return;
    void bridge.invoke('tech:config-import', { content: file.content }).then((result) => {
      if (!result.ok) return;
      setImported(result.value);
      setPreview(null);
    });
  };

  const issues =
    imported?.outcome === 'refused'
      ? imported.issues
      : preview?.outcome === 'invalid'
        ? preview.issues
        : [];

  return (
    <div className="transfer-panel">
      <section aria-labelledby="transfer-export">
        <h2 id="transfer-export">{t('technician.transfer.exportTitle')}</h2>
        <p>{t('technician.transfer.exportHint')}</p>
        <button type="button" className="button button--primary" onClick={exportSettings}>
          {t('technician.transfer.export')}
        </button>
        <p role="status" data-testid="export-outcome">
          {exported && t('technician.transfer.exported', { file: exported })}
        </p>
      </section>
      <section aria-labelledby="transfer-import">
        <h2 id="transfer-import">{t('technician.transfer.importTitle')}</h2>
        <p>{t('technician.transfer.importHint')}</p>
        <label className="transfer-panel__file">
          {t('technician.transfer.chooseFile')}
          <input
            type="file"
            accept="application/json,.json"
            onChange={(event) => void choose(event.target.files?.[0])}
          />
        </label>
        <div role="status" data-testid="import-outcome">
          {issues.length > 0 && (
            <>
              <p className="notice notice--warning">{t('technician.transfer.invalid')}</p>
              <ul className="transfer-panel__issues">
                {issues.map((issue) => (
                  <li key={`${issue.path}:${issue.code}`}>{issueMessage(t, issue)}</li>
                ))}
              </ul>
            </>
          )}
          {imported?.outcome === 'applied' && (
            <p>{t('technician.transfer.imported', { count: imported.changes.length })}</p>
          )}
        </div>
        {preview?.outcome === 'valid' && (
          <div className="transfer-panel__preview">
            {preview.changes.length === 0 ? (
              <p>{t('technician.transfer.noChanges')}</p>
            ) : (
              <ChangesTable
                caption={t('technician.transfer.previewCaption', { file: file?.name ?? '' })}
                changes={preview.changes}
              />
            )}
            {preview.remoteManaged.length > 0 && (
              <p>
                {t('technician.transfer.remoteManaged', {
                  fields: preview.remoteManaged.join(', '),
                })}
              </p>
            )}
            <button
              type="button"
              className="button button--primary"
              disabled={preview.changes.length === 0}
              onClick={importSettings}
            >
              {t('technician.transfer.import')}
            </button>
          </div>
        )}
      </section>
    </div>
  );
}
