/**
 * The administrator's page: the staff accounts (create one, change a role, disable or enable,
 * set a new password; an administrator cannot disable or demote themselves, which the server
 * refuses too), the office's settings (call order, desks), the services (ServicesForm),
 * the kiosk enrolment codes (EnrolmentCodesForm), the lobby screens' notice (LobbyNoticeForm)
 * and the lobby screens themselves (ScreensForm); online booking's schedules, holidays and
 * policy (BookingSettingsPanel); and the staff audit log (AuditLogSection).
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  OfficeSettingsSchema,
  StaffListSchema,
  StaffRoleSchema,
  type StaffAccount,
  type StaffMember,
  type StaffRole,
} from '../../../src-shared/contract/office';
import { ErrorNotice } from '../common/ErrorNotice';
import { OfficeApiError, officeGet, officePost } from '../common/office-api';
import { AuditLogSection } from './AuditLogSection';
import { EnrolmentCodesForm } from './EnrolmentCodesForm';
import { BookingSettingsPanel } from './BookingSettingsPanel';
import { LobbyNoticeForm } from './LobbyNoticeForm';
import { NewAccountForm } from './NewAccountForm';
import { OfficeSettingsForm } from './OfficeSettingsForm';
import { ScreensForm } from './ScreensForm';
import { ServicesForm } from './ServicesForm';

const STAFF_API = '/office/api/admin/staff';

export function AdminPage({ staff, site }: { staff: StaffMember; site: string }) {
  const { t } = useTranslation();
  const [accounts, setAccounts] = useState<StaffAccount[]>([]);
  const [error, setError] = useState<OfficeApiError | null>(null);
  const [notice, setNotice] = useState('');
  const [passwords, setPasswords] = useState<Record<string, string>>({});

  useEffect(() => {
    officeGet(StaffListSchema, STAFF_API).then(
      (list) => setAccounts(list.accounts),
      (failure: unknown) => setError(failure as OfficeApiError),
    );
  }, []);

  const save = (path: string, body: object) => {
    setError(null);
    setNotice('');
    // The staff routes answer the account list, the settings route the settings.
    const answered = path.startsWith(STAFF_API)
      ? officePost(StaffListSchema, path, body)
      : officePost(OfficeSettingsSchema, path, body);
    return answered.then(
      (answer) => {
        if ('accounts' in answer) setAccounts(answer.accounts);
        setNotice(t('office.admin.saved'));
        return true;
      },
      (failure: unknown) => {
        setError(failure instanceof OfficeApiError ? failure : new OfficeApiError('internal'));
        return false;
      },
    );
  };
  const resetPassword = (event: FormEvent, account: StaffAccount) => {
    event.preventDefault();
    void save(`${STAFF_API}/${account.id}`, { password: passwords[account.id] ?? '' }).then(
      (ok) => ok && setPasswords((all) => ({ ...all, [account.id]: '' })),
    );
  };

  return (
    <div className="office-admin">
      <h1>{t('office.admin.title')}</h1>
      <ErrorNotice error={error} />
      <p role="status" className="office-notice">
        {notice}
      </p>
      <section aria-labelledby="admin-accounts" className="office-panel">
        <h2 id="admin-accounts">{t('office.admin.accounts')}</h2>
        <table className="office-table" data-testid="accounts">
          <thead>
            <tr>
              <th scope="col">{t('office.admin.username')}</th>
              <th scope="col">{t('office.admin.displayName')}</th>
              <th scope="col">{t('office.admin.role')}</th>
              <th scope="col">{t('office.admin.status')}</th>
              <th scope="col">{t('office.admin.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((account) => {
              const self = account.id === staff.id;
              return (
                <tr key={account.id}>
                  <td>{account.username}</td>
                  <td>{account.displayName}</td>
                  <td>
                    <select
                      aria-label={t('office.admin.roleOf', { username: account.username })}
                      value={account.role}
                      disabled={self}
                      onChange={(event) =>
                        void save(`${STAFF_API}/${account.id}`, {
                          role: StaffRoleSchema.parse(event.target.value) satisfies StaffRole,
                        })
                      }
                    >
                      {StaffRoleSchema.options.map((role) => (
                        <option key={role} value={role}>
                          {t(`office.roles.${role}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    {account.disabled
                      ? t('office.admin.disabled')
                      : account.locked
                        ? t('office.admin.locked')
                        : t('office.admin.enabled')}
                  </td>
                  <td className="office-row-actions">
                    <button
                      type="button"
                      className="office-secondary"
                      disabled={self}
                      onClick={() =>
                        void save(`${STAFF_API}/${account.id}`, { disabled: !account.disabled })
                      }
                    >
                      {account.disabled ? t('office.admin.enable') : t('office.admin.disable')}
                    </button>
                    <form onSubmit={(event) => resetPassword(event, account)}>
                      <input
                        type="password"
                        autoComplete="new-password"
                        minLength={10}
                        required
                        aria-label={t('office.admin.newPassword', { username: account.username })}
                        value={passwords[account.id] ?? ''}
                        onChange={(event) =>
                          setPasswords((all) => ({ ...all, [account.id]: event.target.value }))
                        }
                      />
                      <button type="submit" className="office-secondary">
                        {t('office.admin.resetPassword')}
                      </button>
                    </form>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      <NewAccountForm onCreate={(account) => save(STAFF_API, account)} />
      <OfficeSettingsForm site={site} onSave={save} />
      <ServicesForm site={site} />
      <EnrolmentCodesForm site={site} />
      <LobbyNoticeForm site={site} />
      <ScreensForm site={site} />
      <AuditLogSection site={site} />
      <BookingSettingsPanel site={site} />
    </div>
  );
}
