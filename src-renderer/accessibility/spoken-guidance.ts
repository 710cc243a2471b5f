/**
 * What spoken guidance reads when a screen comes up: its heading, the outcome of the check-in on
 * an outcome screen, then every element the screen marks with `data-guidance`, in document
 * order. It reads what is shown (in the language shown), so speech never drifts from the screen;
 * a screen joins by marking its instructions (`<p data-guidance>`).
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../src-shared/domain/language';
import { LANGUAGES } from '../../src-shared/i18n/catalogs';
import { useOutcomeAnnouncement } from '../components/LiveAnnouncer';
import { useScreen } from '../state/store-context';
import type { SpeechGuide } from './speech-guide';

export const GUIDANCE_ATTRIBUTE = 'data-guidance';

/** One spoken sentence: white space folded, and a full stop where the text has no ending. */
function asSentence(text: string): string {
  const folded = text.replace(/\s+/g, ' ').trim();
  return folded === '' || /[.!?…:]$/.test(folded) ? folded : `${folded}.`;
}

export function guidanceText(root: ParentNode, outcome: string): string {
  const heading = root.querySelector('h1, h2')?.textContent ?? '';
  const marked = [...root.querySelectorAll(`[${GUIDANCE_ATTRIBUTE}]`)].map(
    (element) => element.textContent ?? '',
  );
  const text = [heading, outcome, ...marked].map(asSentence).filter(Boolean).join(' ');
  // The heading is often the outcome's first sentence too: said once, not twice in a row.
  return text
    .split(/(?<=[.!?…])\s+/)
    .filter((sentence, index, all) => sentence !== all[index - 1])
    .join(' ');
}

/** The open dialog when there is one (it is what the citizen sees), otherwise the screen. */
function guidanceRoot(): ParentNode | null {
  return document.querySelector('dialog[open]') ?? document.querySelector('main');
}

const isLanguage = (code: string): code is Language => (LANGUAGES as string[]).includes(code);

/**
 * While `enabled`, reads each screen as it comes up (a new screen, a new outcome, another
 * language, the panel opening or closing), cancelling what was still being said.
 */
export function useSpokenGuidance(guide: SpeechGuide, enabled: boolean, panelOpen: boolean): void {
  const { i18n } = useTranslation();
  const screen = useScreen((state) => state.screen);
  const outcomeSeq = useScreen((state) => state.outcomeSeq);
  const outcome = useOutcomeAnnouncement();
  // The language the screen's texts are now in: the store's changes one render before them.
  const language = i18n.language;

  useEffect(() => {
    if (!enabled) return;
    const root = guidanceRoot();
    if (!root || !isLanguage(language)) return;
    // The outcome belongs to the screen, not to the panel above it.
    guide.say(guidanceText(root, panelOpen ? '' : outcome), language);
    // Only a change of screen, outcome, language or panel re-reads: not the outcome's own text.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [guide, enabled, screen, outcomeSeq, language, panelOpen]);

  useEffect(() => {
    if (!enabled) return;
    return () => guide.stop();
  }, [guide, enabled]);
}
