import { useTranslation } from 'react-i18next';
import { useHeadingFocus } from '../components/use-heading-focus';
import { useBridge } from '../state/store-context';
import { CredentialFacts } from './CredentialFacts';
import { ProblemNotice } from './ProblemNotice';
import { callSetup } from './setup-api';
import type { StepProps } from './SetupWizard';
import { useStepAction } from './use-step-action';

/** The last step: what was set, then the configuration written and the kiosk started on it. */
export function DoneStep(props: StepProps) {
  const { t } = useTranslation();
  const bridge = useBridge();
  const heading = useHeadingFocus<HTMLHeadingElement>();
  const action = useStepAction();
  const { draft, configPath, credentialStore } = props.status;
  const { server, printer, scanner, logo } = draft;
  const testScans = Math.max(scanner?.testScans ?? 0, props.wedgeScans);

  const finish = async () => {
    const answer = await action.run(() => callSetup(bridge, 'setup:finish', {}));
    // Started: the new kiosk state arrives and the citizen screens take over.
    if (answer?.outcome === 'refused') action.refused(answer);
  };

  return (
    <section className="screen setup-step" aria-labelledby="setup-done-title">
      <h1 id="setup-done-title" className="screen__title" ref={heading} tabIndex={-1}>
        {t('setup.done.title')}
      </h1>
      <p className="screen__hint">{t('setup.done.hint')}</p>
      <dl className="setup-summary" data-testid="setup-summary">
        <dt>{t('setup.done.language')}</dt>
        <dd>{t(`ui.languages.${draft.language}`)}</dd>
        <dt>{t('setup.server.site')}</dt>
        <dd>
          {server
            ? `${server.siteName ?? t('setup.server.siteNameUnknown')} (${server.siteId})`
            : '—'}
        </dd>
        <dt>{t('setup.server.kiosk')}</dt>
        <dd>{server?.kioskId ?? '—'}</dd>
        <dt>{t('setup.server.timeZone')}</dt>
        <dd>{server ? (server.timeZone ?? t('setup.server.timeZoneUnknown')) : '—'}</dd>
        <dt>{t('setup.server.address')}</dt>
        <dd>{server?.baseUrl ?? '—'}</dd>
        <dt>{t('setup.done.printer')}</dt>
        <dd>
          {printer
            ? `${printer.transport} · ${t(`setup.printer.profiles.${printer.profile}`)} · ${t(`setup.printer.paper${printer.paperWidth}`)}`
            : '—'}
        </dd>
        <dt>{t('setup.done.testPage')}</dt>
        <dd>{printer?.testPagePrinted ? t('setup.done.printed') : t('setup.done.notPrinted')}</dd>
        <dt>{t('setup.done.scanner')}</dt>
        <dd>
          {scanner
            ? `${scanner.transport} · ${t('setup.done.testScans', { count: testScans })}`
            : '—'}
        </dd>
        <dt>{t('setup.done.logo')}</dt>
        <dd>
          {logo?.installed
            ? t('setup.done.logoInstalled', { width: logo.width, height: logo.height })
            : t('setup.done.noLogo')}
        </dd>
        <dt>{t('setup.done.pin')}</dt>
        <dd>{draft.pinSet ? t('setup.done.pinSet') : t('setup.done.pinNotSet')}</dd>
        <dt>{t('setup.done.credential')}</dt>
        <dd>{server ? <CredentialFacts facts={credentialStore} /> : '—'}</dd>
        <dt>{t('setup.done.configFile')}</dt>
        <dd>{configPath ?? '—'}</dd>
      </dl>
      <button
        type="button"
        className="button button--primary button--huge"
        disabled={action.busy}
        onClick={() => void finish()}
      >
        {action.busy ? t('setup.nav.busy') : t('setup.done.start')}
      </button>
      <ProblemNotice problem={action.problem} />
    </section>
  );
}
