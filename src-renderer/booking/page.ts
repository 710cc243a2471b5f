/**
 * The page's frame: the header with the office's name and the language switch, and one view at a
 * time in `<main>`. A view is a function of the page, so switching the language draws the same
 * view again in the new one (each view keeps what the citizen typed in its own state). A new
 * view moves the focus to its heading, so a screen reader says where the citizen is.
 */
import type { Language } from '../../src-shared/domain/language';
import { BOOKING_LANGUAGES } from '../../src-shared/domain/booking-texts';
import { bookingTexts, LANGUAGE_NAMES, type BookingTexts } from './texts';
import { button, h } from './dom';
import type { PageErrorCode } from './api';

export interface Page {
  readonly language: Language;
  readonly t: BookingTexts;
  /** Shows a view and announces it (its heading takes the focus). */
  show(view: View): void;
  /** Draws the current view again (its data arrived), leaving the focus where it is. */
  redraw(): void;
  /** The office's name in the header, once known. */
  setOffice(name: string): void;
  /** Switches the language, as the language buttons do. */
  setLanguage(language: Language): void;
}

export type View = (page: Page) => Node;

export function startPage(
  root: HTMLElement,
  initial: Language,
  titleKey: 'pageTitle' | 'manageTitle',
): Page {
  let language = initial;
  let office = '';
  let current: View = () => h('p', {}, '');
  const officeLine = h('p', { class: 'booking-office' });
  const switcher = h('nav', { class: 'booking-languages' });
  const main = h('main', { id: 'booking-main', class: 'booking-main' });
  root.replaceChildren(h('header', { class: 'booking-header' }, officeLine, switcher), main);

  const draw = (focus: boolean) => {
    const t = bookingTexts(language);
    document.documentElement.lang = language;
    document.title = office ? `${t(titleKey)} · ${office}` : t(titleKey);
    officeLine.textContent = office;
    switcher.setAttribute('aria-label', t('languageLabel'));
    switcher.replaceChildren(
      ...BOOKING_LANGUAGES.map((each) =>
        button(
          LANGUAGE_NAMES[each],
          () => {
            language = each;
            draw(false);
          },
          { lang: each, 'aria-pressed': each === language ? 'true' : 'false' },
        ),
      ),
    );
    main.replaceChildren(current(page));
    if (focus) main.querySelector<HTMLElement>('h1')?.focus();
  };

  const page: Page = {
    get language() {
      return language;
    },
    get t() {
      return bookingTexts(language);
    },
    show: (view) => {
      current = view;
      draw(true);
    },
    redraw: () => draw(false),
    setOffice: (name) => {
      office = name;
      draw(false);
    },
    setLanguage: (chosen) => {
      language = chosen;
      draw(false);
    },
  };
  draw(false);
  return page;
}

/** A refusal or failure, in words, announced at once. */
export const errorMessage = (page: Page, code: PageErrorCode): HTMLElement =>
  h('p', { class: 'booking-error', role: 'alert' }, page.t(`error-${code}`));

export const stepLine = (page: Page, step: number, total: number): HTMLElement =>
  h('p', { class: 'booking-step' }, page.t('stepOf', { step, total }));
