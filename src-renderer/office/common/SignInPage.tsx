/** The sign-in form: username and password, with the server's refusal translated. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffMember } from '../../../src-shared/contract/office';
import { ErrorNotice } from './ErrorNotice';
import { OfficeApiError, signIn } from './office-api';

export function SignInPage({ onSignedIn }: { onSignedIn: (staff: StaffMember) => void }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<OfficeApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    signIn(username, password).then(
      (session) => {
        if (session.staff) onSignedIn(session.staff);
      },
      (failure: unknown) => {
        setBusy(false);
        setPassword('');
        setError(failure instanceof OfficeApiError ? failure : new OfficeApiError('internal'));
      },
    );
  };

  return (
    <main className="office-main office-sign-in">
      <h1>{t('office.signIn.title')}</h1>
      <p>{t('office.signIn.intro')}</p>
      <form onSubmit={submit}>
        <label>
          {t('office.signIn.username')}
          <input
            name="username"
            autoComplete="username"
            required
            value={username}
            onChange={(event) => setUsername(event.target.value)}
          />
        </label>
        <label>
          {t('office.signIn.password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </label>
        <ErrorNotice error={error} />
        <button type="submit" disabled={busy}>
          {t('office.signIn.submit')}
        </button>
      </form>
    </main>
  );
}
