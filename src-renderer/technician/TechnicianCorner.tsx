/**
 * The hidden way in (docs/technician.md): a 3-second press on the screen's top-right corner,
 * then a tap on the confirmation that appears, brings up the technician's PIN pad. The corner
 * has no label and takes no focus: for citizens it does not exist. A citizen who happens to
 * hold it only sees a prompt that goes away by itself.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBridge } from '../state/store-context';
import { useTechnicianStoreApi } from './technician-context';

export const CORNER_HOLD_MS = 3_000;
/** The confirmation goes away after this long without the second tap. */
export const CONFIRM_VISIBLE_MS = 6_000;

export function TechnicianCorner() {
  const { t } = useTranslation();
  const bridge = useBridge();
  const technician = useTechnicianStoreApi();
  const [confirming, setConfirming] = useState(false);
  const holdTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const releaseHold = () => {
    if (holdTimer.current) clearTimeout(holdTimer.current);
    holdTimer.current = null;
  };
  useEffect(() => releaseHold, []);

  useEffect(() => {
    if (!confirming) return;
    const timer = setTimeout(() => setConfirming(false), CONFIRM_VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [confirming]);

  const begin = () => {
    setConfirming(false);
    void bridge.invoke('tech:session-begin', {}).then(
      (result) => {
        if (result.ok) technician.getState().setSession(result.value);
      },
      () => undefined,
    );
  };

  return (
    <>
      <div
        className="technician-corner"
        aria-hidden="true"
        data-testid="technician-corner"
        onPointerDown={() => {
          releaseHold();
          holdTimer.current = setTimeout(() => setConfirming(true), CORNER_HOLD_MS);
        }}
        onPointerUp={releaseHold}
        onPointerLeave={releaseHold}
        onPointerCancel={releaseHold}
      />
      {confirming && (
        <div
          className="technician-confirm"
          role="dialog"
          aria-labelledby="technician-confirm-title"
          data-testid="technician-confirm"
        >
          <p id="technician-confirm-title" className="technician-confirm__title">
            {t('technician.entry.confirmTitle')}
          </p>
          <div className="technician-confirm__actions">
            <button type="button" className="button button--primary" onClick={begin}>
              {t('technician.entry.confirm')}
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => setConfirming(false)}
            >
              {t('technician.entry.dismiss')}
            </button>
          </div>
        </div>
      )}
    </>
  );
}
