import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../src-shared/i18n/catalogs';
import { useHeadingFocus } from '../components/use-heading-focus';
import { useBridge } from '../state/store-context';
import { ProblemNotice } from './ProblemNotice';
import { callSetup } from './setup-api';
import type { StepProps } from './SetupWizard';
import { useStepAction } from './use-step-action';

/** Step 1: the wizard's language, which becomes the kiosk's default; and the demo, one tap away. */
export function LanguageStep(props: StepProps) {
  const { t } = useTranslation();
  const bridge = useBridge();
  const heading = useHeadingFocus<HTMLHeadingElement>();
  const action = useStepAction();
  const [demoStarting, setDemoStarting] = useState(false);
  const chosen = props.status.draft.language;

  const choose = async (language: (typeof LANGUAGES)[number]) => {
    await action.run(() => callSetup(bridge, 'setup:set-language', { language }));
    await props.refresh();
  };

  const startDemo = async () => {
    // The kiosk restarts on the demo: the page reconnects by itself, so this stays on screen.
    setDemoStarting(true);
    try {
      const answer = await callSetup(bridge, 'setup:start-demo', {});
      if (answer.outcome === 'refused') {
        setDemoStarting(false);
        action.refused(answer);
      }
    } catch {
      // The kiosk went down to restart on the demo before answering: nothing to show.
    }
  };

  return (
    <section className="screen setup-step" aria-labelledby="setup-language-title">
      <h1 id="setup-language-title" className="screen__title" ref={heading} tabIndex={-1}>
        {t('setup.language.title')}
      </h1>
      <p className="screen__hint">{t('setup.language.hint')}</p>
      <div className="setup-choices" role="group" aria-label={t('setup.language.choices')}>
        {LANGUAGES.map((language) => (
          <button
            key={language}
            type="button"
            lang={language}
            className="button button--secondary setup-choice"
            aria-pressed={language === chosen}
            disabled={action.busy}
            onClick={() => void choose(language)}
          >
            {t(`ui.languages.${language}`)}
          </button>
        ))}
      </div>
      {props.status.offerDemo && (
        <div className="setup-card" data-testid="setup-demo">
          <h2 className="setup-card__title">{t('setup.language.demoTitle')}</h2>
          <p>{t('setup.language.demoHint')}</p>
          <button
            type="button"
            className="button button--secondary"
            disabled={demoStarting}
            onClick={() => void startDemo()}
          >
            {t('setup.language.demo')}
          </button>
          {demoStarting && (
            <p className="notice notice--info" role="status">
              {t('setup.language.demoStarting')}
            </p>
          )}
        </div>
      )}
      <ProblemNotice problem={action.problem} />
    </section>
  );
}
