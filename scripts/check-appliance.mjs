// `npm run check:appliance`: the appliance's static checks, after `npm run build` (CI runs it as a
// step of .ci/run). Each prints one line and the run fails if any fails:
//
//   electronegativity   dist/main's Electron main and preload; every finding fails unless
//                       build/electronegativity-allowlist.json justifies it (check + file + reason)
//   renderer            dist/renderer holds no Node built-in (require("fs"), node: imports,
//                       process.binding…): it runs sandboxed
//   electron-builder    electron-builder.yml against electron-builder's own JSON schema
//                       (app-builder-lib/scheme.json, with the ajv app-builder-lib itself uses)
//   systemd             resources/appliance/*.service|timer with `systemd-analyze verify`, in a
//                       temporary root where the files the units run exist as the package lays
//                       them out (the real scripts; stand-ins for cage, node and the app binary)
//   shellcheck          the maintainer scripts, the appliance scripts and scripts/*.sh, as POSIX sh
//                       (and no electron-builder macro in the maintainer scripts); .ci/run as bash
//
// `npm run check:appliance -- systemd shellcheck` runs only the named checks.
//
// Tools: shellcheck and systemd-analyze (Debian: apt-get install shellcheck systemd), and the npm
// devDependency @doyensec/electronegativity. Nothing here uses the network: the electronegativity
// check that downloads Electron's release list is skipped (Electron is upgraded by hand).
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  findBuilderMacros,
  findNodeInRenderer,
  judgeFindings,
  parseElectronegativityCsv,
} from './appliance-checks.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const relative = (file) => path.relative(root, file);

