/**
 * The guard every staff route stands behind, for this module's routes and any other's:
 *
 *   import { requireStaff } from '../staff/guards';
 *   app.get('/office/api/statistics', { preHandler: requireStaff('supervisor') }, handler);
 *
 * It answers 401 (`signed-out`) without a valid session of an enabled account, 403
 * (`forbidden`) when the account's role is below `role` (desk < supervisor < admin), and for
 * any method but GET also checks the request's origin and its CSRF token (`x-csrf-token`
 * header), 403 (`csrf`). On success `request.staff` is the signed-in staff member. The session
 * plugins are registered on the whole server (sessions.ts), so the guard works in any scope.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { StaffMember, StaffRole } from '../../src-shared/contract/office';
import { OfficeHttpError } from './office-errors';
import { checkSameOrigin } from './origin-check';
import { roleAllows } from './roles';

/** The signed-in, enabled staff member of a request's session, or null. */
export async function signedInStaff(request: FastifyRequest): Promise<StaffMember | null> {
  const staffId = request.session.staffId;
  if (!staffId) return null;
  const account = await request.server.turneroOffice.state.store.staff.byId(staffId);
  if (!account || account.disabled) return null;
  return {
    id: account.id,
    username: account.username,
    displayName: account.displayName,
    role: account.role,
  };
}

/** Origin and CSRF token of a state-changing request; false when the refusal was sent. */
export function passesCsrf(request: FastifyRequest, reply: FastifyReply): boolean {
  checkSameOrigin(request.server.turneroOffice, request);
  let passed = false;
  // The plugin's check is synchronous: it calls back, or sends its 403 itself.
  request.server.csrfProtection(request, reply, () => {
    passed = true;
  });
  return passed;
}

export function requireStaff(role: StaffRole) {
  return async (
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<FastifyReply | undefined> => {
    const staff = await signedInStaff(request);
    if (!staff) throw new OfficeHttpError(401, 'signed-out', 'sign in first');
    if (!roleAllows(staff.role, role)) {
      throw new OfficeHttpError(403, 'forbidden', `this needs the ${role} role`);
    }
    if (request.method !== 'GET' && !passesCsrf(request, reply)) return reply;
    request.staff = staff;
    return undefined;
  };
}
