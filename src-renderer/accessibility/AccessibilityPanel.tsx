import { useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../src-shared/domain/language';
import { useScreen } from '../state/store-context';
import { AccessibilityOptionIcon } from './accessibility-icons';
import { useAccessibility, useSpeechGuide } from './accessibility-context';
import { ACCESSIBILITY_OPTIONS } from './accessibility-store';
import type { SpeechSupport } from './speech-guide';

const SPEECH_NOTES: Readonly<Record<SpeechSupport, string | null>> = {
  ready: null,
  'no-voice': 'accessibility.noVoice',
  unsupported: 'accessibility.noSpeech',
};

/**
 * The accessibility choices, as a modal sheet at the bottom of the screen: every control in it
 * is within a wheelchair user's reach, whatever is chosen. A native modal <dialog> keeps the
 * screen behind it out of touch and focus; closing it (button or Escape) returns focus.
 */
export function AccessibilityPanel() {
  const { t } = useTranslation();
  const open = useAccessibility((state) => state.panelOpen);
  const choices = useAccessibility((state) => state.choices);
  const toggle = useAccessibility((state) => state.toggle);
  const closePanel = useAccessibility((state) => state.closePanel);
  const language: Language = useScreen((state) => state.language);
  const speechNote = SPEECH_NOTES[useSpeechGuide().support(language)];
  const dialog = useRef<HTMLDialogElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useLayoutEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      element.showModal();
      heading.current?.focus({ preventScroll: true });
    } else if (!open && element.open) {
      element.close();
    }
  }, [open]);

  return (
    <dialog
      ref={dialog}
      className="a11y-panel"
      aria-labelledby="a11y-panel-title"
      data-testid="accessibility-panel"
      onClose={closePanel}
    >
      {open && (
        <div className="a11y-panel__sheet">
          <h2 id="a11y-panel-title" className="a11y-panel__title" ref={heading} tabIndex={-1}>
            {t('accessibility.title')}
          </h2>
          <p className="a11y-panel__intro" data-guidance>
            {t('accessibility.intro')}
          </p>
          <div className="a11y-panel__options" role="group" aria-label={t('accessibility.options')}>
            {ACCESSIBILITY_OPTIONS.map((option) => (
              <button
                key={option}
                type="button"
                className="a11y-toggle"
                aria-pressed={choices[option]}
                disabled={option === 'spokenGuidance' && speechNote === SPEECH_NOTES.unsupported}
                data-option={option}
                onClick={() => toggle(option)}
              >
                <AccessibilityOptionIcon option={option} />
                <span className="a11y-toggle__label">{t(`accessibility.${option}`)}</span>
                <span className="a11y-toggle__state" aria-hidden="true">
                  {t(choices[option] ? 'accessibility.on' : 'accessibility.off')}
                </span>
              </button>
            ))}
          </div>
          {speechNote && (
            <p className="notice notice--info a11y-panel__note" data-guidance>
              {t(speechNote)}
            </p>
          )}
          <button
            type="button"
            className="button button--primary a11y-panel__close"
            data-primary
            onClick={closePanel}
          >
            {t('accessibility.close')}
          </button>
        </div>
      )}
    </dialog>
  );
}
