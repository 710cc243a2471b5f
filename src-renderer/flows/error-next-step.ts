/**
 * What an error screen offers after a refusal: a title that does not contradict the message, the
 * facts the citizen needs (a number they already have, the day of their appointment), and the
 * next step most likely to end in a ticket. Retyping is offered only where a typo can be the
 * cause; where it cannot, the next step is a ticket without appointment or the booking web.
 * Pure: the error screen renders it, the unit tests read the table.
 */
import type { IpcError, IpcErrorCode } from '../../src-shared/contract/ipc';
import type { OutcomeOrigin } from '../state/screen-store';

export type NextStep =
  /** The walk-in screen: a ticket without appointment. */
  | 'walk-in'
  /** Back to the walk-in screen from one of its own refusals. */
  | 'choose-service'
  | 'retry-code'
  | 'retry-document'
  /** Home, when the citizen's business here is done (they have a turn, or must come later). */
  | 'done'
  | 'home';

export type ErrorTitle =
  | 'default'
  | 'haveTurn'
  | 'notFound'
  | 'notToday'
  | 'cancelled'
  | 'tooEarly'
  | 'tooLate'
  | 'soldOut'
  | 'appointmentOnly'
  | 'serviceGone';

export interface ErrorGuide {
  title: ErrorTitle;
  /** A turn number the citizen already has (checked in before, here or at another kiosk). */
  number: string | null;
  /** The day (and time) of an appointment that is not today. */
  appointment: { day: string; time: string | null; when: 'tomorrow' | 'later' | 'past' } | null;
  /** The booking may not have reached an offline kiosk yet. */
  offlineHint: boolean;
  /** Booking an appointment is a next step: show the booking web (when the town hall has one). */
  bookingWeb: boolean;
  /** The first, most useful action; `secondary` follow in order. */
  primary: NextStep;
  secondary: NextStep[];
}

export interface ErrorContext {
  origin: OutcomeOrigin;
  /** The kiosk state says it has no connection to the town hall. */
  offline: boolean;
}

interface Rule {
  title: ErrorTitle;
  /** `retry` goes back to the way in that produced the error; `ticket` to a walk-in. */
  steps: ('retry' | 'ticket' | 'done')[];
  bookingWeb?: boolean;
}

const RULES: Partial<Record<IpcErrorCode, Rule>> = {
  'unrecognised-code': { title: 'default', steps: ['retry', 'ticket'] },
  'booking-not-found': { title: 'notFound', steps: ['retry', 'ticket'] },
  'id-document-not-found': { title: 'notFound', steps: ['retry', 'ticket'] },
  'id-document-format': { title: 'default', steps: ['retry'] },
  'id-document-letter': { title: 'default', steps: ['retry'] },
  'kiosk-not-ready': { title: 'default', steps: ['ticket'] },
  'booking-not-today': { title: 'notToday', steps: ['ticket'], bookingWeb: true },
  'booking-cancelled': { title: 'cancelled', steps: ['ticket'], bookingWeb: true },
  'already-checked-in': { title: 'haveTurn', steps: ['done'] },
  'already-checked-in-elsewhere': { title: 'haveTurn', steps: ['done'] },
  'too-early': { title: 'tooEarly', steps: ['done'] },
  'too-late': { title: 'tooLate', steps: ['ticket'] },
  'daily-limit-reached': { title: 'soldOut', steps: [], bookingWeb: true },
  'service-cap-reached': { title: 'soldOut', steps: [], bookingWeb: true },
  'service-unknown': { title: 'serviceGone', steps: ['ticket'] },
  'walk-ins-not-allowed': { title: 'appointmentOnly', steps: [], bookingWeb: true },
  'token-expired': { title: 'default', steps: ['ticket'] },
  'token-forged': { title: 'default', steps: ['ticket'] },
  'token-other-site': { title: 'default', steps: ['ticket'] },
  'ticket-not-found': { title: 'default', steps: [] },
  'reprint-not-allowed': { title: 'default', steps: [] },
};

/** A booking the kiosk may simply not have received yet. */
const NOT_FOUND: ReadonlySet<IpcErrorCode> = new Set<IpcErrorCode>([
  'booking-not-found',
  'id-document-not-found',
]);

function retryStep(origin: OutcomeOrigin): NextStep {
  if (origin === 'id-document') return 'retry-document';
  if (origin === 'walk-in') return 'choose-service';
  return 'retry-code';
}

function appointmentOf(params: Record<string, string>): ErrorGuide['appointment'] {
  if (!params.day) return null;
  const when = params.when === 'tomorrow' || params.when === 'past' ? params.when : 'later';
  return { day: params.day, time: params.time ?? null, when };
}

export function errorGuide(error: IpcError, context: ErrorContext): ErrorGuide {
  const params = error.params ?? {};
  const rule = RULES[error.code] ?? { title: 'default', steps: ['retry'] };
  const offline = NOT_FOUND.has(error.code) && (params.offline === 'true' || context.offline);
  // Offline, retyping a code the kiosk has not received cannot help: the ticket comes first.
  const steps = offline
    ? ['ticket' as const, ...rule.steps.filter((step) => step !== 'ticket')]
    : rule.steps;
  const fromWalkIn = context.origin === 'walk-in';
  const actions: NextStep[] = [];
  for (const step of steps) {
    const action =
      step === 'retry' ? retryStep(context.origin) : step === 'done' ? 'done' : 'walk-in';
    // Inside the walk-in flow, "a ticket without appointment" means choosing another service.
    const resolved = action === 'walk-in' && fromWalkIn ? 'choose-service' : action;
    if (!actions.includes(resolved)) actions.push(resolved);
  }
  // A refusal of the walk-in screen itself (cap reached, appointment only) goes back to its list.
  if (fromWalkIn && !actions.includes('choose-service') && rule.steps.length === 0) {
    actions.push('choose-service');
  }
  if (!actions.includes('done')) actions.push('home');
  const [primary = 'home', ...secondary] = actions;
  return {
    title: rule.title,
    number: rule.title === 'haveTurn' ? (params.number ?? null) : null,
    appointment: error.code === 'booking-not-today' ? appointmentOf(params) : null,
    offlineHint: offline,
    bookingWeb: rule.bookingWeb ?? false,
    primary,
    secondary,
  };
}
