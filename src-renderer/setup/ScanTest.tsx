import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScanRecognition } from '../../src-shared/contract/setup';
import { recogniseScan } from '../../src-shared/domain/scan-recognition';
import { useWedgeScanner } from '../scanner/use-wedge-scanner';
import { useBridge } from '../state/store-context';
import { callSetup } from './setup-api';
import { usePolling } from './use-polling';

/** How often a serial scanner's test reads are fetched: a scan shows within half a second. */
const SCAN_POLL_MS = 500;

/**
 * "Scan anything": what the scanner read and which form the kiosk recognised in it. A serial
 * scanner's reads come from main; a keyboard wedge's are caught here, as the home screen would.
 */
export function ScanTest(props: { serial: boolean; onWedgeScan(): void }) {
  const { t } = useTranslation();
  const bridge = useBridge();
  const [reads, setReads] = useState<ScanRecognition[]>([]);
  const [lastSeq, setLastSeq] = useState(0);
  const [connected, setConnected] = useState<boolean | null>(null);

  usePolling(
    async () => {
      const answer = await callSetup(bridge, 'setup:scanner-reads', { after: lastSeq });
      if (answer.outcome !== 'reads') return;
      setConnected(answer.connected);
      const last = answer.reads.at(-1);
      if (!last) return;
      setLastSeq(last.seq);
      setReads((current) => [...current, ...answer.reads]);
    },
    SCAN_POLL_MS,
    props.serial,
  );

  useWedgeScanner({
    onScan: (text) => {
      if (props.serial) return;
      setReads((current) => [...current, recogniseScan(text)]);
      props.onWedgeScan();
    },
  });

  const last = reads.at(-1);
  return (
    <div className="setup-card" data-testid="scan-test">
      <h2 className="setup-card__title">{t('setup.scanner.testTitle')}</h2>
      <p>{t('setup.scanner.testHint')}</p>
      {connected !== null && (
        <p data-testid="scanner-link">
          {connected ? t('setup.scanner.connected') : t('setup.scanner.disconnected')}
        </p>
      )}
      <div className="setup-scan" role="status" data-testid="scan-result">
        {last ? (
          <dl className="setup-summary">
            <dt>{t('setup.scanner.read')}</dt>
            <dd>
              <code data-testid="scan-text">{last.text}</code>
            </dd>
            <dt>{t('setup.scanner.form')}</dt>
            <dd data-testid="scan-form" data-form={last.form}>
              {t(`setup.scanner.forms.${last.form}`)}
            </dd>
          </dl>
        ) : (
          <p>{t('setup.scanner.waiting')}</p>
        )}
      </div>
      <p>{t('setup.scanner.reads', { count: reads.length })}</p>
    </div>
  );
}
