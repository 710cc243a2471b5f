/**
 * The technician session (docs/technician.md): a main-process object the screen only sees as a
 * `TechnicianSessionView`. Closed → (hidden gesture, or a valid technician card) → PIN pad →
 * open. A right PIN opens it; five wrong ones lock it (pin-lockout.ts); leaving, or two minutes
 * without a touch, closes it. Every entry, wrong PIN, lockout and exit is audited.
 *
 * PIN checks run one at a time, so that requests fired together cannot try more PINs than the
 * lockout allows.
 */
import { Emitter } from '../../src-shared/common/emitter';
import type {
  CardRefusal,
  PinEntryOutcome,
  TechnicianSessionView,
} from '../../src-shared/contract/technician';
import type { AuditLog } from './audit-log';
import type { PinFile } from './pin-file';
import type { PinLockout } from './pin-lockout';
import { isWeakPin } from './pin-rules';
import type { TechnicianCardVerifier } from './technician-card';

/** Without a touch for this long, an open session (or a waiting PIN pad) closes. */
export const TECHNICIAN_IDLE_MS = 2 * 60_000;

export type SessionEndReason = 'exit' | 'cancel' | 'inactivity' | 'locked';
export type PinChangeOutcome = 'changed' | 'wrong-pin' | 'weak-pin' | 'locked';

export interface TechnicianSessionDeps {
  pins: Pick<PinFile, 'isSet' | 'matches' | 'set'>;
  lockout: PinLockout;
  cards: Pick<TechnicianCardVerifier, 'verify'>;
  audit: Pick<AuditLog, 'write'>;
  idleMs?: number;
}

type Phase = TechnicianSessionView['phase'];

export class TechnicianSession {
  private readonly changed = new Emitter<TechnicianSessionView>();
  private phase: Phase = 'closed';
  private via: 'gesture' | 'card' | null = null;
  private cardId: string | null = null;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  private pinQueue: Promise<unknown> = Promise.resolve();
  private readonly idleMs: number;

  /** Told at every change of phase, lockout or tries left. */
  readonly onChange = this.changed.event;

  constructor(private readonly deps: TechnicianSessionDeps) {
    this.idleMs = deps.idleMs ?? TECHNICIAN_IDLE_MS;
  }

  view(): TechnicianSessionView {
    const lockedMs = this.deps.lockout.lockedForMs();
    return {
      phase: this.phase,
      via: this.via,
      cardId: this.cardId,
      lockedForSeconds: lockedMs > 0 ? Math.ceil(lockedMs / 1000) : null,
      triesLeft: this.deps.lockout.triesLeft(),
      pinSet: this.deps.pins.isSet(),
      idleSeconds: Math.round(this.idleMs / 1000),
    };
  }

  isOpen(): boolean {
    return this.phase === 'open';
  }

  /** Who the audit log names: the card's id, or the technician who knows the PIN. */
  actor(): string {
    return this.cardId === null ? 'technician' : `card:${this.cardId}`;
  }

  /** The hidden gesture was confirmed: the PIN pad (showing the lockout, if any). */
  begin(): TechnicianSessionView {
    if (this.phase === 'open') return this.view();
    this.enterPhase('pin', 'gesture', null);
    return this.view();
  }

  /** A scanned technician card: a valid one brings up the PIN pad with its id. */
  presentCard(scan: string): { refusal: CardRefusal | null; session: TechnicianSessionView } {
    if (this.phase === 'open') return { refusal: null, session: this.view() };
    const card = this.deps.cards.verify(scan);
    if (!card.ok) {
      this.deps.audit.write({
        actor: card.cardId === null ? 'unknown' : `card:${card.cardId}`,
        action: 'card-refused',
        detail: card.refusal,
      });
      return { refusal: card.refusal, session: this.view() };
    }
    this.enterPhase('pin', 'card', card.cardId);
    return { refusal: null, session: this.view() };
  }

  enterPin(pin: string): Promise<{ outcome: PinEntryOutcome; session: TechnicianSessionView }> {
    return this.oneAtATime(async () => {
      const outcome = await this.checkPin(pin);
      return { outcome, session: this.view() };
    });
  }

  /** The technician is still there: the inactivity timer starts again. */
  touch(): TechnicianSessionView {
    if (this.phase !== 'closed') this.armIdleTimer();
    return this.view();
  }

  end(reason: SessionEndReason): TechnicianSessionView {
    if (this.phase === 'open') {
      this.deps.audit.write({ actor: this.actor(), action: 'session-closed', detail: reason });
    }
    if (this.phase !== 'closed') this.enterPhase('closed', null, null);
    return this.view();
  }

  /** A new PIN, in an open session, after the current one (a wrong one counts as a try). */
  changePin(current: string, next: string): Promise<PinChangeOutcome> {
    return this.oneAtATime(async () => {
      if (this.phase !== 'open') return 'wrong-pin';
      if (!(await this.deps.pins.matches(current))) {
        return this.wrongPin() ? 'locked' : 'wrong-pin';
      }
      this.deps.lockout.recordSuccess();
      if (isWeakPin(next)) return 'weak-pin';
      await this.deps.pins.set(next);
      this.deps.audit.write({ actor: this.actor(), action: 'pin-changed' });
      return 'changed';
    });
  }

  dispose(): void {
    this.clearIdleTimer();
    this.changed.dispose();
  }

  private async checkPin(pin: string): Promise<PinEntryOutcome> {
    if (this.phase !== 'pin') return 'not-requested';
    if (this.deps.lockout.lockedForMs() > 0) return 'locked';
    if (!this.deps.pins.isSet()) return 'no-pin';
    const right = await this.deps.pins.matches(pin);
    if (!right) return this.wrongPin() ? 'locked' : 'wrong-pin';
    // Cancelled (or timed out) while the hash was being checked: the pad is gone.
    if (this.phase !== 'pin') return 'not-requested';
    this.deps.lockout.recordSuccess();
    this.enterPhase('open', this.via, this.cardId);
    this.deps.audit.write({
      actor: this.actor(),
      action: 'session-opened',
      detail: this.via ?? 'gesture',
    });
    return 'opened';
  }

  /** Counts a wrong PIN and audits it; true when it locked the mode (an open session closes). */
  private wrongPin(): boolean {
    const locked = this.deps.lockout.recordFailure();
    this.deps.audit.write({ actor: this.actor(), action: 'pin-wrong' });
    if (locked) {
      this.deps.audit.write({ actor: this.actor(), action: 'locked' });
      if (this.phase === 'open') this.end('locked');
    }
    this.changed.fire(this.view());
    return locked;
  }

  private enterPhase(phase: Phase, via: TechnicianSessionView['via'], cardId: string | null) {
    this.phase = phase;
    this.via = via;
    this.cardId = cardId;
    if (phase === 'closed') this.clearIdleTimer();
    else this.armIdleTimer();
    this.changed.fire(this.view());
  }

  private armIdleTimer(): void {
    this.clearIdleTimer();
    this.idleTimer = setTimeout(() => this.end('inactivity'), this.idleMs);
    this.idleTimer.unref?.();
  }

  private clearIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  private oneAtATime<T>(work: () => Promise<T>): Promise<T> {
    const run = this.pinQueue.then(work, work);
    this.pinQueue = run.catch(() => undefined);
    return run;
  }
}
