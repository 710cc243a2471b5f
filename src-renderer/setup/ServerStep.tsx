import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SiteIdSchema } from '../../src-shared/domain/site-id';
import { KioskIdSchema } from '../../src-shared/contract/townhall-api';
import { useHeadingFocus } from '../components/use-heading-focus';
import { useBridge } from '../state/store-context';
import { CredentialFacts } from './CredentialFacts';
import { ProblemNotice } from './ProblemNotice';
import { callSetup } from './setup-api';
import type { StepProps } from './SetupWizard';
import { TextField } from './TextField';
import { useStepAction } from './use-step-action';

type Field = 'baseUrl' | 'siteId' | 'kioskId' | 'code';

/** What the screen can tell before asking the town hall; main checks the rest. */
function invalidFields(values: Record<Field, string>): Set<Field> {
  const invalid = new Set<Field>();
  if (!/^https?:\/\/[^\s/]+/i.test(values.baseUrl.trim())) invalid.add('baseUrl');
  if (!SiteIdSchema.safeParse(values.siteId.trim()).success) invalid.add('siteId');
  if (!KioskIdSchema.safeParse(values.kioskId.trim()).success) invalid.add('kioskId');
  const code = values.code.trim();
  if (code.length < 6 || code.length > 64) invalid.add('code');
  return invalid;
}

/** Step 2: the town hall's server, and this kiosk's enrolment with its one-time code. */
export function ServerStep(props: StepProps) {
  const { t } = useTranslation();
  const bridge = useBridge();
  const heading = useHeadingFocus<HTMLHeadingElement>();
  const action = useStepAction();
  const { server } = props.status.draft;
  const [editing, setEditing] = useState(server === null);
  const [values, setValues] = useState<Record<Field, string>>({
    baseUrl: server?.baseUrl ?? '',
    siteId: server?.siteId ?? '',
    kioskId: server?.kioskId ?? '',
    code: '',
  });
  const [checked, setChecked] = useState(false);
  const invalid = invalidFields(values);
  const errorOf = (field: Field) =>
    checked && invalid.has(field) ? t(`setup.server.invalid.${field}`) : null;
  const set = (field: Field) => (value: string) => setValues({ ...values, [field]: value });

  const enrol = async () => {
    setChecked(true);
    if (invalid.size > 0) return;
    const answer = await action.run(() =>
      callSetup(bridge, 'setup:enrol', {
        baseUrl: values.baseUrl.trim(),
        siteId: values.siteId.trim(),
        kioskId: values.kioskId.trim(),
        enrolmentCode: values.code.trim(),
      }),
    );
    // The code is used once: it leaves the screen whatever the answer.
    setValues((current) => ({ ...current, code: '' }));
    setChecked(false);
    if (!answer) return;
    if (answer.outcome === 'refused') {
      action.refused(answer);
      return;
    }
    setEditing(false);
    await props.refresh();
  };

  return (
    <section className="screen setup-step" aria-labelledby="setup-server-title">
      <h1 id="setup-server-title" className="screen__title" ref={heading} tabIndex={-1}>
        {t('setup.server.title')}
      </h1>
      {server && !editing ? (
        <div className="setup-card" data-testid="enrolled">
          <p className="notice notice--success" role="status">
            {t('setup.server.enrolled')}
          </p>
          <dl className="setup-summary">
            <dt>{t('setup.server.site')}</dt>
            <dd data-testid="enrolled-site">
              {server.siteName ?? t('setup.server.siteNameUnknown')} ({server.siteId})
            </dd>
            <dt>{t('setup.server.kiosk')}</dt>
            <dd>{server.kioskId}</dd>
            <dt>{t('setup.server.timeZone')}</dt>
            <dd>{server.timeZone ?? t('setup.server.timeZoneUnknown')}</dd>
            <dt>{t('setup.server.address')}</dt>
            <dd>{server.baseUrl}</dd>
          </dl>
          <CredentialFacts facts={props.status.credentialStore} />
          <button
            type="button"
            className="button button--secondary"
            onClick={() => setEditing(true)}
          >
            {t('setup.server.enrolAgain')}
          </button>
        </div>
      ) : (
        <form
          className="setup-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void enrol();
          }}
        >
          <p className="screen__hint">{t('setup.server.hint')}</p>
          <TextField
            id="setup-base-url"
            label={t('setup.server.baseUrl')}
            hint={t('setup.server.baseUrlHint')}
            error={errorOf('baseUrl')}
            value={values.baseUrl}
            onChange={set('baseUrl')}
            input={{ type: 'url', inputMode: 'url' }}
          />
          <TextField
            id="setup-site-id"
            label={t('setup.server.siteId')}
            hint={t('setup.server.siteIdHint')}
            error={errorOf('siteId')}
            value={values.siteId}
            onChange={set('siteId')}
          />
          <TextField
            id="setup-kiosk-id"
            label={t('setup.server.kioskId')}
            hint={t('setup.server.kioskIdHint')}
            error={errorOf('kioskId')}
            value={values.kioskId}
            onChange={set('kioskId')}
          />
          <TextField
            id="setup-code"
            label={t('setup.server.code')}
            hint={t('setup.server.codeHint')}
            error={errorOf('code')}
            value={values.code}
            onChange={set('code')}
          />
          <button type="submit" className="button button--primary" disabled={action.busy}>
            {action.busy ? t('setup.nav.busy') : t('setup.server.enrol')}
          </button>
        </form>
      )}
      <ProblemNotice problem={action.problem} />
    </section>
  );
}
