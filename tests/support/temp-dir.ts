import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh folder under the system temp dir, and a way to remove it. */
export function makeTempDir(label: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), `turnero-${label}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
