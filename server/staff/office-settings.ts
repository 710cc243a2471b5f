/**
 * The staff side's settings (server options `publicOrigin`, `trustProxy`, `staffSignIn`) and
 * what the guards reach through the Fastify instance (`app.turneroOffice`).
 */
import type { StaffMember } from '../../src-shared/contract/office';
import type { ServerState } from '../context';

export interface StaffSignInLimits {
  /** Wrong passwords in a row that lock an account: 5. */
  maxFailures: number;
  /** How long a locked account waits: 15 minutes. */
  lockMs: number;
  /** Sign-in attempts one client address may make per minute (rate limit): 20. */
  perClientPerMinute: number;
}

export const DEFAULT_SIGN_IN_LIMITS: StaffSignInLimits = {
  maxFailures: 5,
  lockMs: 15 * 60_000,
  perClientPerMinute: 20,
};

export interface OfficeSettings {
  /**
   * The origin staff browsers use (`https://turnero.ayto.example`), when it is not the server's
   * own http address: a TLS reverse proxy's. https makes the session cookie `Secure`.
   */
  publicOrigin: string | null;
  /**
   * Fastify's `trustProxy`: true, or the proxy's addresses. Only then are X-Forwarded-Proto and
   * X-Forwarded-For believed (the cookie's Secure flag and the rate limit's client address).
   */
  trustProxy: boolean | string;
  signIn: StaffSignInLimits;
  /** A session ends this long after its last request: 12 hours. */
  sessionIdleMs: number;
}

export interface OfficeContext {
  state: ServerState;
  settings: OfficeSettings;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The server's state and staff settings, for the guards of any scope. */
    turneroOffice: OfficeContext;
  }
  interface FastifyRequest {
    /** Set by `requireStaff`: the signed-in staff member. */
    staff: StaffMember | null;
  }
  interface Session {
    /** The signed-in staff member's account id. */
    staffId?: string;
  }
}
