import { useTranslation } from 'react-i18next';

/** An arrow for the pager's buttons: left for the previous page, right for the next one. */
function PageArrow(props: { direction: 'previous' | 'next' }) {
  const path = props.direction === 'next' ? 'M18 8l16 16-16 16' : 'M30 8L14 24l16 16';
  return (
    <svg className="service-pager__arrow" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
      <path d={path} fill="none" stroke="currentColor" strokeWidth="6" strokeLinecap="round" />
    </svg>
  );
}

/**
 * Which page of services is shown, above them: a live region, so a screen reader says which page
 * came up. It is read, not tapped, so in low reach it may sit above the reach line.
 */
export function PageIndicator(props: { index: number; count: number }) {
  const { t } = useTranslation();
  return (
    <p className="service-pager__page" role="status" data-testid="walk-in-page">
      {t('walkInPages.page', { page: String(props.index + 1), pages: String(props.count) })}
    </p>
  );
}

/**
 * "Previous" and "more services" under the walk-in services, when they take more than one page.
 * Both keep their place on every page (the one at either end is hidden, not removed), so a hand
 * finds them where it found them before.
 */
export function PageButtons(props: { index: number; count: number; onGo(index: number): void }) {
  const { t } = useTranslation();
  const { index, count } = props;
  return (
    <div className="service-pager" data-testid="walk-in-pager">
      <button
        type="button"
        className="button button--secondary service-pager__button"
        disabled={index === 0}
        onClick={() => props.onGo(index - 1)}
        data-testid="walk-in-previous"
      >
        <PageArrow direction="previous" />
        {t('walkInPages.previous')}
      </button>
      <button
        type="button"
        className="button button--secondary service-pager__button"
        disabled={index === count - 1}
        onClick={() => props.onGo(index + 1)}
        data-testid="walk-in-next"
      >
        {t('walkInPages.next')}
        <PageArrow direction="next" />
      </button>
    </div>
  );
}
