/**
 * `npm run server -- --port 8085 --seed demo [--database FILE|postgres://…] [--host 127.0.0.1]
 *   [--signing-key FILE]
 *   [--auth required|optional] [--public-host NAME]... [--retention-days N]
 *   [--audit-retention-days N]
 *   [--faults latency=200,error=0.3,drop=0.1,duplicate=0.1,seed=1]`
 *   [--public-origin https://NAME --trust-proxy ADDRESS]`
 * Runs the Turnero server until SIGINT/SIGTERM; prints one line with its URL (and, on a demo
 * server without staff accounts yet, the demo's accounts).
 * `npm run server -- staff …` manages staff accounts instead (staff/staff-cli.ts).
 */
import { parseServerArgs, USAGE } from './cli-options';
import { loadSeed } from './seed';
import { startTurneroServer } from './server';
import { DEMO_STAFF, DEMO_STAFF_PASSWORD } from './staff/staff-admin';
import { runStaffCommand } from './staff/staff-cli';

async function main(): Promise<void> {
  if (process.argv[2] === 'staff') {
    for (const line of await runStaffCommand(process.argv.slice(3), process.env)) {
      console.log(line);
    }
    return;
  }
  const args = parseServerArgs(process.argv.slice(2), process.env);
  if (args.help) {
    console.log(USAGE);
    return;
  }
  // Demo accounts only for a throwaway demo: the demo seed on a database in memory. A server with
  // a database of its own makes its accounts with `staff add`.
  const demo = args.seed === 'demo' && args.options.database === undefined;
  const server = await startTurneroServer({
    ...args.options,
    seed: loadSeed(args.seed),
    demoStaff: demo,
  });
  console.log(
    `Town Hall API listening on ${server.url} (seed: ${args.seed}, auth: ${args.options.auth}` +
      `${args.faultSpec ? `, faults: ${args.faultSpec}` : ''}); desk app ${server.url}/staff; ` +
      `answers Host ${server.allowedHosts.join(', ')}` +
      `${args.options.allowedHosts ? '' : ' and any IP address'}`,
  );
  if (demo) {
    console.log(
      `Demo staff accounts (password ${DEMO_STAFF_PASSWORD}): ` +
        DEMO_STAFF.map((account) => `${account.username} (${account.role})`).join(', '),
    );
  }
  const stop = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  console.error(USAGE);
  process.exit(1);
});
