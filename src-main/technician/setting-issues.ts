/**
 * Why the configuration schema refused a value, as the settings panel translates it: a code of
 * the contract, the field's dotted path, and the bounds or options that help fix it. The schema's
 * own English message is not passed on: the technician reads the catalog's text.
 */
import type { z } from 'zod';
import type { SettingIssue, SettingIssueCode } from '../../src-shared/contract/technician';

const dotted = (path: readonly PropertyKey[]): string => path.map(String).join('.');

/** Rules of the schema with their own code (the `params.issue` of a refinement). */
const NAMED_RULES: ReadonlySet<SettingIssueCode> = new Set([
  'low-contrast',
  'default-language-missing',
]);

function bound(value: unknown): string {
  return typeof value === 'bigint' || typeof value === 'number' ? String(value) : '';
}

export function settingIssuesOf(issues: readonly z.core.$ZodIssue[], prefix = ''): SettingIssue[] {
  return issues.flatMap((issue): SettingIssue[] => {
    const path = `${prefix}${dotted(issue.path)}`;
    switch (issue.code) {
      case 'invalid_type':
        return [{ path, code: 'invalid-type', params: { expected: String(issue.expected) } }];
      case 'too_small':
        return [{ path, code: 'too-small', params: { minimum: bound(issue.minimum) } }];
      case 'too_big':
        return [{ path, code: 'too-big', params: { maximum: bound(issue.maximum) } }];
      case 'unrecognized_keys':
        return issue.keys.map((key) => ({
          path: path ? `${path}.${key}` : `${prefix}${key}`,
          code: 'unknown-field' as const,
        }));
      case 'invalid_value':
      case 'invalid_format':
      case 'invalid_union':
        return [{ path, code: 'invalid-value' }];
      case 'custom': {
        const rule = (issue.params as { issue?: unknown } | undefined)?.issue;
        const code = NAMED_RULES.has(rule as SettingIssueCode)
          ? (rule as SettingIssueCode)
          : 'invalid';
        return [{ path, code }];
      }
      default:
        return [{ path, code: 'invalid' }];
    }
  });
}
