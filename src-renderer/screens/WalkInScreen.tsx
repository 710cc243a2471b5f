import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WalkInOptions, WalkInService } from '../../src-shared/contract/ipc';
import { BookingWeb } from '../components/BookingWeb';
import { CalendarIcon, PriorityIcon, SoldOutIcon, TicketIcon } from '../components/flow-icons';
import { useHeadingFocus } from '../components/use-heading-focus';
import { useScreen } from '../state/store-context';
import { PageButtons, PageIndicator } from '../walkin/ServicePager';
import { usePageGuidance } from '../walkin/use-page-guidance';
import { useServicesPerPage } from '../walkin/use-services-per-page';
import { useWalkInOptions } from '../walkin/use-walk-in-options';
import { pageOf } from '../walkin/walk-in-pages';
import { localized } from './ResultScreen';

/**
 * A ticket without appointment: the services that take walk-ins today as large buttons (with
 * what is left of a nearly spent daily cap), the spent ones disabled and explained, and the
 * appointment-only ones pointing to the booking web. When they do not all fit as large buttons,
 * a few at a time with "more services" and "previous" (walkin/walk-in-pages.ts). With priority
 * tickets enabled, one more question before the ticket.
 */
export function WalkInScreen(props: { onIssue(serviceId: string, priority: boolean): void }) {
  const options = useWalkInOptions();
  const [chosen, setChosen] = useState<WalkInService | null>(null);
  if (options.status === 'ready' && options.options.priorityEnabled && chosen) {
    return (
      <PriorityQuestion
        service={chosen}
        onAnswer={(priority) => props.onIssue(chosen.id, priority)}
        onBack={() => setChosen(null)}
      />
    );
  }
  return (
    <ServiceList
      options={options.status === 'ready' ? options.options : null}
      failed={options.status === 'failed'}
      onChoose={(service) => {
        if (options.status === 'ready' && options.options.priorityEnabled) setChosen(service);
        else props.onIssue(service.id, false);
      }}
    />
  );
}

