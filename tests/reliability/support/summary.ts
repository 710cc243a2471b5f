/**
 * What each reliability test measured, printed by the test and gathered into one table at the
 * end of the run (global-setup.ts): a green run says how hard it was pushed, a red one where.
 */
import { appendFileSync } from 'node:fs';
import { inject } from 'vitest';

export type Figures = Record<string, string | number>;

declare module 'vitest' {
  export interface ProvidedContext {
    /** JSON lines file the tests append their figures to. */
    reliabilitySummaryFile: string;
  }
}

export function reportFigures(test: string, figures: Figures): void {
  console.log(
    `[reliability] ${test}\n${Object.entries(figures)
      .map(([name, value]) => `  ${name.padEnd(28)} ${value}`)
      .join('\n')}`,
  );
  appendFileSync(inject('reliabilitySummaryFile'), `${JSON.stringify({ test, figures })}\n`);
}
