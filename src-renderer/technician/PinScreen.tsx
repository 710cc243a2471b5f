/**
 * The PIN pad after the hidden gesture or a technician card. It shows, instead of the pad, the
 * lockout's countdown after five wrong PINs, or that no PIN has been set. Cancelling, or the
 * session's inactivity limit, goes back to the citizen home.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PinEntryOutcome } from '../../src-shared/contract/technician';
import { useHeadingFocus } from '../components/use-heading-focus';
import { useIdleTimeout } from '../components/use-idle-timeout';
import { useBridge } from '../state/store-context';
import { PinKeypad } from './PinKeypad';
import { useTechnician, useTechnicianStoreApi } from './technician-context';
import { minutesAndSeconds, useCountdown } from './use-countdown';
import { useEndTechnicianSession } from './use-end-session';

export function PinScreen() {
  const { t } = useTranslation();
  const bridge = useBridge();
  const technician = useTechnicianStoreApi();
  const session = useTechnician((state) => state.session);
  const endSession = useEndTechnicianSession();
  const [pin, setPin] = useState('');
  const [outcome, setOutcome] = useState<PinEntryOutcome | null>(null);
  const [checking, setChecking] = useState(false);
  const heading = useHeadingFocus<HTMLHeadingElement>();

  const refresh = () => {
    void bridge.invoke('tech:session-get', {}).then(
      (result) => {
        if (result.ok) technician.getState().setSession(result.value);
      },
      () => undefined,
    );
  };
  const lockedFor = useCountdown(session.lockedForSeconds, () => {
    setOutcome(null);
    refresh();
  });
  useIdleTimeout(true, session.idleSeconds * 1000, () => endSession('inactivity'));

  const submit = () => {
    setChecking(true);
    const entered = pin;
    setPin('');
    void bridge.invoke('tech:pin-enter', { pin: entered }).then(
      (result) => {
        setChecking(false);
        if (!result.ok) return setOutcome('not-requested');
        setOutcome(result.value.outcome);
        technician.getState().setSession(result.value.session);
      },
      () => setChecking(false),
    );
  };

  const locked = lockedFor !== null && lockedFor > 0;
  let message: string | null = null;
  if (locked) message = t('technician.pin.locked', { time: minutesAndSeconds(lockedFor) });
  else if (!session.pinSet) message = t('technician.pin.noPin');
  else if (outcome === 'wrong-pin')
    message = t('technician.pin.wrong', { count: session.triesLeft });
  else if (outcome === 'not-requested') message = t('technician.pin.expired');

  return (
    <div className="technician technician--pin" data-testid="technician-pin">
      <main className="technician-pin">
        <h1 className="technician-pin__title" ref={heading} tabIndex={-1}>
          {t('technician.pin.title')}
        </h1>
        <p className="technician-pin__who">
          {session.cardId
            ? t('technician.pin.withCard', { card: session.cardId })
            : t('technician.pin.prompt')}
        </p>
        <p
          id="technician-pin-message"
          className={message ? 'notice notice--warning technician-pin__message' : 'visually-hidden'}
          role={locked ? 'timer' : 'status'}
          aria-live="polite"
          data-testid="technician-pin-message"
        >
          {message ?? ''}
        </p>
        {!locked && session.pinSet && (
          <PinKeypad
            label={t('technician.pin.label')}
            value={pin}
            onChange={setPin}
            onSubmit={submit}
            submitLabel={t('technician.pin.submit')}
            disabled={checking}
            describedBy="technician-pin-message"
          />
        )}
        <button
          type="button"
          className="button button--secondary technician-pin__cancel"
          onClick={() => endSession('cancel')}
        >
          {t('technician.pin.cancel')}
        </button>
      </main>
    </div>
  );
}
