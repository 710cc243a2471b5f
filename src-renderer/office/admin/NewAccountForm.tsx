/** Creating a staff account: username, name, role and a first password. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { StaffRoleSchema, type StaffRole } from '../../../src-shared/contract/office';

export interface NewAccount {
  username: string;
  displayName: string;
  role: StaffRole;
  password: string;
}

const EMPTY: NewAccount = { username: '', displayName: '', role: 'desk', password: '' };

export function NewAccountForm({
  onCreate,
}: {
  onCreate: (account: NewAccount) => Promise<boolean>;
}) {
  const { t } = useTranslation();
  const [account, setAccount] = useState<NewAccount>(EMPTY);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void onCreate(account).then((ok) => ok && setAccount(EMPTY));
  };
  const field = (name: 'username' | 'displayName' | 'password') => ({
    value: account[name],
    onChange: (event: { target: { value: string } }) =>
      setAccount((current) => ({ ...current, [name]: event.target.value })),
  });
  return (
    <section aria-labelledby="admin-new" className="office-panel">
      <h2 id="admin-new">{t('office.admin.newAccount')}</h2>
      <form className="office-new-account" onSubmit={submit}>
        <label>
          {t('office.admin.username')}
          <input name="new-username" required autoComplete="off" {...field('username')} />
        </label>
        <label>
          {t('office.admin.displayName')}
          <input name="new-display-name" required autoComplete="off" {...field('displayName')} />
        </label>
        <label>
          {t('office.admin.role')}
          <select
            value={account.role}
            onChange={(event) =>
              setAccount((current) => ({
                ...current,
                role: StaffRoleSchema.parse(event.target.value),
              }))
            }
          >
            {StaffRoleSchema.options.map((role) => (
              <option key={role} value={role}>
                {t(`office.roles.${role}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('office.admin.password')}
          <input
            name="new-password"
            type="password"
            required
            minLength={10}
            autoComplete="new-password"
            {...field('password')}
          />
        </label>
        <button type="submit">{t('office.admin.create')}</button>
      </form>
    </section>
  );
}
