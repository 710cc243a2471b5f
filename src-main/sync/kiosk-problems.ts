/**
 * The kiosk problems (./failure-kinds.ts) the town hall currently answers with, per kind of
 * request. A 403 is about one kind of request and ends when that kind succeeds; a refused
 * credential or a setup mismatch ends when any request succeeds, since every request carries the
 * same credential and runs on the same setup.
 */
import type { AuthProblem } from '../../src-shared/contract/townhall-api';
import type { RequestTrack } from './connectivity';
import type { KioskProblem } from './failure-kinds';

/** Worst first: nothing works without a credential; a setup mismatch stops pulls and pushes. */
const SEVERITY: ReadonlyArray<KioskProblem['kind']> = [
  'unauthorized',
  'misconfigured',
  'forbidden',
];

export class KioskProblems {
  private readonly byTrack = new Map<RequestTrack, KioskProblem>();

  failed(track: RequestTrack, problem: KioskProblem): void {
    this.byTrack.set(track, problem);
  }

  succeeded(track: RequestTrack): void {
    this.byTrack.delete(track);
    for (const [other, problem] of this.byTrack) {
      if (problem.kind !== 'forbidden') this.byTrack.delete(other);
    }
  }

  /** The worst problem now, or null. */
  current(): KioskProblem | null {
    const problems = [...this.byTrack.values()];
    for (const kind of SEVERITY) {
      const found = problems.find((problem) => problem.kind === kind);
      if (found) return found;
    }
    return null;
  }

  authProblem(): AuthProblem | null {
    const kind = this.current()?.kind;
    if (kind === 'unauthorized') return 'unauthorized';
    // A setup mismatch may hide a 403 behind it: still say so.
    return [...this.byTrack.values()].some((problem) => problem.kind === 'forbidden')
      ? 'forbidden'
      : null;
  }
}
