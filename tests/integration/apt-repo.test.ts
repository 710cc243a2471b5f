/**
 * The town hall's apt repository (scripts/apt-repo.sh), the real script on real .deb files, read
 * back by the real apt: `apt-get update` and `apt-get download` against it as a file: source, in
 * folders of the test's own (nothing of the machine's apt state is used or changed).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildDeb } from '../support/fake-system-commands';
import { makeTempDir } from '../support/temp-dir';

const SCRIPT = resolve(__dirname, '../../scripts/apt-repo.sh');

let dir: ReturnType<typeof makeTempDir>;
let repo: string;

function aptRepo(...debs: string[]) {
  const result = spawnSync('sh', [SCRIPT, repo, ...debs], { encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** apt with every folder inside the test's own. */
function apt(tool: 'apt-get' | 'apt-cache', args: string[], cwd = dir.path) {
  const state = join(dir.path, 'apt');
  mkdirSync(join(state, 'lists', 'partial'), { recursive: true });
  mkdirSync(join(state, 'cache', 'archives', 'partial'), { recursive: true });
  writeFileSync(join(state, 'sources.list'), `deb [trusted=yes] file:${repo} stable main\n`);
  if (!existsSync(join(state, 'status'))) writeFileSync(join(state, 'status'), '');
  const options = [
    `Dir::Etc::SourceList=${join(state, 'sources.list')}`,
    `Dir::Etc::SourceParts=${join(state, 'none')}`,
    `Dir::State=${state}`,
    `Dir::State::status=${join(state, 'status')}`,
    `Dir::Cache=${join(state, 'cache')}`,
    'APT::Architecture=amd64',
    'APT::Sandbox::User=root',
    'Debug::NoLocking=1',
  ].flatMap((option) => ['-o', option]);
  const result = spawnSync(tool, [...options, ...args], { encoding: 'utf8', cwd });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

beforeEach(() => {
  dir = makeTempDir('apt-repo');
  repo = join(dir.path, 'repo');
});
afterEach(() => dir.remove());

describe('scripts/apt-repo.sh', () => {
  it('lays out pool/ and dists/ with Packages and a Release that checks them', () => {
    const debs = join(dir.path, 'debs');
    mkdirSync(debs);
    const added = aptRepo(
      buildDeb(debs, '1.4.0'),
      buildDeb(debs, '1.5.0'),
      buildDeb(debs, '1.5.0', 'arm64'),
    );
    expect(added.status, added.output).toBe(0);
    for (const file of [
      'pool/main/t/turnero/turnero_1.4.0_amd64.deb',
      'pool/main/t/turnero/turnero_1.5.0_arm64.deb',
      'dists/stable/main/binary-amd64/Packages.gz',
    ]) {
      expect(existsSync(join(repo, file)), file).toBe(true);
    }
    const amd64 = readFileSync(join(repo, 'dists/stable/main/binary-amd64/Packages'), 'utf8');
    expect(amd64).toContain('Filename: pool/main/t/turnero/turnero_1.4.0_amd64.deb');
    expect(amd64).toContain('Version: 1.5.0');
    expect(amd64).not.toContain('arm64');
    const release = readFileSync(join(repo, 'dists/stable/Release'), 'utf8');
    const sha256 = createHash('sha256').update(amd64).digest('hex');
    expect(release).toContain(
      ` ${sha256} ${Buffer.byteLength(amd64)} main/binary-amd64/Packages\n`,
    );
    expect(added.output).toContain('not signed (set TURNERO_APT_KEY)');
  });

  it('apt reads it: both versions offered, the older one downloadable for a rollback', () => {
    const debs = join(dir.path, 'debs');
    mkdirSync(debs);
    expect(aptRepo(buildDeb(debs, '1.4.0')).status).toBe(0);
    // A second release is added later: the first stays in the pool.
    expect(aptRepo(buildDeb(debs, '1.5.0')).status).toBe(0);
    const update = apt('apt-get', ['update']);
    expect(update.status, update.output).toBe(0);
    const madison = apt('apt-cache', ['madison', 'turnero']);
    expect(madison.output).toMatch(/turnero \|\s+1\.5\.0 \|/);
    expect(madison.output).toMatch(/turnero \|\s+1\.4\.0 \|/);
    const into = join(dir.path, 'download');
    mkdirSync(into);
    const download = apt('apt-get', ['download', 'turnero=1.4.0'], into);
    expect(download.status, download.output).toBe(0);
    expect(existsSync(join(into, 'turnero_1.4.0_amd64.deb'))).toBe(true);
  });

  it('refuses a package that is not turnero', () => {
    const other = join(dir.path, 'other');
    mkdirSync(join(other, 'DEBIAN'), { recursive: true });
    writeFileSync(
      join(other, 'DEBIAN', 'control'),
      'Package: other\nVersion: 1\nArchitecture: all\nMaintainer: x <x@x.es>\nDescription: x\n',
    );
    spawnSync('dpkg-deb', ['--build', other, join(dir.path, 'other.deb')]);
    const refused = aptRepo(join(dir.path, 'other.deb'));
    expect(refused.status).toBe(1);
    expect(refused.output).toContain('is not a turnero package (other)');
  });
});
