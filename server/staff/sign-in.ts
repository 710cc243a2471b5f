/**
 * Sign-in and sign-out of staff (docs/server.md, "Staff accounts"). A wrong password counts
 * against the account: after `maxFailures` in a row it is locked for `lockMs` (423 `locked`,
 * with when to try again), whatever the password. An unknown or disabled account answers like a
 * wrong password (401 `bad-credentials`) after the same scrypt work. The session id is replaced
 * at sign-in (no session fixation) and a new CSRF token goes with the answer.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SessionResponse, StaffMember } from '../../src-shared/contract/office';
import type { ServerState } from '../context';
import { audit } from './desk-service';
import { OfficeHttpError } from './office-errors';
import type { StaffSignInLimits } from './office-settings';
import { decoyHash, verifyPassword } from './passwords';

export async function signIn(
  state: ServerState,
  limits: StaffSignInLimits,
  request: FastifyRequest,
  reply: FastifyReply,
  credentials: { username: string; password: string },
): Promise<SessionResponse> {
  const username = credentials.username.trim().toLowerCase();
  const account = await state.store.staff.byUsername(username);
  const nowMs = state.now().getTime();
  if (account?.lockedUntilMs && account.lockedUntilMs > nowMs) {
    await audit(state, account, null, 'sign-in-refused-locked');
    throw new OfficeHttpError(423, 'locked', 'account locked', account.lockedUntilMs);
  }
  const matches = await verifyPassword(
    credentials.password,
    account?.passwordHash ?? (await decoyHash()),
  );
  if (!account || account.disabled || !matches) {
    if (account && !account.disabled) {
      const lockUntil = nowMs + limits.lockMs;
      await state.store.staff.recordFailure(account.id, limits.maxFailures, lockUntil);
      const after = await state.store.staff.byId(account.id);
      if (after?.lockedUntilMs && after.lockedUntilMs > nowMs) {
        await audit(state, account, null, 'account-locked');
        throw new OfficeHttpError(423, 'locked', 'account locked', after.lockedUntilMs);
      }
    }
    await audit(state, account ?? null, null, 'sign-in-failed', {}, username.slice(0, 40));
    throw new OfficeHttpError(401, 'bad-credentials', 'wrong username or password');
  }
  await state.store.staff.clearFailures(account.id);
  // A new session id: one planted before sign-in is worth nothing after it.
  await request.session.regenerate();
  request.session.staffId = account.id;
  const staff: StaffMember = {
    id: account.id,
    username: account.username,
    displayName: account.displayName,
    role: account.role,
  };
  await audit(state, staff, null, 'sign-in');
  return { staff, csrfToken: reply.generateCsrf() };
}

export async function signOut(
  state: ServerState,
  staff: StaffMember,
  request: FastifyRequest,
): Promise<void> {
  await audit(state, staff, null, 'sign-out');
  await request.session.destroy();
}
