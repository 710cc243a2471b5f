/**
 * Which time limit applies to the screen now (WCAG 2.2.1 "Timing Adjustable"). A screen is reset
 * after a spell without a touch; whenever that reset would lose something the citizen may still
 * want (what they typed, the language they chose, a service they were choosing, a message they
 * are reading, a number that exists only on screen), a "¿Necesita más tiempo?" warning shows
 * first and one tap extends the time. Only a result whose ticket came out of the printer goes
 * home unannounced: the citizen holds everything that screen showed.
 */
import type { KioskState } from '../../src-shared/contract/ipc';
import type { Screen } from '../state/screen-store';

export type SessionSeconds = KioskState['session'];

/** Until main has said otherwise: the configuration's defaults. */
export const DEFAULT_SESSION: SessionSeconds = {
  outcomeSeconds: 30,
  idleSeconds: 60,
  warningSeconds: 20,
};

export interface TimeLimit {
  /** Without a touch for this long, the warning shows (or, without one, the screen resets). */
  limitMs: number;
  /** How long the warning shows before the reset; 0 for a reset without warning. */
  warningMs: number;
}

export interface TimeLimitFacts {
  screen: Screen;
  busy: boolean;
  languageChosen: boolean;
  /** The result on screen is a number that did not (or may not) come out on paper. */
  numberOnlyOnScreen: boolean;
}

export function timeLimitFor(facts: TimeLimitFacts, session: SessionSeconds): TimeLimit | null {
  if (facts.busy) return null;
  const warned = (seconds: number): TimeLimit => ({
    limitMs: seconds * 1000,
    warningMs: session.warningSeconds * 1000,
  });
  switch (facts.screen) {
    case 'home':
      // A home screen in the default language has nothing to lose and nowhere to go.
      return facts.languageChosen ? warned(session.idleSeconds) : null;
    case 'entering-code':
    case 'entering-id':
    case 'walk-in':
      return warned(session.idleSeconds);
    case 'error':
      return warned(session.outcomeSeconds);
    case 'result':
      return facts.numberOnlyOnScreen
        ? warned(session.outcomeSeconds)
        : { limitMs: session.outcomeSeconds * 1000, warningMs: 0 };
  }
}
