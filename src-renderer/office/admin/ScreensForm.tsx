/**
 * The administrator's lobby screens ("Pantallas"): each screen with the address to type into
 * its TV once, when it was last seen, and its name and options to change or the screen to
 * remove; and a form to add one. A saved change reaches the TV by itself within seconds (the
 * server ends its stream; it reconnects with the new options).
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ScreenIdSchema,
  ScreensViewSchema,
  screenPath,
  type Screen,
  type ScreensView,
} from '../../../src-shared/contract/office-screens';
import { OfficeApiError, officeGet, officePost } from '../common/office-api';
import {
  checkDraft,
  draftOf,
  newScreenDraft,
  type DraftProblem,
  type ScreenDraft,
} from './screen-draft';
import { ScreenFields } from './ScreenFields';

const SCREENS_API = '/office/api/admin/screens';

/** The form's state: the draft, what the check refused, and the last answer. */
function useDraft(initial: () => ScreenDraft) {
  const [draft, setDraft] = useState<ScreenDraft>(initial);
  const [problems, setProblems] = useState<DraftProblem[]>([]);
  const [message, setMessage] = useState({ text: '', failed: false });
  return {
    draft,
    setDraft,
    problems,
    setProblems,
    message,
    setMessage,
    change: (change: Partial<ScreenDraft>) => setDraft((current) => ({ ...current, ...change })),
  };
}

function ScreenEditor(props: { siteId: string; screen: Screen; onView(view: ScreensView): void }) {
  const { t, i18n } = useTranslation();
  const { screen } = props;
  const form = useDraft(() => draftOf(screen.name, screen.options));
  const key = `screen-${screen.id}`;
  const address = `${window.location.origin}${screenPath(screen.id)}`;
  const refused = (failure: unknown) =>
    form.setMessage({
      text: t(`office.errors.${failure instanceof OfficeApiError ? failure.code : 'internal'}`),
      failed: true,
    });

  const save = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkDraft(form.draft);
    if (!checked.ok) {
      form.setProblems(checked.problems);
      form.setMessage({ text: '', failed: false });
      return;
    }
    form.setProblems([]);
    officePost(ScreensViewSchema, `${SCREENS_API}/${screen.id}`, {
      site: props.siteId,
      name: checked.name,
      options: checked.options,
    }).then((view) => {
      const saved = view.screens.find((one) => one.id === screen.id);
      if (saved) form.setDraft(draftOf(saved.name, saved.options));
      form.setMessage({ text: t('officeScreens.saved', { name: checked.name }), failed: false });
      props.onView(view);
    }, refused);
  };
  const remove = () => {
    officePost(ScreensViewSchema, `${SCREENS_API}/${screen.id}/remove`, {
      site: props.siteId,
    }).then(props.onView, refused);
  };

  return (
    <form className="office-service" noValidate onSubmit={save} data-testid={key}>
      <fieldset>
        <legend>{t('officeScreens.screen', { name: screen.name, id: screen.id })}</legend>
        <p>
          {t('officeScreens.address')} <code data-testid={`${key}-address`}>{address}</code>
        </p>
        <p className="office-hint">
          {t('officeScreens.lastSeen')}{' '}
          {screen.lastSeenAt
            ? new Date(screen.lastSeenAt).toLocaleString(i18n.language, {
                dateStyle: 'short',
                timeStyle: 'short',
              })
            : t('officeScreens.neverSeen')}
        </p>
        <ScreenFields draft={form.draft} problems={form.problems} onChange={form.change} />
        <p
          aria-live="polite"
          className={form.message.failed ? 'office-error' : 'office-notice'}
          data-testid={`${key}-message`}
        >
          {form.message.text}
        </p>
        <div className="office-actions">
          <button type="submit">{t('officeScreens.save')}</button>
          <button
            type="button"
            className="office-secondary"
            aria-label={t('officeScreens.removeNamed', { name: screen.name })}
            onClick={remove}
          >
            {t('officeScreens.remove')}
          </button>
        </div>
      </fieldset>
    </form>
  );
}

function NewScreenForm(props: { siteId: string; onView(view: ScreensView): void }) {
  const { t } = useTranslation();
  const form = useDraft(newScreenDraft);
  const [id, setId] = useState('');
  const [badId, setBadId] = useState(false);

  const add = (event: FormEvent) => {
    event.preventDefault();
    const checkedId = ScreenIdSchema.safeParse(id.trim());
    const checked = checkDraft(form.draft);
    setBadId(!checkedId.success);
    form.setProblems(checked.ok ? [] : checked.problems);
    form.setMessage({ text: '', failed: false });
    if (!checkedId.success || !checked.ok) return;
    officePost(ScreensViewSchema, SCREENS_API, {
      site: props.siteId,
      id: checkedId.data,
      name: checked.name,
      options: checked.options,
    }).then(
      (view) => {
        props.onView(view);
        setId('');
        form.setDraft(newScreenDraft());
        form.setMessage({ text: t('officeScreens.added', { name: checked.name }), failed: false });
      },
      (failure: unknown) => {
        const code = failure instanceof OfficeApiError ? failure.code : 'internal';
        form.setMessage({
          text: code === 'conflict' ? t('officeScreens.idTaken') : t(`office.errors.${code}`),
          failed: true,
        });
      },
    );
  };

  return (
    <form className="office-service" noValidate onSubmit={add} data-testid="new-screen">
      <fieldset>
        <legend>{t('officeScreens.newScreen')}</legend>
        <label>
          {t('officeScreens.fields.id')}
          <input
            value={id}
            maxLength={40}
            autoComplete="off"
            aria-invalid={badId ? true : undefined}
            onChange={(event) => setId(event.target.value)}
          />
        </label>
        {badId && (
          <p role="alert" className="office-error">
            {t('officeScreens.invalid.id')}
          </p>
        )}
        <ScreenFields draft={form.draft} problems={form.problems} onChange={form.change} />
        <p
          aria-live="polite"
          className={form.message.failed ? 'office-error' : 'office-notice'}
          data-testid="new-screen-message"
        >
          {form.message.text}
        </p>
        <button type="submit">{t('officeScreens.add')}</button>
      </fieldset>
    </form>
  );
}

export function ScreensForm({ site }: { site: string }) {
  const { t } = useTranslation();
  const [view, setView] = useState<ScreensView | null>(null);
  const query = site ? `?site=${encodeURIComponent(site)}` : '';
  useEffect(() => {
    officeGet(ScreensViewSchema, `${SCREENS_API}${query}`).then(setView, () => undefined);
  }, [query]);
  return (
    <section aria-labelledby="admin-screens" className="office-panel">
      <h2 id="admin-screens">{t('officeScreens.title')}</h2>
      <p className="office-hint">{t('officeScreens.intro')}</p>
      {view && view.screens.length === 0 && <p>{t('officeScreens.none')}</p>}
      {view?.screens.map((screen) => (
        <ScreenEditor key={screen.id} siteId={view.siteId} screen={screen} onView={setView} />
      ))}
      {view && <NewScreenForm siteId={view.siteId} onView={setView} />}
    </section>
  );
}
