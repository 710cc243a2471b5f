/**
 * The office app's frame: who is signed in (else the sign-in form), the sections their role may
 * open (desk, supervision, administration; statistics is the stats page's link), the language,
 * and the view of the page's path (`/office/desk`, `/office/bookings`, `/office/supervisor`,
 * `/office/admin`).
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffMember, StaffRole } from '../../../src-shared/contract/office';
import { LANGUAGES } from '../../../src-shared/i18n/catalogs';
import type { Language } from '../../../src-shared/domain/language';
import { AdminPage } from '../admin/AdminPage';
import { BookingsPage } from '../bookings/BookingsPage';
import { DeskPage } from '../desk/DeskPage';
import { SupervisorPage } from '../supervisor/SupervisorPage';
import { loadSession, officePost } from './office-api';
import { SignInPage } from './SignInPage';
import { SignedOutSchema } from './schemas';

type View = 'desk' | 'bookings' | 'supervisor' | 'admin';

const NEEDS: Readonly<Record<View, StaffRole[]>> = {
  desk: ['desk', 'supervisor', 'admin'],
  bookings: ['desk', 'supervisor', 'admin'],
  supervisor: ['supervisor', 'admin'],
  admin: ['admin'],
};

const viewOfPath = (path: string): View =>
  path.endsWith('/supervisor')
    ? 'supervisor'
    : path.endsWith('/admin')
      ? 'admin'
      : path.endsWith('/bookings')
        ? 'bookings'
        : 'desk';

const LANGUAGE_NAMES: Readonly<Record<Language, string>> = {
  es: 'Español',
  en: 'English',
  fr: 'Français',
  de: 'Deutsch',
};

export function OfficeApp() {
  const { t, i18n } = useTranslation();
  const [staff, setStaff] = useState<StaffMember | null | undefined>(undefined);
  const view = viewOfPath(window.location.pathname);
  const site = new URLSearchParams(window.location.search).get('site') ?? '';

  useEffect(() => {
    loadSession().then(
      (session) => setStaff(session.staff),
      () => setStaff(null),
    );
  }, []);
  useEffect(() => {
    document.documentElement.lang = i18n.language;
    document.title = t('office.pageTitle');
  }, [i18n.language, t]);

  const languagePicker = (
    <label className="office-language">
      {t('office.language')}{' '}
      <select
        value={i18n.language}
        onChange={(event) => void i18n.changeLanguage(event.target.value)}
      >
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {LANGUAGE_NAMES[language]}
          </option>
        ))}
      </select>
    </label>
  );

  if (staff === undefined) return <p className="office-loading">{t('office.loading')}</p>;
  if (staff === null) {
    return (
      <>
        <header className="office-header">
          <p className="office-brand">{t('office.pageTitle')}</p>
          {languagePicker}
        </header>
        <SignInPage onSignedIn={setStaff} />
      </>
    );
  }

  const siteQuery = site ? `?site=${encodeURIComponent(site)}` : '';
  const allowed = (candidate: View) => NEEDS[candidate].includes(staff.role);
  const signOut = () => {
    officePost(SignedOutSchema, '/office/api/sign-out', {}).finally(() => {
      window.location.assign('/office/desk');
    });
  };
  return (
    <>
      <header className="office-header">
        <p className="office-brand">{t('office.pageTitle')}</p>
        <nav aria-label={t('office.nav.label')}>
          <ul>
            {(['desk', 'bookings', 'supervisor', 'admin'] as const)
              .filter(allowed)
              .map((candidate) => (
                <li key={candidate}>
                  <a
                    href={`/office/${candidate}${siteQuery}`}
                    aria-current={candidate === view ? 'page' : undefined}
                  >
                    {candidate === 'bookings'
                      ? t('officeBooking.backOffice.nav')
                      : t(`office.nav.${candidate}`)}
                  </a>
                </li>
              ))}
          </ul>
        </nav>
        <p className="office-who">
          {t('office.signedInAs', {
            name: staff.displayName,
            role: t(`office.roles.${staff.role}`),
          })}
        </p>
        {languagePicker}
        <button type="button" className="office-secondary" onClick={signOut}>
          {t('office.nav.signOut')}
        </button>
      </header>
      <main className="office-main">
        {!allowed(view) ? (
          <p role="alert" className="office-error">
            {t('office.errors.forbidden')}
          </p>
        ) : view === 'desk' ? (
          <DeskPage site={site} />
        ) : view === 'bookings' ? (
          <BookingsPage site={site} />
        ) : view === 'supervisor' ? (
          <SupervisorPage site={site} />
        ) : (
          <AdminPage staff={staff} site={site} />
        )}
      </main>
    </>
  );
}
