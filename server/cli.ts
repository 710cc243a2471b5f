/**
 * `npm run server -- --port 8085 --seed demo [--db FILE] [--host 127.0.0.1] [--signing-key FILE]
 *   [--auth required|optional] [--faults latency=200,error=0.3,drop=0.1,duplicate=0.1,seed=1]`
 * Runs the reference Town Hall API until SIGINT/SIGTERM; prints one line with its URL.
 */
import { parseArgs } from 'node:util';
import { parseFaultSpec } from './faults';
import { loadSeed } from './seed';
import { startTurneroServer } from './server';

const USAGE =
  'usage: npm run server -- [--port N] [--host 127.0.0.1] [--seed demo|FILE] [--db FILE] ' +
  '[--signing-key FILE] [--auth required|optional] ' +
  '[--faults latency=MS,error=RATE,drop=RATE,duplicate=RATE,seed=N]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8085' },
      host: { type: 'string', default: '127.0.0.1' },
      seed: { type: 'string', default: 'demo' },
      db: { type: 'string' },
      'signing-key': { type: 'string' },
      auth: { type: 'string', default: 'optional' },
      faults: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`invalid --port ${values.port}`);
  if (values.auth !== 'required' && values.auth !== 'optional') {
    throw new Error(`invalid --auth ${values.auth} (required or optional)`);
  }
  const faults = values.faults ? parseFaultSpec(values.faults) : null;
  const server = await startTurneroServer({
    auth: values.auth,
    faults,
    port,
    host: values.host,
    seed: loadSeed(values.seed),
    ...(values.db ? { dbFile: values.db } : {}),
    ...(values['signing-key'] ? { signingKeyFile: values['signing-key'] } : {}),
  });
  console.log(
    `Town Hall API listening on ${server.url} (seed: ${values.seed}, auth: ${values.auth}` +
      `${faults ? `, faults: ${values.faults}` : ''}); staff page ${server.url}/staff`,
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
