/**
 * Staff accounts made outside the app: the `staff` CLI (staff-cli.ts), the demo's accounts and
 * tests, straight on the store. The office's first administrator is made this way.
 */
import { randomUUID } from 'node:crypto';
import {
  PasswordSchema,
  StaffRoleSchema,
  UsernameSchema,
  type CallOrder,
  type StaffRole,
} from '../../src-shared/contract/office';
import type { AuditEntry } from '../store/staff-repository';
import type { ServerStore } from '../store/store';
import { hashPassword } from './passwords';

export interface NewStaffAccount {
  username: string;
  displayName?: string;
  role: StaffRole;
  password: string;
}

export interface StaffAdmin {
  /** The new account's id; throws when the username is taken or a field is invalid. */
  createAccount(account: NewStaffAccount): Promise<string>;
  setCallOrder(siteId: string, order: CallOrder): Promise<void>;
  /** The newest audit entries, newest first. */
  auditLog(limit?: number): Promise<AuditEntry[]>;
}

/** The demo's accounts (README, docs/office.md): one per role, the same documented password. */
export const DEMO_STAFF_PASSWORD = 'turnero-demo';
export const DEMO_STAFF: readonly Omit<NewStaffAccount, 'password'>[] = [
  { username: 'mesa', displayName: 'Personal de mesa', role: 'desk' },
  { username: 'supervisora', displayName: 'Supervisora', role: 'supervisor' },
  { username: 'admin', displayName: 'Administración', role: 'admin' },
];

export function staffAdmin(store: ServerStore, now: () => Date): StaffAdmin {
  return {
    createAccount: async (account) => {
      const username = UsernameSchema.parse(account.username);
      const role = StaffRoleSchema.parse(account.role);
      const password = PasswordSchema.parse(account.password);
      const id = randomUUID();
      const created = await store.staff.insert(
        {
          id,
          username,
          displayName: account.displayName?.trim() || username,
          role,
          passwordHash: await hashPassword(password),
        },
        now(),
      );
      if (!created) throw new Error(`staff account ${username} exists already`);
      return id;
    },
    setCallOrder: (siteId, order) => store.desks.setCallOrder(siteId, order),
    auditLog: (limit = 100) => store.staff.auditLog(limit),
  };
}

/** Creates the demo accounts when the server has no staff account yet; true when it did. */
export async function createDemoStaff(admin: StaffAdmin, store: ServerStore): Promise<boolean> {
  if ((await store.staff.count()) > 0) return false;
  for (const account of DEMO_STAFF) {
    await admin.createAccount({ ...account, password: DEMO_STAFF_PASSWORD });
  }
  return true;
}
