/**
 * The lobby screens' notice (ticker) as an administrator sets it: the current text, a field to
 * publish a new one (checked with the server's own schema first), and a button to remove it.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  LobbyNoticeSchema,
  LobbyNoticeViewSchema,
  type LobbyNoticeView,
} from '../../../src-shared/contract/office-admin';
import { OfficeApiError, officeGet, officePost } from '../common/office-api';

const NOTICE_API = '/office/api/admin/lobby-notice';

export function LobbyNoticeForm({ site }: { site: string }) {
  const { t } = useTranslation();
  const fieldId = useId();
  const [view, setView] = useState<LobbyNoticeView | null>(null);
  const [text, setText] = useState('');
  const [message, setMessage] = useState('');
  const query = site ? `?site=${encodeURIComponent(site)}` : '';

  useEffect(() => {
    officeGet(LobbyNoticeViewSchema, `${NOTICE_API}${query}`).then(
      (loaded) => {
        setView(loaded);
        setText(loaded.notice ?? '');
      },
      () => undefined,
    );
  }, [query]);

  const send = (notice: string | null, done: string) => {
    officePost(LobbyNoticeViewSchema, NOTICE_API, { site: view?.siteId, notice }).then(
      (next) => {
        setView(next);
        setText(next.notice ?? '');
        setMessage(t(done));
      },
      (failure: unknown) =>
        setMessage(
          t(`office.errors.${failure instanceof OfficeApiError ? failure.code : 'internal'}`),
        ),
    );
  };
  const publish = (event: FormEvent) => {
    event.preventDefault();
    const parsed = LobbyNoticeSchema.safeParse(text);
    if (!parsed.success || parsed.data === null) {
      setMessage(t('officeAdmin.notice.invalid'));
      return;
    }
    send(parsed.data, 'officeAdmin.notice.saved');
  };

  return (
    <section aria-labelledby="admin-notice" className="office-panel">
      <h2 id="admin-notice">{t('officeAdmin.notice.title')}</h2>
      <p data-testid="notice-current">
        {view?.notice
          ? `${t('officeAdmin.notice.current')}: ${view.notice}`
          : t('officeAdmin.notice.none')}
      </p>
      <form onSubmit={publish}>
        <label htmlFor={fieldId}>{t('officeAdmin.notice.label')}</label>
        <textarea
          id={fieldId}
          rows={3}
          maxLength={600}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        <div className="office-actions">
          <button type="submit">{t('officeAdmin.notice.save')}</button>
          <button
            type="button"
            disabled={!view?.notice}
            onClick={() => send(null, 'officeAdmin.notice.cleared')}
          >
            {t('officeAdmin.notice.clear')}
          </button>
        </div>
      </form>
      <p aria-live="polite" data-testid="notice-message">
        {message}
      </p>
    </section>
  );
}
