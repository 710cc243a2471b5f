/**
 * A stand-in for `dist/renderer` (what `npm run build` writes), for server tests that serve a
 * built page: the unit pass runs before the build (`npm test`), so they cannot rely on it. Each
 * page is an HTML file that loads one script from `assets/`, as Vite writes them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from './temp-dir';

/** A folder with `<page>.html` and `assets/<page>-1a2b.js` for each page named. */
export function fakeBuiltRenderer(...pages: string[]): string {
  const { path } = makeTempDir('built-renderer');
  mkdirSync(join(path, 'assets'));
  for (const page of pages) {
    writeFileSync(
      join(path, `${page}.html`),
      `<!doctype html><title>${page}</title><script type="module" src="./assets/${page}-1a2b.js"></script>`,
    );
    writeFileSync(join(path, 'assets', `${page}-1a2b.js`), 'export {};');
  }
  return path;
}
