/**
 * Kiosk enrolment codes as an administrator makes them: one kiosk id, a lifetime in hours or
 * days, single use. The new code is shown once (the server keeps only its hash); the open codes
 * are listed by kiosk and expiry, each with a revoke button.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CreateEnrolmentCodeRequestSchema,
  CreatedEnrolmentCodeSchema,
  EnrolmentCodesViewSchema,
  type EnrolmentCodesView,
} from '../../../src-shared/contract/office-admin';
import { OfficeApiError, officeGet, officePost } from '../common/office-api';

const CODES_API = '/office/api/admin/enrolment-codes';
const UNITS = { hours: 1, days: 24 } as const;
type Unit = keyof typeof UNITS;

export function EnrolmentCodesForm({ site }: { site: string }) {
  const { t, i18n } = useTranslation();
  const kioskFieldId = useId();
  const lifetimeId = useId();
  const unitId = useId();
  const [view, setView] = useState<EnrolmentCodesView | null>(null);
  const [kioskId, setKioskId] = useState('');
  const [lifetime, setLifetime] = useState('24');
  const [unit, setUnit] = useState<Unit>('hours');
  const [newCode, setNewCode] = useState<{ code: string; kioskId: string } | null>(null);
  const [message, setMessage] = useState('');
  const query = site ? `?site=${encodeURIComponent(site)}` : '';

  useEffect(() => {
    officeGet(EnrolmentCodesViewSchema, `${CODES_API}${query}`).then(setView, () => undefined);
  }, [query]);

  const refused = (failure: unknown) =>
    setMessage(t(`office.errors.${failure instanceof OfficeApiError ? failure.code : 'internal'}`));
  const when = (iso: string) =>
    new Date(iso).toLocaleString(i18n.language, { dateStyle: 'short', timeStyle: 'short' });

  const create = (event: FormEvent) => {
    event.preventDefault();
    setNewCode(null);
    const amount = /^\s*\d+\s*$/.test(lifetime) ? Number(lifetime) : Number.NaN;
    const parsed = CreateEnrolmentCodeRequestSchema.safeParse({
      site: view?.siteId,
      kioskId: kioskId.trim(),
      ttlHours: amount * UNITS[unit],
    });
    if (!parsed.success) {
      const fields = parsed.error.issues.map((issue) => issue.path[0]);
      setMessage(
        t(
          fields.includes('kioskId')
            ? 'officeAdmin.codes.badKiosk'
            : 'officeAdmin.codes.badLifetime',
        ),
      );
      return;
    }
    setMessage('');
    officePost(CreatedEnrolmentCodeSchema, CODES_API, parsed.data).then((created) => {
      setView(created);
      setNewCode({ code: created.code, kioskId: parsed.data.kioskId });
      setKioskId('');
    }, refused);
  };
  const revoke = (ref: string) => {
    setMessage('');
    officePost(EnrolmentCodesViewSchema, `${CODES_API}/${ref}/revoke`, {
      site: view?.siteId,
    }).then((next) => {
      setView(next);
      setMessage(t('officeAdmin.codes.revoked'));
    }, refused);
  };

  return (
    <section aria-labelledby="admin-codes" className="office-panel">
      <h2 id="admin-codes">{t('officeAdmin.codes.title')}</h2>
      <form className="office-new-account" noValidate onSubmit={create}>
        <label htmlFor={kioskFieldId}>{t('officeAdmin.codes.kioskId')}</label>
        <input
          id={kioskFieldId}
          autoComplete="off"
          value={kioskId}
          onChange={(event) => setKioskId(event.target.value)}
        />
        <label htmlFor={lifetimeId}>{t('officeAdmin.codes.lifetime')}</label>
        <input
          id={lifetimeId}
          inputMode="numeric"
          value={lifetime}
          onChange={(event) => setLifetime(event.target.value)}
        />
        <label htmlFor={unitId}>{t('officeAdmin.codes.unit')}</label>
        <select
          id={unitId}
          value={unit}
          onChange={(event) => setUnit(event.target.value === 'days' ? 'days' : 'hours')}
        >
          <option value="hours">{t('officeAdmin.codes.hours')}</option>
          <option value="days">{t('officeAdmin.codes.days')}</option>
        </select>
        <button type="submit">{t('officeAdmin.codes.create')}</button>
      </form>
      <p aria-live="polite" className="office-notice" data-testid="codes-message">
        {message}
      </p>
      {newCode && (
        <p className="office-new-code" data-testid="new-code">
          {t('officeAdmin.codes.showOnce', { kioskId: newCode.kioskId })}{' '}
          <strong>{newCode.code}</strong>
        </p>
      )}
      <table className="office-table" data-testid="open-codes">
        <caption>{t('officeAdmin.codes.open')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('officeAdmin.codes.kiosk')}</th>
            <th scope="col">{t('officeAdmin.codes.expires')}</th>
            <th scope="col">{t('officeAdmin.codes.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {view?.codes.map((code) => (
            <tr key={code.ref}>
              <td>{code.kioskId ?? t('officeAdmin.codes.anyKiosk')}</td>
              <td>{when(code.expiresAt)}</td>
              <td>
                <button
                  type="button"
                  className="office-secondary"
                  aria-label={t('officeAdmin.codes.revokeFor', {
                    kioskId: code.kioskId ?? t('officeAdmin.codes.anyKiosk'),
                    expires: when(code.expiresAt),
                  })}
                  onClick={() => revoke(code.ref)}
                >
                  {t('officeAdmin.codes.revoke')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