function ServiceList(props: {
  options: WalkInOptions | null;
  failed: boolean;
  onChoose(service: WalkInService): void;
}) {
  const { t } = useTranslation();
  const language = useScreen((state) => state.language);
  const goHome = useScreen((state) => state.goHome);
  const heading = useHeadingFocus<HTMLHeadingElement>();
  const services = props.options?.services ?? [];
  const walkIns = services.filter((service) => service.walkInsAllowed);
  const open = walkIns.filter((service) => service.remainingToday !== 0);
  const spent = walkIns.filter((service) => service.remainingToday === 0);
  const appointmentOnly = services.filter((service) => !service.walkInsAllowed);
  const showRemainingBelow = props.options?.showRemainingBelow ?? 0;
  const pointToBooking = spent.length > 0 || appointmentOnly.length > 0;
  const [wantedPage, setWantedPage] = useState(0);
  const page = pageOf([...open, ...spent], useServicesPerPage(), wantedPage);
  const list = useRef<HTMLUListElement>(null);
  usePageGuidance(list, {
    index: page.index,
    count: page.count,
    names: page.items.map((service) => localized(service.names, language)),
  });

  return (
    <div className="screen screen--walk-in" data-testid="screen-walk-in">
      <div className="walk-in__main">
        <h1 id="walk-in-title" className="screen__title" ref={heading} tabIndex={-1}>
          {t('citizenFlows.walkIn.title')}
        </h1>
        {props.options === null && !props.failed && (
          <p className="screen__hint" role="status">
            {t('citizenFlows.walkIn.loading')}
          </p>
        )}
        {props.failed && (
          <p className="notice notice--warning">{t('citizenFlows.walkIn.unavailable')}</p>
        )}
        {props.options && walkIns.length === 0 && (
          <p className="notice notice--info">{t('citizenFlows.walkIn.none')}</p>
        )}
        {walkIns.length > 0 && <p className="screen__hint">{t('citizenFlows.walkIn.hint')}</p>}
        {page.count > 1 && <PageIndicator index={page.index} count={page.count} />}
        {/* The choice of service is this screen's primary action: the whole list must be in view. */}
        <ul className="service-list" aria-labelledby="walk-in-title" ref={list} data-primary>
          {page.items
            .filter((service) => service.remainingToday !== 0)
            .map((service) => {
              const left = service.remainingToday;
              const showLeft = left !== null && left <= showRemainingBelow;
              return (
                <li key={service.id}>
                  <button
                    type="button"
                    className="service-button"
                    onClick={() => props.onChoose(service)}
                    data-testid={`walk-in-${service.id}`}
                  >
                    <TicketIcon />
                    <span className="service-button__text">
                      <span className="service-button__name">
                        {localized(service.names, language)}
                      </span>
                      {showLeft && (
                        <span className="service-button__note">
                          {t('citizenFlows.walkIn.remaining', { count: left })}
                        </span>
                      )}
                    </span>
                  </button>
                </li>
              );
            })}
          {page.items
            .filter((service) => service.remainingToday === 0)
            .map((service) => (
              <li key={service.id}>
                <button
                  type="button"
                  className="service-button service-button--spent"
                  disabled
                  aria-describedby="walk-in-spent-hint"
                  data-testid={`walk-in-${service.id}`}
                >
                  <SoldOutIcon />
                  <span className="service-button__text">
                    <span className="service-button__name">
                      {localized(service.names, language)}
                    </span>
                    <span className="service-button__note">{t('citizenFlows.walkIn.soldOut')}</span>
                  </span>
                </button>
              </li>
            ))}
        </ul>
        {page.items.some((service) => service.remainingToday === 0) && (
          <p id="walk-in-spent-hint" className="screen__hint">
            {t('citizenFlows.walkIn.soldOutHint')}
          </p>
        )}
      </div>
      {page.count > 1 && <PageButtons index={page.index} count={page.count} onGo={setWantedPage} />}
      {pointToBooking && (
        <aside className="walk-in__booking" data-testid="appointment-only">
          {appointmentOnly.length > 0 && (
            <>
              <h2 className="walk-in__subtitle">
                <CalendarIcon />
                {t('citizenFlows.walkIn.appointmentOnlyTitle')}
              </h2>
              <ul className="appointment-only-list">
                {appointmentOnly.map((service) => (
                  <li key={service.id}>{localized(service.names, language)}</li>
                ))}
              </ul>
            </>
          )}
          <BookingWeb compact />
        </aside>
      )}
      <div className="actions walk-in__actions">
        <button type="button" className="button button--secondary" onClick={goHome}>
          {t('citizenFlows.walkIn.back')}
        </button>
      </div>
    </div>
  );
}

function PriorityQuestion(props: {
  service: WalkInService;
  onAnswer(priority: boolean): void;
  onBack(): void;
}) {
  const { t } = useTranslation();
  const language = useScreen((state) => state.language);
  const heading = useHeadingFocus<HTMLHeadingElement>();
  return (
    <div className="screen screen--priority" data-testid="screen-priority">
      <h1 className="screen__title" ref={heading} tabIndex={-1}>
        {t('citizenFlows.walkIn.priorityTitle')}
      </h1>
      <p className="screen__hint">
        {t('citizenFlows.walkIn.chosenService', {
          service: localized(props.service.names, language),
        })}
      </p>
      <p className="notice notice--info priority-hint" id="priority-hint">
        <PriorityIcon />
        {t('citizenFlows.walkIn.priorityHint')}
      </p>
      <div className="priority-choice">
        <button
          type="button"
          className="button button--primary button--huge"
          onClick={() => props.onAnswer(false)}
          data-primary
        >
          {t('citizenFlows.walkIn.priorityNo')}
        </button>
        <button
          type="button"
          className="button button--secondary button--huge"
          aria-describedby="priority-hint"
          onClick={() => props.onAnswer(true)}
        >
          {t('citizenFlows.walkIn.priorityYes')}
        </button>
      </div>
      <div className="actions">
        <button type="button" className="button button--secondary" onClick={props.onBack}>
          {t('citizenFlows.walkIn.back')}
        </button>
      </div>
    </div>
  );
}
