/**
 * `npm run openapi`: writes docs/openapi.json from the contract's schemas.
 * `npm run openapi -- --check`: exits 1 when the committed file is out of date (for CI).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderOpenApiDocument } from './openapi';

export const OPENAPI_FILE = fileURLToPath(new URL('../docs/openapi.json', import.meta.url));

function readCurrent(): string | null {
  try {
    return readFileSync(OPENAPI_FILE, 'utf8');
  } catch {
    return null;
  }
}

const rendered = renderOpenApiDocument();
if (process.argv.includes('--check')) {
  if (readCurrent() !== rendered) {
    console.error(`${OPENAPI_FILE} is out of date: run npm run openapi`);
    process.exitCode = 1;
  }
} else if (readCurrent() !== rendered) {
  writeFileSync(OPENAPI_FILE, rendered);
  console.log(`wrote ${OPENAPI_FILE}`);
} else {
  console.log(`${OPENAPI_FILE} is up to date`);
}
