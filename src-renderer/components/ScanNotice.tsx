import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useScreen } from '../state/store-context';

/** How long "Lectura incompleta" stays up: long enough to read, then out of the way. */
const SHOW_MS = 6_000;

/**
 * Says that the scanner read something but not a whole code, so the citizen scans again instead
 * of waiting for a ticket that is not coming. An alert: it interrupts whatever is being read.
 */
export function ScanNotice() {
  const { t } = useTranslation();
  const seq = useScreen((state) => state.incompleteScanSeq);
  const [shownSeq, setShownSeq] = useState(0);
  useEffect(() => {
    if (seq === 0) return;
    setShownSeq(seq);
    const timer = setTimeout(() => setShownSeq(0), SHOW_MS);
    return () => clearTimeout(timer);
  }, [seq]);
  if (shownSeq === 0) return null;
  return (
    <p className="scan-notice" role="alert" data-testid="scan-incomplete">
      {t('citizenFlows.scan.incomplete')}
    </p>
  );
}
