/**
 * `npm run server -- staff …`: staff accounts for a real office, on the server's database
 * (`--database FILE|postgres://…`, or TURNERO_DATABASE_URL; default turnero-server.sqlite):
 *
 *   staff add USERNAME --role desk|supervisor|admin [--name "Full name"]
 *   staff reset-password USERNAME
 *   staff disable USERNAME | staff enable USERNAME
 *   staff list
 *
 * A new or reset password is generated and printed once (or read from TURNERO_STAFF_PASSWORD);
 * only its scrypt hash is stored. Every change is written to the staff audit log as `cli`.
 */
import { parseArgs } from 'node:util';
import { StaffRoleSchema } from '../../src-shared/contract/office';
import { openServerStore } from '../store/store';
import { audit } from './desk-service';
import { generatePassword, hashPassword } from './passwords';
import { staffAdmin } from './staff-admin';
import type { ServerState } from '../context';

export const STAFF_USAGE =
  'usage: npm run server -- staff add USERNAME --role desk|supervisor|admin [--name NAME] | ' +
  'staff reset-password USERNAME | staff disable USERNAME | staff enable USERNAME | staff list ' +
  '[--database FILE|postgres://…]';

/** Runs one staff command; returns the lines to print. */
export async function runStaffCommand(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  now: () => Date = () => new Date(),
): Promise<string[]> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: {
      role: { type: 'string' },
      name: { type: 'string' },
      database: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  const [command, username] = positionals;
  const database = values.database ?? (env.TURNERO_DATABASE_URL || 'turnero-server.sqlite');
  const store = await openServerStore(database);
  // The audit log's writer needs only the store and the clock.
  const state = { store, now } as Pick<ServerState, 'store' | 'now'> as ServerState;
  const actor = { id: 'cli', username: 'cli' };
  const password = () => env.TURNERO_STAFF_PASSWORD || generatePassword();
  try {
    if (command === 'list') {
      return (await store.staff.list()).map(
        (account) =>
          `${account.username}\t${account.role}\t${account.disabled ? 'disabled' : 'active'}\t${account.displayName}`,
      );
    }
    if (!username) throw new Error(STAFF_USAGE);
    if (command === 'add') {
      const role = StaffRoleSchema.parse(values.role);
      const chosen = password();
      await staffAdmin(store, now).createAccount({
        username,
        role,
        password: chosen,
        ...(values.name ? { displayName: values.name } : {}),
      });
      await audit(state, actor, null, 'staff-create', { username, role });
      return [`created ${username} (${role}); password: ${chosen}`];
    }
    const account = await store.staff.byUsername(username.toLowerCase());
    if (!account) throw new Error(`no staff account ${username}`);
    if (command === 'reset-password') {
      const chosen = password();
      await store.staff.setPasswordHash(account.id, await hashPassword(chosen));
      await store.staffSessions.destroyOfStaff(account.id);
      await audit(state, actor, null, 'staff-update', { username, passwordReset: true });
      return [`new password for ${username}: ${chosen}`];
    }
    if (command === 'disable' || command === 'enable') {
      await store.staff.setDisabled(account.id, command === 'disable');
      if (command === 'disable') await store.staffSessions.destroyOfStaff(account.id);
      await audit(state, actor, null, 'staff-update', {
        username,
        disabled: command === 'disable',
      });
      return [`${username} ${command}d`];
    }
    throw new Error(STAFF_USAGE);
  } finally {
    await store.close();
  }
}
