/**
 * One service's online-booking schedule as the administrator edits it: bookable online, DNI/NIE
 * asked, slot length, desks, days ahead, cut-off, and each weekday's spans as text. Checked
 * here with the contract's schema before it is sent.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { BookingScheduleSchema, type BookingSchedule } from '../../../src-shared/contract/booking';
import { formatSpans, parseSpans } from './booking-spans';

const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;

const closedWeek = (): BookingSchedule['week'] => ({
  1: [],
  2: [],
  3: [],
  4: [],
  5: [],
  6: [],
  7: [],
});

export const newSchedule = (serviceId: string): BookingSchedule => ({
  serviceId,
  online: false,
  week: closedWeek(),
  slotMinutes: 10,
  desks: 1,
  daysAhead: 30,
  cutoffMinutes: 60,
  requiresCitizenId: false,
});

interface Props {
  schedule: BookingSchedule;
  serviceName: string;
  onSave: (schedule: BookingSchedule) => Promise<boolean>;
}

export function BookingScheduleForm({ schedule, serviceName, onSave }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState(schedule);
  const [spans, setSpans] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState('');

  useEffect(() => {
    setDraft(schedule);
    setSpans(Object.fromEntries(WEEKDAYS.map((day) => [day, formatSpans(schedule.week[day])])));
    setProblem('');
  }, [schedule]);

  const number = (
    field: 'slotMinutes' | 'desks' | 'daysAhead' | 'cutoffMinutes',
    label: string,
  ) => (
    <div className="office-field">
      <label htmlFor={`${id}-${field}`}>{label}</label>
      <input
        id={`${id}-${field}`}
        type="number"
        inputMode="numeric"
        value={Number.isNaN(draft[field]) ? '' : draft[field]}
        onChange={(event) => setDraft({ ...draft, [field]: event.target.valueAsNumber })}
      />
    </div>
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const week = closedWeek();
    for (const day of WEEKDAYS) {
      const parsed = parseSpans(spans[day] ?? '');
      if (!parsed) {
        setProblem(
          t('officeBooking.schedules.invalidSpans', {
            day: t(`officeBooking.schedules.weekdays.${day}`),
          }),
        );
        return;
      }
      week[day] = parsed;
    }
    const checked = BookingScheduleSchema.safeParse({ ...draft, week });
    if (!checked.success) {
      setProblem(t('officeBooking.schedules.invalidNumbers'));
      return;
    }
    setProblem('');
    void onSave(checked.data);
  };

  return (
    <form onSubmit={submit} data-testid={`booking-schedule-${schedule.serviceId}`}>
      <fieldset>
        <legend>{serviceName}</legend>
        <div className="office-field">
          <input
            id={`${id}-online`}
            type="checkbox"
            checked={draft.online}
            onChange={(event) => setDraft({ ...draft, online: event.target.checked })}
          />
          <label htmlFor={`${id}-online`}>{t('officeBooking.schedules.online')}</label>
        </div>
        <div className="office-field">
          <input
            id={`${id}-citizen-id`}
            type="checkbox"
            checked={draft.requiresCitizenId}
            onChange={(event) => setDraft({ ...draft, requiresCitizenId: event.target.checked })}
          />
          <label htmlFor={`${id}-citizen-id`}>
            {t('officeBooking.schedules.requiresCitizenId')}
          </label>
        </div>
        {number('slotMinutes', t('officeBooking.schedules.slotMinutes'))}
        {number('desks', t('officeBooking.schedules.desks'))}
        {number('daysAhead', t('officeBooking.schedules.daysAhead'))}
        {number('cutoffMinutes', t('officeBooking.schedules.cutoffMinutes'))}
        <p id={`${id}-hint`}>{t('officeBooking.schedules.spansHint')}</p>
        {WEEKDAYS.map((day) => (
          <div className="office-field" key={day}>
            <label htmlFor={`${id}-day-${day}`}>
              {t(`officeBooking.schedules.weekdays.${day}`)}
            </label>
            <input
              id={`${id}-day-${day}`}
              aria-describedby={`${id}-hint`}
              value={spans[day] ?? ''}
              onChange={(event) => setSpans({ ...spans, [day]: event.target.value })}
            />
          </div>
        ))}
        {problem && <p role="alert">{problem}</p>}
        <div className="office-actions">
          <button type="submit">{t('officeBooking.schedules.save')}</button>
        </div>
      </fieldset>
    </form>
  );
}
