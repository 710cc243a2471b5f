/**
 * The back office's bookings page (desk staff and up; docs/booking.md): the day's bookings per
 * service with their holders, cancel and change each, and book for a citizen who phones or
 * comes in (StaffBookingForm). Every change goes through the server's capacity rule; a refusal
 * shows the booking error's own text.
 */
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  BookingConfirmationSchema,
  BookingErrorCodeSchema,
  type DayBooking,
} from '../../../src-shared/contract/booking';
import {
  DayBookingsViewSchema,
  type DayBookingsView,
} from '../../../src-shared/contract/booking-office';
import { OfficeApiError, officeGet, officePost } from '../common/office-api';
import { StaffBookingForm, type StaffBookingDraft } from './StaffBookingForm';

const BOOKINGS = '/office/api/bookings';

export function BookingsPage({ site }: { site: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [view, setView] = useState<DayBookingsView | null>(null);
  const [day, setDay] = useState('');
  const [moving, setMoving] = useState<DayBooking | null>(null);
  const [message, setMessage] = useState('');

  useEffect(() => {
    const query = new URLSearchParams({ ...(site ? { site } : {}), ...(day ? { day } : {}) });
    officeGet(DayBookingsViewSchema, `${BOOKINGS}?${query.toString()}`).then(
      (loaded) => {
        setView(loaded);
        setDay(loaded.day);
      },
      () => undefined,
    );
  }, [site, day]);

  /** A booking refusal's own text (its code is the message), else the office's. */
  const refusal = (failure: unknown) => {
    if (!(failure instanceof OfficeApiError)) return t('office.errors.internal');
    const bookingCode = BookingErrorCodeSchema.safeParse(failure.detail);
    const known = ['slot-taken', 'slot-unavailable', 'citizen-id-invalid', 'already-cancelled'];
    return bookingCode.success && known.includes(bookingCode.data)
      ? t(`officeBooking.backOffice.errors.${bookingCode.data}`)
      : t(`office.errors.${failure.code}`);
  };

  const change = (path: string, body: object, done: string) =>
    officePost(DayBookingsViewSchema, `${BOOKINGS}${path}`, { site: view?.siteId, ...body }).then(
      (next) => {
        setView(next);
        setDay(next.day);
        setMessage(done);
        return true;
      },
      (failure: unknown) => {
        setMessage(refusal(failure));
        return false;
      },
    );

  const book = (draft: StaffBookingDraft) =>
    officePost(BookingConfirmationSchema, BOOKINGS, { site: view?.siteId, ...draft }).then(
      ({ booking }) => {
        setMessage(
          t('officeBooking.backOffice.booked', {
            code: booking.code,
            day: booking.localDay,
            time: booking.localTime,
          }),
        );
        if (booking.localDay === day) {
          const query = new URLSearchParams({ ...(site ? { site } : {}), day });
          void officeGet(DayBookingsViewSchema, `${BOOKINGS}?${query.toString()}`).then(setView);
        } else setDay(booking.localDay);
        return true;
      },
      (failure: unknown) => {
        setMessage(refusal(failure));
        return false;
      },
    );

  if (!view) return null;
  const serviceName = (serviceId: string) =>
    view.services.find((service) => service.id === serviceId)?.name ?? serviceId;

  return (
    <div className="office-bookings">
      <h1>{t('officeBooking.backOffice.title')}</h1>
      <p aria-live="polite" className="office-notice" data-testid="bookings-message">
        {message}
      </p>
      <section aria-labelledby={`${id}-list`} className="office-panel">
        <h2 id={`${id}-list`}>{t('officeBooking.backOffice.title')}</h2>
        <div className="office-field">
          <label htmlFor={`${id}-day`}>{t('officeBooking.backOffice.day')}</label>
          <input
            id={`${id}-day`}
            type="date"
            value={day}
            onChange={(event) => event.target.value && setDay(event.target.value)}
          />
        </div>
        {view.bookings.length === 0 ? (
          <p>{t('officeBooking.backOffice.none')}</p>
        ) : (
          <table className="office-table" data-testid="day-bookings">
            <thead>
              <tr>
                <th scope="col">{t('officeBooking.backOffice.time')}</th>
                <th scope="col">{t('officeBooking.backOffice.service')}</th>
                <th scope="col">{t('officeBooking.backOffice.code')}</th>
                <th scope="col">{t('officeBooking.backOffice.name')}</th>
                <th scope="col">{t('officeBooking.backOffice.contact')}</th>
                <th scope="col">{t('officeBooking.backOffice.source')}</th>
                <th scope="col">{t('officeBooking.backOffice.status')}</th>
                <th scope="col">{t('officeBooking.backOffice.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {view.bookings.map((booking) => (
                <tr key={booking.appointmentId}>
                  <td>{booking.localTime}</td>
                  <td>{serviceName(booking.serviceId)}</td>
                  <td>{booking.code}</td>
                  <td>{booking.name}</td>
                  <td>{booking.contact}</td>
                  <td>{t(`officeBooking.backOffice.sources.${booking.source}`)}</td>
                  <td>{t(`officeBooking.backOffice.statuses.${booking.status}`)}</td>
                  <td className="office-row-actions">
                    {booking.status === 'booked' && (
                      <>
                        <button
                          type="button"
                          className="office-secondary"
                          onClick={() => setMoving(booking)}
                        >
                          {t('officeBooking.backOffice.move', { code: booking.code })}
                        </button>
                        <button
                          type="button"
                          className="office-secondary"
                          onClick={() =>
                            void change(
                              '/cancel',
                              { appointmentId: booking.appointmentId },
                              t('officeBooking.backOffice.cancelled', { code: booking.code }),
                            )
                          }
                        >
                          {t('officeBooking.backOffice.cancel', { code: booking.code })}
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <StaffBookingForm
        key={moving?.appointmentId ?? 'new'}
        site={site}
        services={view.services}
        initialDay={day}
        moving={moving}
        onBook={book}
        onMove={(booking, startsAt) =>
          change(
            '/move',
            { appointmentId: booking.appointmentId, startsAt },
            t('officeBooking.backOffice.moved', { code: booking.code }),
          ).then((ok) => {
            if (ok) setMoving(null);
            return ok;
          })
        }
        onStopMoving={() => setMoving(null)}
      />
    </div>
  );
}
