// Which of `npm start`'s arguments reach Electron. Electron takes Chromium and Node switches from
// its own command line (--remote-debugging-port, --inspect, --js-flags, --remote-allow-origins,
// --enable-logging…); on a kiosk in a public lobby each of them opens a door. So only the kiosk's
// own options pass (`--config`; `--setup` / `--offer-demo` for the first-run wizard; and
// `--dev-window`, which the kiosk grants only when it is not packaged), unless TURNERO_DEV=1 says
// this is a developer's machine.

/** The kiosk's own flags without a value (src-main/setup/launch-plan.ts, dev-window). */
const KIOSK_FLAGS = new Set(['--setup', '--offer-demo', '--dev-window']);

/**
 * @param {readonly string[]} argv the launcher's arguments (without node and the script)
 * @param {NodeJS.ProcessEnv} env
 * @returns {{ args: string[]; refused: string[] }} what goes to Electron, and what may not
 */
export function electronArguments(argv, env) {
  if (env.TURNERO_DEV === '1') return { args: [...argv], refused: [] };
  const args = [];
  const refused = [];
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index];
    if (arg.startsWith('--config=') || KIOSK_FLAGS.has(arg)) {
      args.push(arg);
    } else if (arg === '--config') {
      args.push(arg);
      const value = argv[index + 1];
      // A value that looks like a switch is a switch to Electron: it is judged on its own.
      if (value !== undefined && !value.startsWith('-')) {
        args.push(value);
        index += 1;
      }
    } else {
      refused.push(arg);
    }
  }
  return { args, refused };
}

/** The one line the launcher prints before it refuses to start. */
export function refusalLine(refused) {
  return (
    `Turnero: refusing ${refused.join(' ')}: only --config, --setup, --offer-demo and --dev-window reach the kiosk ` +
    '(set TURNERO_DEV=1 on a development machine to pass Electron or Chromium switches).'
  );
}
