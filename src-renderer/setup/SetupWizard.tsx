/**
 * The first-run wizard (docs/technician.md): shown instead of the citizen screens while
 * the kiosk has no configuration. Each step asks main through the `setup:*` channels; what main
 * answers (the draft) is the only state kept across steps, so the summary shows what was really
 * set. Finishing switches the kiosk into normal operation: the new kiosk state then arrives and
 * <SetupGate> hands the screen to the citizen screens.
 */
import { useCallback, useEffect, useState, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import type { SetupStatus, SetupStep } from '../../src-shared/contract/setup';
import { SetupStepSchema } from '../../src-shared/contract/setup';
import { CrestIcon } from '../components/icons';
import { useBridge } from '../state/store-context';
import { DoneStep } from './DoneStep';
import { LanguageStep } from './LanguageStep';
import { LogoStep } from './LogoStep';
import { PinStep } from './PinStep';
import { PrinterStep } from './PrinterStep';
import { ScannerStep } from './ScannerStep';
import { ServerStep } from './ServerStep';
import { callSetup } from './setup-api';
import './setup.css';

export interface StepProps {
  status: SetupStatus;
  /** Reads the wizard's status again after an action changed it. */
  refresh(): Promise<void>;
  goTo(step: SetupStep): void;
  /** Scans read by a keyboard-wedge scanner during its test (main does not see them). */
  wedgeScans: number;
  countWedgeScan(): void;
}

const STEPS = SetupStepSchema.options;

const STEP_VIEWS: Record<SetupStep, ComponentType<StepProps>> = {
  language: LanguageStep,
  server: ServerStep,
  printer: PrinterStep,
  scanner: ScannerStep,
  logo: LogoStep,
  pin: PinStep,
  done: DoneStep,
};

/** Whether the technician may go on from `step`: the required steps must be done. */
function canLeave(step: SetupStep, status: SetupStatus): boolean {
  const { draft } = status;
  if (step === 'server') return draft.server !== null;
  if (step === 'printer') return draft.printer !== null;
  if (step === 'scanner') return draft.scanner !== null;
  if (step === 'pin') return draft.pinSet;
  return step !== 'done';
}

export function SetupWizard() {
  const { t, i18n } = useTranslation();
  const bridge = useBridge();
  const [status, setStatus] = useState<SetupStatus | null>(null);
  const [step, setStep] = useState<SetupStep>('language');
  const [wedgeScans, setWedgeScans] = useState(0);

  const refresh = useCallback(async () => {
    try {
      setStatus(await callSetup(bridge, 'setup:get-status', {}));
    } catch {
      // The kiosk left setup mode (or the link dropped): the gate will follow the kiosk state.
    }
  }, [bridge]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const language = status?.draft.language;
  useEffect(() => {
    if (!language) return;
    void i18n.changeLanguage(language);
    document.documentElement.lang = language;
  }, [i18n, language]);

  if (!status) return <div className="kiosk setup" data-testid="setup-loading" />;

  const index = STEPS.indexOf(step);
  const View = STEP_VIEWS[step];
  const countWedgeScan = () => setWedgeScans((count) => count + 1);
  return (
    <div className="kiosk setup" data-screen="setup" data-step={step}>
      <header className="kiosk-header">
        <CrestIcon />
        <div className="kiosk-header__text">
          <p className="kiosk-header__site">{t('setup.title')}</p>
          <p className="kiosk-header__office" data-testid="setup-progress">
            {t('setup.progress', {
              current: index + 1,
              total: STEPS.length,
              name: t(`setup.steps.${step}`),
            })}
          </p>
        </div>
      </header>
      <nav className="setup-steps" aria-label={t('setup.stepsLabel')}>
        <ol>
          {STEPS.map((name) => (
            <li key={name} aria-current={name === step ? 'step' : undefined}>
              {t(`setup.steps.${name}`)}
            </li>
          ))}
        </ol>
      </nav>
      <main className="kiosk-main setup-main">
        <View
          key={step}
          status={status}
          refresh={refresh}
          goTo={setStep}
          wedgeScans={wedgeScans}
          countWedgeScan={countWedgeScan}
        />
      </main>
      <footer className="kiosk-footer setup-nav">
        {index > 0 && (
          <button
            type="button"
            className="button button--secondary"
            onClick={() => setStep(STEPS[index - 1] as SetupStep)}
          >
            {t('setup.nav.back')}
          </button>
        )}
        {step !== 'done' && (
          <button
            type="button"
            className="button button--primary"
            disabled={!canLeave(step, status)}
            onClick={() => setStep(STEPS[index + 1] as SetupStep)}
          >
            {t('setup.nav.next')}
          </button>
        )}
      </footer>
    </div>
  );
}