function filesUnder(dir, keep) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && keep(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options });
  if (result.error) throw new Error(`cannot run ${command}: ${result.error.message}`);
  return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}`.trim() };
}

function withTempDir(prefix, use) {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  try {
    return use(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function electronegativity() {
  const bundles = ['electron-main.cjs', 'preload.cjs'].map((name) =>
    path.join(root, 'dist', 'main', name),
  );
  for (const bundle of bundles) {
    if (!existsSync(bundle)) {
      throw new Error(`${relative(bundle)} is missing: run "npm run build:main"`);
    }
  }
  const cli = require.resolve('@doyensec/electronegativity/dist/index.js');
  const electronVersion = require('electron/package.json').version;
  const allowList = JSON.parse(
    readFileSync(path.join(root, 'build', 'electronegativity-allowlist.json'), 'utf8'),
  ).findings;
  return withTempDir('turnero-electronegativity-', (dir) => {
    // It reads .js files only: the .cjs bundles are given to it under .js names.
    const input = path.join(dir, 'main');
    mkdirSync(input);
    for (const bundle of bundles) {
      cpSync(bundle, path.join(input, path.basename(bundle).replace(/\.cjs$/, '.js')));
    }
    const csv = path.join(dir, 'report.csv');
    const scan = run(process.execPath, [
      cli,
      ...['--input', input, '--output', csv, '--relative', '--verbose', 'false'],
      ...['--electron-version', electronVersion],
      ...['--exclude-checks', 'AvailableSecurityFixesGlobalCheck'],
    ]);
    if (!existsSync(csv)) throw new Error(`electronegativity wrote no report:\n${scan.output}`);
    const findings = parseElectronegativityCsv(readFileSync(csv, 'utf8'));
    const { unexplained, stale } = judgeFindings(findings, allowList);
    const problems = [
      ...unexplained.map(
        (f) => `${f.check} in ${f.file} at ${f.location} (${f.severity}): ${f.description}`,
      ),
      ...stale.map((entry) => `allow-list entry no longer needed: ${entry.check} in ${entry.file}`),
    ];
    if (problems.length > 0) throw new Error(problems.join('\n'));
    return (
      `${findings.length} finding(s) on Electron ${electronVersion}, each justified in ` +
      'build/electronegativity-allowlist.json'
    );
  });
}

function renderer() {
  const dir = path.join(root, 'dist', 'renderer');
  const files = filesUnder(dir, (name) => /\.(m?js|html)$/.test(name));
  if (files.length === 0) throw new Error('dist/renderer is empty: run "npm run build:renderer"');
  const problems = files.flatMap((file) =>
    findNodeInRenderer(readFileSync(file, 'utf8')).map(
      (found) => `${relative(file)}: ${found.what}: ${found.sample}`,
    ),
  );
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return `${files.length} file(s), no Node built-in`;
}

function electronBuilderSchema() {
  // app-builder-lib validates with ajv itself: the same validator, from its own dependencies.
  const builderRequire = createRequire(require.resolve('app-builder-lib/package.json'));
  const ajvModule = builderRequire('ajv');
  const Ajv = ajvModule.default ?? ajvModule;
  const yaml = createRequire(require.resolve('electron-builder'))('js-yaml');
  const schema = JSON.parse(readFileSync(builderRequire.resolve('./scheme.json'), 'utf8'));
  const config = yaml.load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
  const validate = ajv.compile(schema);
  if (!validate(config)) {
    throw new Error(
      validate.errors.map((error) => `${error.instancePath || '/'} ${error.message}`).join('\n'),
    );
  }
  return 'electron-builder.yml matches app-builder-lib/scheme.json';
}

/** The paths the units run, as the package installs them: real scripts or stand-ins. */
function layOutRoot(dir) {
  const units = path.join(root, 'resources', 'appliance');
  mkdirSync(path.join(dir, 'usr', 'lib', 'systemd'), { recursive: true });
  mkdirSync(path.join(dir, 'usr', 'bin'), { recursive: true });
  symlinkSync('usr/bin', path.join(dir, 'bin'));
  symlinkSync('usr/lib', path.join(dir, 'lib'));
  // The system's own units (targets, getty@…), for the dependencies the units name.
  cpSync('/usr/lib/systemd/system', path.join(dir, 'usr', 'lib', 'systemd', 'system'), {
    recursive: true,
    verbatimSymlinks: true,
  });
  for (const appDir of ['opt/Turnero', 'opt/turnero-web']) {
    cpSync(units, path.join(dir, appDir, 'resources', 'appliance'), { recursive: true });
  }
  for (const standIn of ['usr/bin/sh', 'usr/bin/cage', 'usr/bin/node', 'opt/Turnero/turnero']) {
    writeFileSync(path.join(dir, standIn), '#!/bin/sh\n');
    chmodSync(path.join(dir, standIn), 0o755);
  }
  const unitFiles = readdirSync(units).filter((name) => /\.(service|timer)$/.test(name));
  for (const unit of unitFiles) {
    cpSync(path.join(units, unit), path.join(dir, 'usr', 'lib', 'systemd', 'system', unit));
  }
  return unitFiles;
}

function systemdUnits() {
  return withTempDir('turnero-units-', (dir) => {
    const units = layOutRoot(dir);
    const problems = [];
    for (const unit of units) {
      const file = path.join(dir, 'usr', 'lib', 'systemd', 'system', unit);
      const { status, output } = run('systemd-analyze', ['verify', `--root=${dir}`, file]);
      // Any output is a problem: an unknown key is only a warning to systemd-analyze.
      if (status !== 0 || output !== '') problems.push(`${unit}: ${output || `exit ${status}`}`);
    }
    if (problems.length > 0) throw new Error(problems.join('\n'));
    return `${units.length} unit(s) verified: ${units.join(', ')}`;
  });
}

function shellScripts() {
  const maintainer = filesUnder(path.join(root, 'resources', 'deb'), (name) =>
    name.endsWith('.sh'),
  );
  const scripts = [
    ...maintainer,
    path.join(root, 'resources', 'appliance', 'turnero-update'),
    path.join(root, 'resources', 'appliance', 'turnero-session'),
    ...filesUnder(path.join(root, 'scripts'), (name) => name.endsWith('.sh')),
  ];
  const problems = [];
  const posix = run('shellcheck', ['--shell=sh', '--format=gcc', ...scripts]);
  if (posix.status !== 0) problems.push(posix.output);
  // From the root, following `source .ci/postgres.sh` as .ci/run does (it runs from the root).
  const ci = run('shellcheck', ['--shell=bash', '--external-sources', '--format=gcc', '.ci/run'], {
    cwd: root,
  });
  if (ci.status !== 0) problems.push(ci.output);
  for (const file of maintainer) {
    const macros = findBuilderMacros(readFileSync(file, 'utf8'));
    if (macros.length > 0) {
      problems.push(`${relative(file)}: electron-builder would expand ${macros.join(', ')}`);
    }
  }
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return `${scripts.length + 2} script(s) clean`;
}

const checks = [
  ['electronegativity', electronegativity],
  ['renderer', renderer],
  ['electron-builder', electronBuilderSchema],
  ['systemd', systemdUnits],
  ['shellcheck', shellScripts],
];

// `npm run check:appliance -- systemd shellcheck` runs only those.
const only = process.argv.slice(2);
const unknown = only.filter((name) => !checks.some(([known]) => known === name));
if (unknown.length > 0) {
  console.error(`check:appliance: unknown check(s) ${unknown.join(', ')}`);
  process.exit(2);
}
const selected = checks.filter(([name]) => only.length === 0 || only.includes(name));

let failed = 0;
for (const [name, check] of selected) {
  try {
    console.log(`check:appliance: ${name}: ok: ${check()}`);
  } catch (error) {
    failed += 1;
    const message = error instanceof Error ? error.message : String(error);
    console.error(`check:appliance: ${name}: FAILED\n${message}`);
  }
}
console.log(
  failed === 0
    ? `check:appliance: all ${selected.length} checks passed`
    : `check:appliance: ${failed} of ${selected.length} checks FAILED`,
);
process.exit(failed > 0 ? 1 : 0);
