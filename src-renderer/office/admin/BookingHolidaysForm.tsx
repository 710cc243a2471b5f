/**
 * Holidays and closures as the administrator keeps them: the list (each removable) and a form to
 * add one, for the whole office or one service.
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  HolidaySchema,
  HolidayScopeSchema,
  type Holiday,
} from '../../../src-shared/contract/booking';
import type { StoredHolidayView } from '../../../src-shared/contract/booking-admin';

interface Props {
  holidays: readonly StoredHolidayView[];
  services: readonly { id: string; name: string }[];
  onAdd: (holiday: Holiday) => Promise<boolean>;
  onRemove: (holiday: StoredHolidayView) => Promise<boolean>;
}

const WHOLE_OFFICE = '';

export function BookingHolidaysForm({ holidays, services, onAdd, onRemove }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [day, setDay] = useState('');
  const [name, setName] = useState('');
  const [scope, setScope] = useState<Holiday['scope']>('local');
  const [serviceId, setServiceId] = useState(WHOLE_OFFICE);
  const [problem, setProblem] = useState('');
  const serviceName = (holiday: StoredHolidayView) =>
    holiday.serviceId === null
      ? t('officeBooking.holidays.wholeOffice')
      : (services.find((service) => service.id === holiday.serviceId)?.name ?? holiday.serviceId);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = HolidaySchema.safeParse({
      day,
      name,
      scope,
      serviceId: serviceId === WHOLE_OFFICE ? null : serviceId,
    });
    if (!parsed.success) {
      setProblem(t('officeBooking.holidays.invalid'));
      return;
    }
    setProblem('');
    void onAdd(parsed.data).then((added) => {
      if (!added) return;
      setDay('');
      setName('');
    });
  };

  return (
    <section aria-labelledby={`${id}-title`} className="office-panel">
      <h2 id={`${id}-title`}>{t('officeBooking.holidays.title')}</h2>
      {holidays.length === 0 ? (
        <p>{t('officeBooking.holidays.none')}</p>
      ) : (
        <table className="office-table" data-testid="booking-holidays">
          <thead>
            <tr>
              <th scope="col">{t('officeBooking.holidays.day')}</th>
              <th scope="col">{t('officeBooking.holidays.name')}</th>
              <th scope="col">{t('officeBooking.holidays.scope')}</th>
              <th scope="col">{t('officeBooking.holidays.service')}</th>
              <th scope="col">{t('officeBooking.holidays.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {holidays.map((holiday) => (
              <tr key={holiday.id}>
                <td>{holiday.day}</td>
                <td>{holiday.name}</td>
                <td>{t(`officeBooking.holidays.scopes.${holiday.scope}`)}</td>
                <td>{serviceName(holiday)}</td>
                <td>
                  <button
                    type="button"
                    className="office-secondary"
                    onClick={() => void onRemove(holiday)}
                  >
                    {t('officeBooking.holidays.remove', { day: holiday.day })}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form onSubmit={submit}>
        <div className="office-field">
          <label htmlFor={`${id}-day`}>{t('officeBooking.holidays.day')}</label>
          <input
            id={`${id}-day`}
            type="date"
            value={day}
            onChange={(e) => setDay(e.target.value)}
          />
        </div>
        <div className="office-field">
          <label htmlFor={`${id}-name`}>{t('officeBooking.holidays.nameLabel')}</label>
          <input
            id={`${id}-name`}
            maxLength={120}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <div className="office-field">
          <label htmlFor={`${id}-scope`}>{t('officeBooking.holidays.scope')}</label>
          <select
            id={`${id}-scope`}
            value={scope}
            onChange={(e) => setScope(HolidayScopeSchema.parse(e.target.value))}
          >
            {HolidayScopeSchema.options.map((option) => (
              <option key={option} value={option}>
                {t(`officeBooking.holidays.scopes.${option}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="office-field">
          <label htmlFor={`${id}-service`}>{t('officeBooking.holidays.service')}</label>
          <select
            id={`${id}-service`}
            value={serviceId}
            onChange={(e) => setServiceId(e.target.value)}
          >
            <option value={WHOLE_OFFICE}>{t('officeBooking.holidays.wholeOffice')}</option>
            {services.map((service) => (
              <option key={service.id} value={service.id}>
                {service.name}
              </option>
            ))}
          </select>
        </div>
        {problem && <p role="alert">{problem}</p>}
        <div className="office-actions">
          <button type="submit">{t('officeBooking.holidays.add')}</button>
        </div>
      </form>
    </section>
  );
}
