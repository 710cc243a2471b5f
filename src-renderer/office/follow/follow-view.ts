/**
 * The follow page's markup, drawn from its state with plain DOM calls (text only, never HTML
 * strings). Not React: the page is for cheap phones on slow networks, and React with ReactDOM
 * alone is about 70 KB gzip where this whole page is a few KB (docs/follow.md, "Size").
 */
import type { Language } from '../../../src-shared/domain/language';
import type { FollowView } from './follow-connection';
import { FOLLOW_LANGUAGES, type FollowTexts } from './follow-texts';

export interface FollowPageState {
  view: FollowView;
  language: Language;
  soundOn: boolean;
}

export interface FollowPageActions {
  chooseLanguage(language: Language): void;
  enableSound(): void;
}

const LANGUAGE_NAMES: Record<Language, string> = {
  es: 'Español',
  en: 'English',
  fr: 'Français',
  de: 'Deutsch',
};

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

const row = (term: string, description: string, testId: string, className = '') =>
  element(
    'div',
    className ? { class: className } : {},
    element('dt', {}, term),
    element('dd', { 'data-testid': testId }, description),
  );

const timeOf = (iso: string, language: Language): string =>
  new Date(iso).toLocaleTimeString(language, { hour: '2-digit', minute: '2-digit' });

function ticketNodes(
  view: Extract<FollowView, { kind: 'ticket' }>,
  language: Language,
  t: FollowTexts,
): Node[] {
  const { state, online } = view;
  const nodes: Node[] = [];
  if (state.status === 'called') {
    nodes.push(
      element(
        'p',
        { class: 'follow-called', role: 'alert', 'data-testid': 'follow-called' },
        t('yourTurn', { desk: state.desk ?? '' }),
        element('span', { class: 'follow-called__hint' }, t('yourTurnHint')),
      ),
    );
  }
  const card = element(
    'dl',
    { class: 'follow-card' },
    row(t('turnLabel'), state.ticketNumber, 'follow-number', 'follow-card__number'),
    row(t('serviceLabel'), state.serviceNames[language] ?? state.serviceNames.es, 'follow-service'),
  );
  if (state.status === 'waiting' && state.peopleAhead !== undefined) {
    card.append(row(t('peopleAheadLabel'), String(state.peopleAhead), 'follow-ahead'));
  }
  if (state.status === 'waiting' && state.estimatedWaitMinutes !== undefined) {
    card.append(
      row(
        t('estimatedWaitLabel'),
        t('minutes', { minutes: state.estimatedWaitMinutes }),
        'follow-wait',
      ),
    );
  }
  nodes.push(card);
  if (state.status === 'finished')
    nodes.push(element('p', { class: 'follow-note' }, t('finished')));
  nodes.push(
    element(
      'p',
      {
        class: online ? 'follow-status' : 'follow-status follow-status--offline',
        'data-testid': 'follow-status',
      },
      `${online ? t('live') : t('offline')} ${t('updatedAt', { time: timeOf(state.serverTime, language) })}`,
    ),
  );
  return nodes;
}

/** Draws the page into `root` (replacing what was there). */
export function drawFollowPage(
  root: HTMLElement,
  page: FollowPageState,
  t: FollowTexts,
  actions: FollowPageActions,
): void {
  const { view, language, soundOn } = page;
  const select = element('select', { id: 'follow-language' });
  for (const code of FOLLOW_LANGUAGES) {
    const option = element('option', { value: code, lang: code }, LANGUAGE_NAMES[code]);
    option.selected = code === language;
    select.append(option);
  }
  select.addEventListener('change', () => actions.chooseLanguage(select.value as Language));
  const main = element(
    'main',
    { class: 'follow' },
    element(
      'div',
      { class: 'follow-bar' },
      element('label', { for: 'follow-language' }, t('languageLabel')),
      select,
    ),
    element('h1', {}, t(view.kind === 'not-found' ? 'notFoundTitle' : 'pageTitle')),
  );
  if (view.kind === 'not-found') {
    main.append(element('p', { 'data-testid': 'follow-not-found' }, t('notFoundText')));
  }
  if (view.kind === 'ticket') {
    main.append(element('div', { 'aria-live': 'polite' }, ...ticketNodes(view, language, t)));
    if (view.state.status === 'waiting') {
      const button = element(
        'button',
        { type: 'button', class: 'follow-sound', 'aria-pressed': String(soundOn) },
        t(soundOn ? 'soundOn' : 'soundButton'),
      );
      button.addEventListener('click', () => actions.enableSound());
      main.append(button);
    }
  }
  root.replaceChildren(main);
}
