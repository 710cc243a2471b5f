/**
 * Runs the follow page in `root` for a token: keeps the ticket's state fresh, redraws on every
 * change, and alerts once when the ticket is called.
 */
import type { Language } from '../../../src-shared/domain/language';
import { alertCalled, unlockSound } from './alert';
import { followTicket, type FollowView } from './follow-connection';
import { followTexts } from './follow-texts';
import { drawFollowPage, type FollowPageState } from './follow-view';

export function startFollowPage(root: HTMLElement, token: string, language: Language): () => void {
  const page: FollowPageState = { view: { kind: 'loading' }, language, soundOn: false };
  let alerted = false;

  const redraw = () => {
    const t = followTexts(page.language);
    document.documentElement.lang = page.language;
    document.title = t(page.view.kind === 'not-found' ? 'notFoundTitle' : 'pageTitle');
    // Keep focus on the control the citizen used: it is drawn anew.
    const focusedId = document.activeElement?.id;
    drawFollowPage(root, page, t, {
      chooseLanguage: (chosen) => {
        page.language = chosen;
        redraw();
      },
      enableSound: () =>
        void unlockSound().then((on) => {
          page.soundOn = on;
          redraw();
        }),
    });
    if (focusedId) document.getElementById(focusedId)?.focus();
  };

  const show = (view: FollowView) => {
    page.view = view;
    // Once per call: the state is read again after every event, the alert must not repeat.
    const called = view.kind === 'ticket' && view.state.status === 'called';
    if (called && !alerted) alertCalled();
    alerted = called;
    redraw();
  };

  redraw();
  return followTicket(token, show);
}
