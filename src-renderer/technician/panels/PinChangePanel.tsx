/**
 * A new technician PIN in three steps on the keypad: the current PIN, the new one, the new one
 * again. Main checks the current one (a wrong one counts towards the lockout) and refuses a PIN
 * that is too easy to guess.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NewPinSchema } from '../../../src-shared/contract/technician';
import { useBridge } from '../../state/store-context';
import { PinKeypad } from '../PinKeypad';

type Step = 'current' | 'next' | 'repeat';
type Message = 'changed' | 'wrong-pin' | 'weak-pin' | 'locked' | 'mismatch' | 'format' | null;

export function PinChangePanel() {
  const { t } = useTranslation();
  const bridge = useBridge();
  const [step, setStep] = useState<Step>('current');
  const [pins, setPins] = useState({ current: '', next: '', repeat: '' });
  const [message, setMessage] = useState<Message>(null);

  const restart = (why: Message) => {
    setPins({ current: '', next: '', repeat: '' });
    setStep('current');
    setMessage(why);
  };

  const submit = () => {
    if (step === 'current') return setStep('next');
    if (step === 'next') {
      if (!NewPinSchema.safeParse(pins.next).success) {
        setPins({ ...pins, next: '' });
        return setMessage('format');
      }
      setMessage(null);
      return setStep('repeat');
    }
    if (pins.repeat !== pins.next) return restart('mismatch');
    void bridge
      .invoke('tech:pin-change', { current: pins.current, next: pins.next })
      .then((result) => restart(result.ok ? result.value.outcome : 'wrong-pin'));
  };

  return (
    <div className="pin-change-panel">
      <p>{t('technician.pinChange.hint')}</p>
      <p
        id="pin-change-message"
        role="status"
        className={message ? 'notice' : 'visually-hidden'}
        data-testid="pin-change-message"
      >
        {message ? t(`technician.pinChange.messages.${message}`) : ''}
      </p>
      <PinKeypad
        key={step}
        label={t(`technician.pinChange.steps.${step}`)}
        value={pins[step]}
        onChange={(value) => setPins({ ...pins, [step]: value })}
        onSubmit={submit}
        submitLabel={t(
          step === 'repeat' ? 'technician.pinChange.save' : 'technician.pinChange.next',
        )}
        describedBy="pin-change-message"
      />
    </div>
  );
}
