/**
 * Gives the tests a file to write their figures to, and prints them together when the run ends.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import type { Figures } from './support/summary';

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'turnero-reliability-'));
  const file = join(dir, 'summary.jsonl');
  project.provide('reliabilitySummaryFile', file);
  return () => {
    const lines = existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n') : [];
    console.log('\nReliability summary');
    for (const line of lines.filter(Boolean)) {
      const { test, figures } = JSON.parse(line) as { test: string; figures: Figures };
      console.log(`\n${test}`);
      for (const [name, value] of Object.entries(figures)) {
        console.log(`  ${name.padEnd(28)} ${value}`);
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
}
