/**
 * The layering rules hold in what we ship, not only in what ESLint sees: the ESLint rules refuse
 * a forbidden import, and the built Electron bundle contains no code of the Turnero server or
 * of its demo.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/temp-dir';

const repoRoot = join(import.meta.dirname, '..', '..');

async function lintImport(filePath: string, specifier: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: repoRoot });
  const [result] = await eslint.lintText(
    `import { x } from '${specifier}';\nexport const y = x;\n`,
    {
      filePath: join(repoRoot, filePath),
    },
  );
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => message.message);
}

describe('ESLint layering rules', () => {
  it('forbid the kiosk to import the Turnero server or the demo', async () => {
    expect(await lintImport('src-main/app/start-kiosk.ts', '../../server/server')).toEqual([
      expect.stringMatching(/never contains the Turnero server/),
    ]);
    expect(await lintImport('src-main/hosts/web/cli.ts', '../../../demo/demo-server')).toHaveLength(
      1,
    );
  });

  it('forbid the server to import the kiosk, and src-shared to import either', async () => {
    expect(await lintImport('server/server.ts', '../src-main/store/store')).toHaveLength(1);
    expect(await lintImport('src-shared/domain/x.ts', '../../server/seed')).toHaveLength(1);
  });

  it('let the kiosk import src-shared', async () => {
    expect(await lintImport('src-main/app/x.ts', '../../src-shared/domain/site-time')).toEqual([]);
  });
});

describe('the production Electron bundle', () => {
  const out = makeTempDir('bundle');
  let sources: string[] = [];
  let bundle = '';

  beforeAll(() => {
    execFileSync(process.execPath, ['scripts/build-main.mjs', '--out', out.path], {
      cwd: repoRoot,
      stdio: 'pipe',
    });
    const map = JSON.parse(
      readFileSync(join(out.path, 'main', 'electron-main.cjs.map'), 'utf8'),
    ) as { sources: string[] };
    sources = map.sources;
    bundle = readFileSync(join(out.path, 'main', 'electron-main.cjs'), 'utf8');
  }, 60_000);
  afterAll(() => out.remove());

  it('is made of the kiosk and src-shared, and names no source of the server or the demo', () => {
    const ours = sources.filter((source) => !source.includes('node_modules'));
    expect(ours.some((source) => source.includes('src-main/app/start-kiosk.ts'))).toBe(true);
    expect(ours.filter((source) => /(^|\/)(server|demo)\//.test(source))).toEqual([]);
  });

  it('contains none of the server’s code (fault injector, OpenAPI generator, seeds)', () => {
    const markers = ['startTurneroServer', 'FaultInjector', 'buildOpenApiDocument', 'loadSeed'];
    // The same markers are in the demo launcher's bundle: the check can see them where they are.
    const demo = readFileSync(join(out.path, 'demo', 'launch.mjs'), 'utf8');
    for (const marker of markers) {
      expect(demo).toContain(marker);
      expect(bundle).not.toContain(marker);
    }
  });
});
