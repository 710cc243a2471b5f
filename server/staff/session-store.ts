/**
 * The `@fastify/session` store over the server's database (`staff_sessions`): a session lives
 * `idleMs` after its last use (each request saves it again: rolling), by the server's clock.
 */
import type { SessionStore } from '@fastify/session';
import type { Session } from 'fastify';
import type { StaffSessionsRepository } from '../store/staff-sessions-repository';

type Callback = (error?: unknown) => void;
type GetCallback = (error: unknown, session?: Session | null) => void;

export function databaseSessionStore(
  sessions: StaffSessionsRepository,
  now: () => Date,
  idleMs: number,
): SessionStore {
  return {
    get(sessionId: string, callback: GetCallback) {
      sessions.get(sessionId, now().getTime()).then(
        (json) => callback(null, json === undefined ? null : (JSON.parse(json) as Session)),
        (error: unknown) => callback(error),
      );
    },
    set(sessionId: string, session: Session, callback: Callback) {
      sessions.set(sessionId, JSON.stringify(session), now().getTime() + idleMs).then(
        () => callback(),
        (error: unknown) => callback(error),
      );
    },
    destroy(sessionId: string, callback: Callback) {
      sessions.destroy(sessionId).then(
        () => callback(),
        (error: unknown) => callback(error),
      );
    },
  };
}
