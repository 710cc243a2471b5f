// `npm start`: runs the kiosk in Electron. `--config FILE` goes to the app, e.g.
// `npm start -- --config /etc/turnero/config.json`; any other argument (an Electron or Chromium
// switch) is refused unless TURNERO_DEV=1 (electron-args.mjs). `--check-runtime` alone only checks
// that the Electron binary is available (or fetches it) and exits 0.
//
// The `electron` npm package fetches its binary lazily the first time it is required. Where that
// cannot work (no internet, as on the development and CI machines) this prints one clear line
// pointing to the web host and exits 1, instead of a stack trace or a hang.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronArguments, refusalLine } from './electron-args.mjs';

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(appDir, 'package.json'));
const DEFAULT_DOWNLOAD_TIMEOUT_MS = 180_000;
const MARKER = 'TURNERO_ELECTRON_PATH=';

function unavailable(reason) {
  console.error(
    `Turnero: the Electron runtime is not available on this machine (${reason}). ` +
      'Run "npm run start:web" to use the kiosk in a browser.',
  );
  process.exit(1);
}

function downloadTimeoutMs() {
  const value = Number(process.env.TURNERO_ELECTRON_DOWNLOAD_TIMEOUT_MS);
  return Number.isFinite(value) && value > 0 ? value : DEFAULT_DOWNLOAD_TIMEOUT_MS;
}

/** The `electron` package's binary, if it is already on disk (no download attempted). */
function installedBinary(packageDir) {
  try {
    const relative = readFileSync(path.join(packageDir, 'path.txt'), 'utf8');
    const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH || path.join(packageDir, 'dist');
    const binary = path.join(dist, relative.trim());
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

/** A short reason from the lazy download's output, never a stack trace. */
function shortReason(output) {
  const text = output.toString();
  const code =
    /\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|CERT_[A-Z_]+)\b/.exec(
      text,
    );
  if (code) return `the binary download failed: ${code[1]}`;
  if (/fetch failed/i.test(text))
    return 'the binary is missing and downloading it failed: fetch failed';
  if (/checksum/i.test(text)) return 'the downloaded binary failed its checksum';
  if (/failed to install correctly/i.test(text))
    return 'the binary is missing and could not be downloaded';
  const firstLine = text
    .split('\n')
    .find((line) => line.trim() !== '' && !/^Downloading/.test(line));
  return firstLine ? firstLine.trim().slice(0, 120) : 'the binary could not be resolved';
}

/**
 * Resolves (and if needed downloads) the Electron binary in a child process, so that a slow or
 * black-holed network cannot hang this launcher past the timeout.
 */
function resolveBinary(packageDir) {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        '-e',
        `process.stdout.write('\\n${MARKER}' + require(${JSON.stringify(packageDir)}) + '\\n')`,
      ],
      // Its own process group, so the download helper it spawns dies with it on timeout.
      { stdio: ['ignore', 'pipe', 'pipe'], env: process.env, detached: true, windowsHide: true },
    );
    const chunks = [];
    // Only a download that is actually taking a while is announced: a machine without internet
    // fails within a second and gets nothing but the one line from unavailable().
    const announce = setTimeout(() => {
      console.error('Turnero: downloading the Electron runtime (first start only)…');
    }, 3000);
    const collect = (chunk) => chunks.push(chunk);
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timeoutMs = downloadTimeoutMs();
    const timer = setTimeout(() => {
      clearTimeout(announce);
      try {
        process.kill(process.platform === 'win32' ? child.pid : -child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
      resolve({ error: `the binary download timed out after ${timeoutMs / 1000} s` });
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      clearTimeout(announce);
      resolve({ error: error.message });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      clearTimeout(announce);
      const output = Buffer.concat(chunks);
      const line = output
        .toString()
        .split('\n')
        .find((candidate) => candidate.startsWith(MARKER));
      const binary = line?.slice(MARKER.length).trim();
      if (code === 0 && binary && existsSync(binary)) resolve({ binary });
      else resolve({ error: shortReason(output) });
    });
  });
}

async function main() {
  const checkOnly = process.argv[2] === '--check-runtime';
  const { args, refused } = checkOnly
    ? { args: [], refused: [] }
    : electronArguments(process.argv.slice(2), process.env);
  if (refused.length > 0) {
    console.error(refusalLine(refused));
    process.exit(2);
  }

  let packageDir;
  try {
    packageDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    unavailable('the "electron" package is not installed');
    return;
  }

  let binary = installedBinary(packageDir);
  if (!binary) {
    if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD === '1') {
      unavailable('the binary is not installed and ELECTRON_SKIP_BINARY_DOWNLOAD=1');
      return;
    }
    const resolved = await resolveBinary(packageDir);
    if (!resolved.binary) {
      unavailable(resolved.error);
      return;
    }
    binary = resolved.binary;
  }

  // `--check-runtime`: only make sure Electron is there (so `npm start` fails before building).
  if (checkOnly) process.exit(0);

  const main = path.join(appDir, 'dist', 'main', 'electron-main.cjs');
  if (!existsSync(main)) {
    console.error('Turnero: dist/main/electron-main.cjs is missing: run "npm run build" first.');
    process.exit(1);
  }

  const env = { ...process.env };
  // Never let an inherited variable turn the kiosk into a plain Node process.
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(binary, [appDir, ...args], { stdio: 'inherit', env });
  child.on('error', (error) => unavailable(`cannot run ${binary}: ${error.message}`));
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (child.exitCode === null) child.kill(signal);
    });
  }
  child.on('close', (code, signal) => {
    if (code === null) {
      console.error(`Turnero: Electron exited with signal ${signal}`);
      process.exit(1);
    }
    process.exit(code);
  });
}

await main();
