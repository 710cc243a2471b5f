// Builds the Node side: the Electron main process, its sandboxed preload, the web host CLI, and
// the demo launcher (dist/demo, never packaged). `npm run build:main [-- --out DIR]`. Native modules stay external: they are loaded from node_modules (and are
// rebuilt for Electron's ABI by electron-builder at packaging time, never in the dev tree).
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outIndex = process.argv.indexOf('--out');
const distDir = outIndex > 0 ? path.resolve(process.argv[outIndex + 1]) : path.join(root, 'dist');
const outDir = path.join(distDir, 'main');
const esmRequireBanner =
  "import { createRequire as __turneroCreateRequire } from 'node:module'; const require = __turneroCreateRequire(import.meta.url);";

/** Packages with native code (or optional native add-ons) that must never be bundled. */
export const NATIVE_EXTERNALS = [
  'better-sqlite3',
  'serialport',
  '@serialport/*',
  'bufferutil',
  'utf-8-validate',
  'fsevents',
];

const common = {
  bundle: true,
  platform: 'node',
  sourcemap: true,
  logLevel: 'warning',
  legalComments: 'none',
  absWorkingDir: root,
};

// ESM sources may use import.meta.url; in a CommonJS bundle it is the bundle's own URL.
const cjsImportMetaBanner =
  'const __turnero_import_meta_url = require("node:url").pathToFileURL(__filename).href;';

const targets = [
  {
    name: 'Electron main',
    entry: 'src-main/hosts/electron/main.ts',
    options: {
      outfile: path.join(outDir, 'electron-main.cjs'),
      format: 'cjs',
      // Electron 45's main process runs Node 22.
      target: 'node22',
      external: ['electron', ...NATIVE_EXTERNALS],
      banner: { js: cjsImportMetaBanner },
      define: { 'import.meta.url': '__turnero_import_meta_url' },
    },
  },
  {
    name: 'Electron preload',
    entry: 'src-main/hosts/electron/preload.ts',
    options: {
      outfile: path.join(outDir, 'preload.cjs'),
      // A sandboxed preload is CommonJS and may require nothing but 'electron'.
      format: 'cjs',
      platform: 'browser',
      target: 'chrome140',
      // The contract module brings zod along; minified it is a few hundred kB loaded once.
      minify: true,
      external: ['electron'],
    },
  },
  {
    name: 'web host',
    entry: 'src-main/hosts/web/cli.ts',
    options: {
      outfile: path.join(outDir, 'web-host.mjs'),
      format: 'esm',
      // The web host runs on the system Node (>= 20).
      target: 'node20',
      external: NATIVE_EXTERNALS,
      // Bundled CommonJS dependencies (ws, iconv-lite…) call require(): give them a real one.
      banner: { js: esmRequireBanner },
    },
  },
  {
    // The demo town hall beside the kiosk (npm start / start:web without a configuration).
    name: 'demo launcher',
    entry: 'demo/launch.ts',
    options: {
      outfile: path.join(distDir, 'demo', 'launch.mjs'),
      format: 'esm',
      target: 'node20',
      external: NATIVE_EXTERNALS,
      banner: { js: esmRequireBanner },
    },
  },
];

mkdirSync(outDir, { recursive: true });
mkdirSync(path.join(distDir, 'demo'), { recursive: true });
let failed = false;
for (const target of targets) {
  if (!existsSync(path.join(root, target.entry))) {
    console.warn(`build-main: skipped ${target.name}: ${target.entry} does not exist yet`);
    continue;
  }
  try {
    await build({ ...common, entryPoints: [target.entry], ...target.options });
    console.log(`build-main: ${target.name} → ${path.relative(root, target.options.outfile)}`);
  } catch (error) {
    failed = true;
    const count = Array.isArray(error.errors) ? error.errors.length : 1;
    console.error(`build-main: ${target.name} FAILED (${target.entry}: ${count} error(s) above)`);
  }
}
if (failed) process.exit(1);
