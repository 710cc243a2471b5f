/**
 * The back office's booking form: a service, a day and one of its free slots (from the server),
 * the citizen's name and, if given, phone, e-mail, DNI/NIE and language; or, when moving a
 * booking, only the day and the slot of its service.
 */
import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  FreeSlotsSchema,
  type DayBooking,
  type FreeSlots,
} from '../../../src-shared/contract/booking';
import { LanguageSchema, type Language } from '../../../src-shared/domain/language';
import { officeGet } from '../common/office-api';

export interface StaffBookingDraft {
  serviceId: string;
  startsAt: string;
  name: string;
  phone?: string;
  email?: string;
  citizenId?: string;
  language: Language;
}

interface Props {
  site: string;
  services: readonly { id: string; name: string }[];
  initialDay: string;
  /** The booking being moved; null for a new booking. */
  moving: DayBooking | null;
  onBook: (draft: StaffBookingDraft) => Promise<boolean>;
  onMove: (booking: DayBooking, startsAt: string) => Promise<boolean>;
  onStopMoving: () => void;
}

const LANGUAGE_NAMES: Readonly<Record<Language, string>> = {
  es: 'Español',
  en: 'English',
  fr: 'Français',
  de: 'Deutsch',
};

export function StaffBookingForm(props: Props) {
  const { site, services, initialDay, moving } = props;
  const { t } = useTranslation();
  const id = useId();
  const [serviceId, setServiceId] = useState(services[0]?.id ?? '');
  const [day, setDay] = useState(initialDay);
  const [slots, setSlots] = useState<FreeSlots['slots']>([]);
  const [startsAt, setStartsAt] = useState('');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [citizenId, setCitizenId] = useState('');
  const [language, setLanguage] = useState<Language>('es');
  const [problem, setProblem] = useState('');
  const [reload, setReload] = useState(0);
  const service = moving?.serviceId ?? serviceId;

  useEffect(() => setServiceId((current) => current || (services[0]?.id ?? '')), [services]);
  useEffect(() => {
    if (!service || !day) return;
    const query = new URLSearchParams({ serviceId: service, day, ...(site ? { site } : {}) });
    officeGet(FreeSlotsSchema, `/office/api/bookings/slots?${query.toString()}`).then(
      (loaded) => {
        setSlots(loaded.slots);
        setStartsAt(loaded.slots[0]?.startsAt ?? '');
      },
      () => setSlots([]),
    );
  }, [service, day, site, reload]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!startsAt || (!moving && name.trim() === '')) {
      setProblem(t('officeBooking.backOffice.errors.invalid'));
      return;
    }
    setProblem('');
    const done = (ok: boolean) => {
      setReload((count) => count + 1);
      return ok;
    };
    if (moving) {
      void props.onMove(moving, startsAt).then(done);
      return;
    }
    void props
      .onBook({
        serviceId,
        startsAt,
        name: name.trim(),
        language,
        ...(phone.trim() ? { phone: phone.trim() } : {}),
        ...(email.trim() ? { email: email.trim() } : {}),
        ...(citizenId.trim() ? { citizenId: citizenId.trim() } : {}),
      })
      .then((booked) => {
        done(booked);
        if (!booked) return;
        setName('');
        setPhone('');
        setEmail('');
        setCitizenId('');
      });
  };

  const field = (key: string, label: string, input: ReactNode) => (
    <div className="office-field" key={key}>
      <label htmlFor={`${id}-${key}`}>{label}</label>
      {input}
    </div>
  );
  const text = (
    key: string,
    label: string,
    value: string,
    set: (next: string) => void,
    type = 'text',
  ) =>
    field(
      key,
      label,
      <input
        id={`${id}-${key}`}
        type={type}
        autoComplete="off"
        maxLength={200}
        value={value}
        onChange={(event) => set(event.target.value)}
      />,
    );

  return (
    <section aria-labelledby={`${id}-title`} className="office-panel">
      <h2 id={`${id}-title`}>
        {moving
          ? t('officeBooking.backOffice.moveTitle', { code: moving.code })
          : t('officeBooking.backOffice.newTitle')}
      </h2>
      <form onSubmit={submit} data-testid="staff-booking-form">
        {!moving &&
          field(
            'service',
            t('officeBooking.backOffice.service'),
            <select
              id={`${id}-service`}
              value={serviceId}
              onChange={(event) => setServiceId(event.target.value)}
            >
              {services.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {candidate.name}
                </option>
              ))}
            </select>,
          )}
        {text('day', t('officeBooking.backOffice.day'), day, setDay, 'date')}
        {slots.length === 0 ? (
          <p>{t('officeBooking.backOffice.noSlots')}</p>
        ) : (
          field(
            'slot',
            t('officeBooking.backOffice.slot'),
            <select
              id={`${id}-slot`}
              value={startsAt}
              onChange={(event) => setStartsAt(event.target.value)}
            >
              {slots.map((slot) => (
                <option key={slot.startsAt} value={slot.startsAt}>
                  {slot.localTime} ({slot.free})
                </option>
              ))}
            </select>,
          )
        )}
        {!moving && (
          <>
            {text('name', t('officeBooking.backOffice.name'), name, setName)}
            {text('phone', t('officeBooking.backOffice.phone'), phone, setPhone, 'tel')}
            {text('email', t('officeBooking.backOffice.email'), email, setEmail, 'email')}
            {text('citizen-id', t('officeBooking.backOffice.citizenId'), citizenId, setCitizenId)}
            {field(
              'language',
              t('officeBooking.backOffice.language'),
              <select
                id={`${id}-language`}
                value={language}
                onChange={(event) => setLanguage(LanguageSchema.parse(event.target.value))}
              >
                {LanguageSchema.options.map((option) => (
                  <option key={option} value={option} lang={option}>
                    {LANGUAGE_NAMES[option]}
                  </option>
                ))}
              </select>,
            )}
          </>
        )}
        {problem && <p role="alert">{problem}</p>}
        <div className="office-actions">
          <button type="submit">
            {moving ? t('officeBooking.backOffice.moveSubmit') : t('officeBooking.backOffice.book')}
          </button>
          {moving && (
            <button type="button" className="office-secondary" onClick={props.onStopMoving}>
              {t('officeBooking.backOffice.stopMoving')}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
