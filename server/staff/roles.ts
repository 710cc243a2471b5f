/** What each staff role may do: a supervisor does what a desk does, an administrator all. */
import type { StaffRole } from '../../src-shared/contract/office';

const RANK: Readonly<Record<StaffRole, number>> = { desk: 1, supervisor: 2, admin: 3 };

/** True when `role` may use what `required` guards. */
export const roleAllows = (role: StaffRole, required: StaffRole): boolean =>
  RANK[role] >= RANK[required];
