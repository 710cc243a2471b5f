/**
 * Step 6: the technician PIN the technician mode will ask for, typed twice on the mode's own
 * keypad. Main keeps only its scrypt hash and refuses one anybody would try first.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NewPinSchema } from '../../src-shared/contract/technician';
import { useHeadingFocus } from '../components/use-heading-focus';
import { useBridge } from '../state/store-context';
import { PinKeypad } from '../technician/PinKeypad';
import { ProblemNotice } from './ProblemNotice';
import { callSetup } from './setup-api';
import type { StepProps } from './SetupWizard';
import { useStepAction } from './use-step-action';

type Phase = 'next' | 'repeat';
type Message = 'mismatch' | 'format' | 'saved' | null;

export function PinStep(props: StepProps) {
  const { t } = useTranslation();
  const bridge = useBridge();
  const heading = useHeadingFocus<HTMLHeadingElement>();
  const action = useStepAction();
  const [phase, setPhase] = useState<Phase>('next');
  const [pins, setPins] = useState({ next: '', repeat: '' });
  const [message, setMessage] = useState<Message>(null);

  const restart = (why: Message) => {
    setPins({ next: '', repeat: '' });
    setPhase('next');
    setMessage(why);
  };

  const submit = async () => {
    if (phase === 'next') {
      if (!NewPinSchema.safeParse(pins.next).success) return restart('format');
      setMessage(null);
      return setPhase('repeat');
    }
    if (pins.repeat !== pins.next) return restart('mismatch');
    const pin = pins.next;
    // The PIN leaves the screen whatever the answer.
    restart(null);
    const answer = await action.run(() => callSetup(bridge, 'setup:set-pin', { pin }));
    if (!answer) return;
    if (answer.outcome === 'refused') return action.refused(answer);
    setMessage('saved');
    await props.refresh();
  };

  return (
    <section className="screen setup-step" aria-labelledby="setup-pin-title">
      <h1 id="setup-pin-title" className="screen__title" ref={heading} tabIndex={-1}>
        {t('setup.pin.title')}
      </h1>
      <p className="screen__hint">{t('setup.pin.hint')}</p>
      {props.status.draft.pinSet && message !== 'saved' && (
        <p className="notice notice--info">{t('setup.pin.alreadySet')}</p>
      )}
      <p
        id="setup-pin-message"
        role="status"
        className={
          message === 'saved' ? 'notice notice--success' : message ? 'notice' : 'visually-hidden'
        }
        data-testid="setup-pin-message"
      >
        {message ? t(`setup.pin.messages.${message}`) : ''}
      </p>
      <PinKeypad
        key={phase}
        label={t(`setup.pin.phases.${phase}`)}
        value={pins[phase]}
        onChange={(value) => setPins({ ...pins, [phase]: value })}
        onSubmit={() => void submit()}
        submitLabel={t(phase === 'repeat' ? 'setup.pin.save' : 'setup.nav.next')}
        disabled={action.busy}
        describedBy="setup-pin-message"
      />
      <ProblemNotice problem={action.problem} />
    </section>
  );
}
