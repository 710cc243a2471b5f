/** A refusal of the office API, translated (a lockout says until when). */
import { useTranslation } from 'react-i18next';
import type { OfficeApiError } from './office-api';

export function ErrorNotice({ error }: { error: OfficeApiError | null }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  const time =
    error.retryAtMs !== undefined
      ? new Date(error.retryAtMs).toLocaleTimeString(i18n.language, {
          hour: '2-digit',
          minute: '2-digit',
        })
      : '';
  return (
    <p role="alert" className="office-error">
      {t(`office.errors.${error.code}`, { time })}
    </p>
  );
}
