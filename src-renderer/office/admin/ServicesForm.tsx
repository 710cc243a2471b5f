/**
 * The site's services as an administrator edits them: names in every language (Spanish
 * required), prefix, daily cap (empty: none), walk-ins, and a check-in window of the service's
 * own (or the kiosk's). The form is checked with the same zod schema the server applies, so a
 * bad value gets its own translated message before anything is sent.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ServicesViewSchema,
  UpdateServiceRequestSchema,
  type UpdateServiceRequest,
} from '../../../src-shared/contract/office-admin';
import type { Service } from '../../../src-shared/contract/townhall-api';
import { LanguageSchema, type Language } from '../../../src-shared/domain/language';
import { OfficeApiError, officeGet, officePost } from '../common/office-api';

const SERVICES_API = '/office/api/admin/services';
const LANGUAGES = LanguageSchema.options;
const INVALID_FIELDS = ['names', 'prefix', 'dailyCap', 'checkInWindow'] as const;
type InvalidField = (typeof INVALID_FIELDS)[number];

interface Draft {
  names: Record<Language, string>;
  prefix: string;
  dailyCap: string;
  walkInsAllowed: boolean;
  ownWindow: boolean;
  minutesBefore: string;
  minutesAfter: string;
}

const draftOf = (service: Service): Draft => ({
  names: {
    es: service.names.es,
    en: service.names.en ?? '',
    fr: service.names.fr ?? '',
    de: service.names.de ?? '',
  },
  prefix: service.prefix,
  dailyCap: service.dailyCap ? String(service.dailyCap) : '',
  walkInsAllowed: service.walkInsAllowed,
  ownWindow: Boolean(service.checkInWindow),
  minutesBefore: String(service.checkInWindow?.minutesBefore ?? 30),
  minutesAfter: String(service.checkInWindow?.minutesAfter ?? 15),
});

/** A whole number typed in a field, or NaN (which the schema refuses). */
const whole = (text: string): number => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN);

function requestOf(site: string, draft: Draft): unknown {
  const names: Partial<Record<Language, string>> = {};
  for (const language of LANGUAGES) {
    const name = draft.names[language].trim();
    if (name || language === 'es') names[language] = name;
  }
  return {
    site,
    names,
    prefix: draft.prefix.trim(),
    dailyCap: draft.dailyCap.trim() ? whole(draft.dailyCap) : null,
    walkInsAllowed: draft.walkInsAllowed,
    checkInWindow: draft.ownWindow
      ? { minutesBefore: whole(draft.minutesBefore), minutesAfter: whole(draft.minutesAfter) }
      : null,
  } satisfies Record<keyof UpdateServiceRequest, unknown>;
}

function ServiceEditor({ site, service }: { site: string; service: Service }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(() => draftOf(service));
  const [invalid, setInvalid] = useState<InvalidField[]>([]);
  const [message, setMessage] = useState('');
  const [failed, setFailed] = useState(false);
  const key = `service-${service.id}`;
  const set = (change: Partial<Draft>) => setDraft((current) => ({ ...current, ...change }));
  const text = (field: 'prefix' | 'dailyCap' | 'minutesBefore' | 'minutesAfter') => ({
    value: draft[field],
    onChange: (event: { target: { value: string } }) => set({ [field]: event.target.value }),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = UpdateServiceRequestSchema.safeParse(requestOf(site, draft));
    if (!parsed.success) {
      const fields = parsed.error.issues.map((issue) => issue.path[0]);
      setInvalid(INVALID_FIELDS.filter((field) => fields.includes(field)));
      setFailed(true);
      setMessage('');
      return;
    }
    setInvalid([]);
    officePost(ServicesViewSchema, `${SERVICES_API}/${service.id}`, parsed.data).then(
      (view) => {
        const saved = view.services.find((one) => one.id === service.id);
        if (saved) setDraft(draftOf(saved));
        setFailed(false);
        setMessage(t('officeAdmin.services.saved', { id: service.id }));
      },
      (failure: unknown) => {
        const code = failure instanceof OfficeApiError ? failure.code : 'internal';
        setFailed(true);
        setMessage(
          code === 'conflict' ? t('officeAdmin.services.prefixTaken') : t(`office.errors.${code}`),
        );
      },
    );
  };

  return (
    <form className="office-service" noValidate onSubmit={submit} data-testid={key}>
      <fieldset>
        <legend>{t('officeAdmin.services.service', { id: service.id })}</legend>
        {LANGUAGES.map((language) => (
          <label key={language}>
            {t(`officeAdmin.services.nameIn.${language}`)}
            <input
              name={`${key}-name-${language}`}
              value={draft.names[language]}
              maxLength={200}
              onChange={(event) =>
                set({ names: { ...draft.names, [language]: event.target.value } })
              }
            />
          </label>
        ))}
        <label>
          {t('officeAdmin.services.prefix')}
          <input name={`${key}-prefix`} maxLength={3} {...text('prefix')} />
        </label>
        <label>
          {t('officeAdmin.services.dailyCap')}
          <input name={`${key}-cap`} inputMode="numeric" {...text('dailyCap')} />
        </label>
        <label className="office-check">
          <input
            type="checkbox"
            checked={draft.walkInsAllowed}
            onChange={(event) => set({ walkInsAllowed: event.target.checked })}
          />{' '}
          {t('officeAdmin.services.walkIns')}
        </label>
        <label className="office-check">
          <input
            type="checkbox"
            checked={draft.ownWindow}
            onChange={(event) => set({ ownWindow: event.target.checked })}
          />{' '}
          {t('officeAdmin.services.ownWindow')}
        </label>
        {draft.ownWindow && (
          <>
            <label>
              {t('officeAdmin.services.minutesBefore')}
              <input name={`${key}-before`} inputMode="numeric" {...text('minutesBefore')} />
            </label>
            <label>
              {t('officeAdmin.services.minutesAfter')}
              <input name={`${key}-after`} inputMode="numeric" {...text('minutesAfter')} />
            </label>
          </>
        )}
        {invalid.length > 0 && (
          <ul role="alert" className="office-error">
            {invalid.map((field) => (
              <li key={field}>{t(`officeAdmin.services.invalid.${field}`)}</li>
            ))}
          </ul>
        )}
        <p
          aria-live="polite"
          className={failed ? 'office-error' : 'office-notice'}
          data-testid={`${key}-message`}
        >
          {message}
        </p>
        <button type="submit">{t('officeAdmin.services.save')}</button>
      </fieldset>
    </form>
  );
}

export function ServicesForm({ site }: { site: string }) {
  const { t } = useTranslation();
  const [view, setView] = useState<{ siteId: string; services: Service[] } | null>(null);
  const query = site ? `?site=${encodeURIComponent(site)}` : '';
  useEffect(() => {
    officeGet(ServicesViewSchema, `${SERVICES_API}${query}`).then(setView, () => undefined);
  }, [query]);
  return (
    <section aria-labelledby="admin-services" className="office-panel">
      <h2 id="admin-services">{t('officeAdmin.services.title')}</h2>
      {view?.services.map((service) => (
        <ServiceEditor key={service.id} site={view.siteId} service={service} />
      ))}
    </section>
  );
}
