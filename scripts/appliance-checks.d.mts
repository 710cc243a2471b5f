export interface ElectronegativityFinding {
  check: string;
  severity: string;
  confidence: string;
  file: string;
  location: string;
  description: string;
}

export interface AllowListEntry {
  check: string;
  file: string;
  reason: string;
}

export function parseElectronegativityCsv(text: string): ElectronegativityFinding[];

export function judgeFindings(
  findings: readonly ElectronegativityFinding[],
  allowList: readonly AllowListEntry[],
): { unexplained: ElectronegativityFinding[]; stale: AllowListEntry[] };

export const RENDERER_FORBIDDEN: readonly { what: string; pattern: RegExp }[];

export function findNodeInRenderer(text: string): { what: string; sample: string; at: number }[];

export function findBuilderMacros(text: string): string[];
