import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * "¿Necesita más tiempo?": a modal alert dialog with a visible countdown and a one-tap extension.
 * Opened as a modal (the rest of the page is inert meanwhile) with focus on the extension, so a
 * screen reader announces the question and its countdown as it appears.
 */
export function TimeLimitDialog(props: {
  secondsLeft: number;
  onExtend: () => void;
  onEnd: () => void;
}) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const extend = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (!element.open) element.showModal();
    extend.current?.focus();
    return () => {
      if (element.open) element.close();
    };
  }, []);

  return (
    <dialog
      ref={dialog}
      className="time-limit"
      role="alertdialog"
      aria-labelledby="time-limit-title"
      aria-describedby="time-limit-countdown"
      data-testid="time-limit-dialog"
      // Escape is an answer too: the person is there, so they get more time.
      onCancel={(event) => {
        event.preventDefault();
        props.onExtend();
      }}
    >
      <h2 id="time-limit-title" className="time-limit__title">
        {t('citizenFlows.timeLimit.title')}
      </h2>
      <p className="time-limit__seconds" aria-hidden="true" data-testid="time-limit-seconds">
        {props.secondsLeft}
      </p>
      <p id="time-limit-countdown" className="time-limit__countdown">
        {t('citizenFlows.timeLimit.countdown', { seconds: props.secondsLeft })}
      </p>
      <div className="time-limit__actions">
        <button
          ref={extend}
          type="button"
          className="button button--primary button--wide"
          onClick={props.onExtend}
        >
          {t('citizenFlows.timeLimit.extend')}
        </button>
        <button type="button" className="button button--secondary" onClick={props.onEnd}>
          {t('citizenFlows.timeLimit.end')}
        </button>
      </div>
    </dialog>
  );
}
