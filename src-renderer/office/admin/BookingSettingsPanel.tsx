/**
 * The administrator's online-booking settings (docs/booking.md): one service's schedule at a
 * time (chosen from the site's services), the holidays and closures, and the booking policy.
 * Each change is sent at once; the server answers the whole view again.
 */
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BookingPolicy, BookingSchedule, Holiday } from '../../../src-shared/contract/booking';
import {
  BookingAdminViewSchema,
  type BookingAdminView,
  type StoredHolidayView,
} from '../../../src-shared/contract/booking-admin';
import { OfficeApiError, officeGet, officePost } from '../common/office-api';
import { BookingHolidaysForm } from './BookingHolidaysForm';
import { BookingPolicyForm } from './BookingPolicyForm';
import { BookingScheduleForm, newSchedule } from './BookingScheduleForm';

const BOOKING_API = '/office/api/admin/booking';

export function BookingSettingsPanel({ site }: { site: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [view, setView] = useState<BookingAdminView | null>(null);
  const [serviceId, setServiceId] = useState('');
  const [message, setMessage] = useState('');
  const query = site ? `?site=${encodeURIComponent(site)}` : '';

  useEffect(() => {
    officeGet(BookingAdminViewSchema, `${BOOKING_API}${query}`).then(
      (loaded) => {
        setView(loaded);
        setServiceId((current) => current || (loaded.services[0]?.id ?? ''));
      },
      () => undefined,
    );
  }, [query]);

  const send = (path: string, body: object, done: string): Promise<boolean> =>
    officePost(BookingAdminViewSchema, `${BOOKING_API}${path}`, {
      site: view?.siteId,
      ...body,
    }).then(
      (next) => {
        setView(next);
        setMessage(done);
        return true;
      },
      (failure: unknown) => {
        setMessage(
          t(`office.errors.${failure instanceof OfficeApiError ? failure.code : 'internal'}`),
        );
        return false;
      },
    );

  if (!view) return null;
  const service = view.services.find((candidate) => candidate.id === serviceId);
  const schedule =
    view.schedules.find((candidate) => candidate.serviceId === serviceId) ?? newSchedule(serviceId);

  return (
    <>
      <section aria-labelledby={`${id}-title`} className="office-panel">
        <h2 id={`${id}-title`}>{t('officeBooking.schedules.title')}</h2>
        <div className="office-field">
          <label htmlFor={`${id}-service`}>{t('officeBooking.schedules.service')}</label>
          <select
            id={`${id}-service`}
            value={serviceId}
            onChange={(event) => setServiceId(event.target.value)}
          >
            {view.services.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.name}
              </option>
            ))}
          </select>
        </div>
        {service && (
          <BookingScheduleForm
            schedule={schedule}
            serviceName={service.name}
            onSave={(next: BookingSchedule) =>
              send(
                '/schedule',
                { schedule: next },
                t('officeBooking.schedules.saved', { service: service.name }),
              )
            }
          />
        )}
      </section>
      <BookingHolidaysForm
        holidays={view.holidays}
        services={view.services}
        onAdd={(holiday: Holiday) =>
          send('/holidays', { holiday }, t('officeBooking.holidays.added', { day: holiday.day }))
        }
        onRemove={(holiday: StoredHolidayView) =>
          send(
            '/holidays/remove',
            { id: holiday.id },
            t('officeBooking.holidays.removed', { day: holiday.day }),
          )
        }
      />
      <BookingPolicyForm
        policy={view.policy}
        onSave={(policy: BookingPolicy) =>
          send('/policy', { policy }, t('officeBooking.policy.saved'))
        }
      />
      <p aria-live="polite" className="office-notice" data-testid="booking-settings-message">
        {message}
      </p>
    </>
  );
}
