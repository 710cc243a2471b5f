/**
 * The fields of one lobby screen (name and options), shared by the "add" form and each screen's
 * editor, then the translated message of each field the check refused (one alert list, and
 * aria-invalid on the field).
 */
import { useTranslation } from 'react-i18next';
import { LobbyOrientationSchema } from '../../../src-shared/contract/lobby';
import { isWeekday, WEEK, type DraftProblem, type ScreenDraft } from './screen-draft';

interface Props {
  draft: ScreenDraft;
  problems: readonly DraftProblem[];
  onChange(change: Partial<ScreenDraft>): void;
}

export function ScreenFields({ draft, problems, onChange }: Props) {
  const { t } = useTranslation();
  const invalid = (field: DraftProblem) => (problems.includes(field) ? true : undefined);
  const check = (field: 'highContrast' | 'chime' | 'speakTicketLanguage') => (
    <label className="office-check">
      <input
        type="checkbox"
        checked={draft[field]}
        onChange={(event) => onChange({ [field]: event.target.checked })}
      />{' '}
      {t(`officeScreens.fields.${field}`)}
    </label>
  );

  return (
    <>
      <label>
        {t('officeScreens.fields.name')}
        <input
          value={draft.name}
          maxLength={100}
          aria-invalid={invalid('name')}
          onChange={(event) => onChange({ name: event.target.value })}
        />
      </label>
      <label>
        {t('officeScreens.fields.orientation')}
        <select
          value={draft.orientation}
          onChange={(event) =>
            onChange({ orientation: LobbyOrientationSchema.parse(event.target.value) })
          }
        >
          {LobbyOrientationSchema.options.map((orientation) => (
            <option key={orientation} value={orientation}>
              {t(`officeScreens.orientation.${orientation}`)}
            </option>
          ))}
        </select>
      </label>
      {check('highContrast')}
      {check('chime')}
      <label>
        {t('officeScreens.fields.volume')}
        <input
          inputMode="numeric"
          value={draft.volumePercent}
          aria-invalid={invalid('volume')}
          onChange={(event) => onChange({ volumePercent: event.target.value })}
        />
      </label>
      {check('speakTicketLanguage')}
      <label>
        {t('officeScreens.fields.recentCount')}
        <input
          inputMode="numeric"
          value={draft.recentCount}
          aria-invalid={invalid('recentCount')}
          onChange={(event) => onChange({ recentCount: event.target.value })}
        />
      </label>
      <fieldset className="office-quiet-hours">
        <legend>{t('officeScreens.fields.quietHours')}</legend>
        <p className="office-hint">{t('officeScreens.fields.quietHoursHint')}</p>
        {WEEK.map((day) => (
          <label key={day}>
            {t(`officeScreens.days.${day}`)}
            <input
              value={draft.quietHours[day]}
              placeholder="14:00-16:00"
              aria-invalid={invalid(day)}
              onChange={(event) =>
                onChange({ quietHours: { ...draft.quietHours, [day]: event.target.value } })
              }
            />
          </label>
        ))}
      </fieldset>
      {problems.length > 0 && (
        <div role="alert" className="office-error">
          <ul>
            {problems.map((field) => (
              <li key={field}>
                {isWeekday(field)
                  ? t('officeScreens.invalid.quietHours', { day: t(`officeScreens.days.${field}`) })
                  : t(`officeScreens.invalid.${field}`)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
