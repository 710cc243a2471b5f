import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SetupDraft } from '../../src-shared/contract/setup';
import { useBridge } from '../state/store-context';
import { ProblemNotice } from './ProblemNotice';
import { callSetup } from './setup-api';
import { usePolling } from './use-polling';
import { useStepAction } from './use-step-action';

/** How often the chosen printer's status is read while the step is open. */
export const PRINTER_STATUS_POLL_MS = 2000;

interface Reading {
  state: string;
  detail: string;
}

/** The chosen printer, tried: its status read live from the printer, and a test page. */
export function PrinterCheck(props: {
  printer: NonNullable<SetupDraft['printer']>;
  refresh(): Promise<void>;
}) {
  const { t } = useTranslation();
  const bridge = useBridge();
  const action = useStepAction();
  const [reading, setReading] = useState<Reading | null>(null);
  const [sent, setSent] = useState(props.printer.testPagePrinted);

  usePolling(
    async () => {
      const answer = await callSetup(bridge, 'setup:printer-status', {});
      if (answer.outcome === 'status') setReading(answer.reading);
    },
    PRINTER_STATUS_POLL_MS,
    true,
  );

  const printTestPage = async () => {
    setSent(false);
    const answer = await action.run(() => callSetup(bridge, 'setup:print-test-page', {}));
    if (!answer) return;
    if (answer.outcome === 'refused') {
      action.refused(answer);
      return;
    }
    setReading(answer.reading);
    setSent(true);
    await props.refresh();
  };

  return (
    <div className="setup-card" data-testid="printer-check">
      <p className="setup-card__title">{props.printer.transport}</p>
      <div className="setup-status" role="status" data-testid="printer-status">
        <span>{t('setup.printer.status')}: </span>
        <strong data-state={reading?.state ?? 'unknown'}>
          {reading ? t(`setup.printer.states.${reading.state}`) : t('setup.nav.busy')}
        </strong>
        {reading && reading.state !== 'ready' && (
          <span className="setup-status__detail">
            {' '}
            {t('setup.detail', { detail: reading.detail })}
          </span>
        )}
      </div>
      <p className="setup-field__hint">{t('setup.printer.statusLive')}</p>
      <button
        type="button"
        className="button button--primary"
        disabled={action.busy}
        onClick={() => void printTestPage()}
      >
        {t('setup.printer.testPage')}
      </button>
      {sent && (
        <p className="notice notice--success" role="status" data-testid="test-page-sent">
          {t('setup.printer.testPageSent')}
        </p>
      )}
      <ProblemNotice problem={action.problem} />
    </div>
  );
}
