/**
 * The renderer tests' stand-in for `window.turnero`: answers requests (check-ins, walk-ins,
 * reprints) from settable functions, records what the screen asked, can hold a check-in answer
 * back, and emits main's events.
 * Shared by every renderer test, with the helpers that render the kiosk and tap its keyboards.
 */
import { fireEvent, render, screen, within } from '@testing-library/react';
import { App } from '../../src-renderer/App';
import type {
  CheckInResult,
  EventChannel,
  EventOf,
  IpcResult,
  KioskState,
  RequestChannel,
  RequestOf,
  ResponseOf,
  TurneroBridge,
  WalkInOptions,
} from '../../src-shared/contract/ipc';
import type { TechnicianSessionView } from '../../src-shared/contract/technician';
import type { Language } from '../../src-shared/domain/language';
import { kioskStateFixture } from './kiosk-state-fixture';

/** The technician session as main reports it while nobody has opened it. */
export const CLOSED_TECHNICIAN_SESSION: TechnicianSessionView = {
  phase: 'closed',
  via: null,
  cardId: null,
  lockedForSeconds: null,
  triesLeft: 5,
  pinSet: true,
  idleSeconds: 120,
};

export type TechnicianAnswers = {
  [C in RequestChannel]?: (payload: RequestOf<C>) => IpcResult<ResponseOf<C>>;
};

export interface FakeRequest {
  channel: RequestChannel;
  payload: unknown;
}

export class FakeBridge implements TurneroBridge {
  readonly requests: FakeRequest[] = [];
  state: KioskState = kioskStateFixture();
  /** The answer to `kiosk:get-state`: by default the state above. */
  getState: () => IpcResult<KioskState> = () => ({ ok: true, value: this.state });
  /** What the walk-in screen is offered (`walkin:get-options`). */
  walkInOptions: WalkInOptions = { services: [], priorityEnabled: false, showRemainingBelow: 10 };
  /** The answer to `walkin:get-options`: by default the options above. */
  getWalkInOptions: () => IpcResult<WalkInOptions> = () => ({
    ok: true,
    value: this.walkInOptions,
  });
  /** The answer to `walkin:issue`: refused until a test scripts it. */
  walkIn: (request: RequestOf<'walkin:issue'>) => IpcResult<CheckInResult> = () => ({
    ok: false,
    error: { code: 'walk-ins-not-allowed' },
  });
  checkIn: (request: RequestOf<'checkin:submit'>) => IpcResult<CheckInResult> = () => ({
    ok: false,
    error: { code: 'booking-not-found' },
  });
  reprint: (ticketId: string) => IpcResult<ResponseOf<'ticket:reprint'>> = () => ({
    ok: false,
    error: { code: 'reprint-not-allowed' },
  });
  /** Answers of other channels (the technician's panels), set by the test. */
  technician: TechnicianAnswers = {};
  private readonly listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();
  private held: (() => void) | null = null;
  private holdNext = false;

  /** What the screen submitted for check-in, in order. */
  get submissions(): RequestOf<'checkin:submit'>[] {
    return this.requests
      .filter((request) => request.channel === 'checkin:submit')
      .map((request) => request.payload as RequestOf<'checkin:submit'>);
  }

  /** What the screen asked for without appointment, in order. */
  get walkIns(): RequestOf<'walkin:issue'>[] {
    return this.requests
      .filter((request) => request.channel === 'walkin:issue')
      .map((request) => request.payload as RequestOf<'walkin:issue'>);
  }

  /** The session languages the screen told main, in order (null: the session ended). */
  get sessionLanguages(): (Language | null)[] {
    return this.requests
      .filter((request) => request.channel === 'session:set-language')
      .map((request) => (request.payload as RequestOf<'session:set-language'>).language);
  }

  /** The next check-in's (or walk-in's) answer waits until `release()`. */
  hold(): void {
    this.holdNext = true;
  }

  release(): void {
    this.held?.();
    this.held = null;
  }

  invoke<C extends RequestChannel>(
    channel: C,
    payload: RequestOf<C>,
  ): Promise<IpcResult<ResponseOf<C>>> {
    this.requests.push({ channel, payload });
    const answer = this.answer(channel, payload);
    return answer instanceof Promise
      ? (answer as Promise<IpcResult<ResponseOf<C>>>)
      : Promise.resolve(answer as IpcResult<ResponseOf<C>>);
  }

  on<E extends EventChannel>(event: E, listener: (payload: EventOf<E>) => void): () => void {
    const set = this.listeners.get(event) ?? new Set();
    this.listeners.set(event, set);
    const untyped = listener as (payload: unknown) => void;
    set.add(untyped);
    return () => set.delete(untyped);
  }

  emit<E extends EventChannel>(event: E, payload: EventOf<E>): void {
    for (const listener of this.listeners.get(event) ?? []) listener(payload);
  }

  private maybeHeld(
    answer: () => IpcResult<CheckInResult>,
  ): IpcResult<CheckInResult> | Promise<IpcResult<CheckInResult>> {
    if (!this.holdNext) return answer();
    this.holdNext = false;
    return new Promise((resolve) => {
      this.held = () => resolve(answer());
    });
  }

  private answer(
    channel: RequestChannel,
    payload: unknown,
  ): IpcResult<unknown> | Promise<IpcResult<CheckInResult>> {
    switch (channel) {
      case 'kiosk:get-state':
        return this.getState();
      case 'session:set-language': {
        const { language } = payload as RequestOf<'session:set-language'>;
        return { ok: true, value: { language: language ?? this.state.defaultLanguage } };
      }
      case 'ticket:reprint':
        return this.reprint((payload as RequestOf<'ticket:reprint'>).ticketId);
      case 'checkin:submit':
        return this.maybeHeld(() => this.checkIn(payload as RequestOf<'checkin:submit'>));
      case 'walkin:get-options':
        return this.getWalkInOptions();
      case 'walkin:issue':
        return this.maybeHeld(() => this.walkIn(payload as RequestOf<'walkin:issue'>));
      case 'tech:session-get':
        return { ok: true, value: CLOSED_TECHNICIAN_SESSION };
      default: {
        // Other technician and wizard channels: what the test set, else as the real dispatcher answers
        // outside a technician session.
        const answer = this.technician[channel] as ((payload: unknown) => unknown) | undefined;
        return answer
          ? (answer(payload) as IpcResult<unknown>)
          : { ok: false, error: { code: 'technician-session-required' } };
      }
    }
  }
}

/** Renders the kiosk on `bridge` and waits for its home screen. */
export async function renderKiosk(
  bridge: TurneroBridge,
  props: Partial<Omit<Parameters<typeof App>[0], 'bridge'>> = {},
) {
  const view = render(<App bridge={bridge} {...props} />);
  await screen.findByText('Ayuntamiento de Villanueva de la Peña');
  return view;
}

/** Taps `text` on the on-screen keyboard named `keyboardName`. */
export function tapKeys(text: string, keyboardName = 'Teclado'): void {
  const keyboard = screen.getByRole('group', { name: keyboardName });
  for (const character of text) {
    fireEvent.click(within(keyboard).getByRole('button', { name: character }));
  }
}
