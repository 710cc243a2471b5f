/**
 * `npm run server -- --port 8085 --seed demo [--database FILE|postgres://…] [--host 127.0.0.1]
 *   [--signing-key FILE]
 *   [--auth required|optional] [--public-host NAME]... [--retention-days N]
 *   [--faults latency=200,error=0.3,drop=0.1,duplicate=0.1,seed=1]`
 * Runs the reference Town Hall API until SIGINT/SIGTERM; prints one line with its URL.
 */
import { parseServerArgs, USAGE } from './cli-options';
import { loadSeed } from './seed';
import { startTurneroServer } from './server';

async function main(): Promise<void> {
  const args = parseServerArgs(process.argv.slice(2), process.env);
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const server = await startTurneroServer({ ...args.options, seed: loadSeed(args.seed) });
  console.log(
    `Town Hall API listening on ${server.url} (seed: ${args.seed}, auth: ${args.options.auth}` +
      `${args.faultSpec ? `, faults: ${args.faultSpec}` : ''}); staff page ${server.url}/staff; ` +
      `answers Host ${server.allowedHosts.join(', ')}` +
      `${args.options.allowedHosts ? '' : ' and any IP address'}`,
  );
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
