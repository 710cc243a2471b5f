/** The translated text of a refused setting or settings file, naming the field. */
import type { TFunction } from 'i18next';
import type { SettingIssue } from '../../src-shared/contract/technician';

export function issueMessage(t: TFunction, issue: SettingIssue): string {
  const reason = t(`technician.issues.${issue.code}`, { ...issue.params });
  return issue.path === '' ? reason : t('technician.issues.atField', { field: issue.path, reason });
}
