import { useTranslation } from 'react-i18next';
import { errorMessage } from '../i18n/error-message';
import type { StepProblem } from './use-step-action';

/** Why a step's action did not succeed, in words, with the technical detail when there is one. */
export function ProblemNotice(props: { problem: StepProblem | null }) {
  const { t, i18n } = useTranslation();
  const { problem } = props;
  if (!problem) return null;
  const message =
    problem.kind === 'refused'
      ? t(`setup.refusals.${problem.refusal.reason}`)
      : errorMessage(t, problem.error, i18n.language);
  const detail = problem.kind === 'refused' ? problem.refusal.detail : undefined;
  const missing = problem.kind === 'refused' ? (problem.refusal.missing ?? []) : [];
  return (
    <div className="notice notice--warning setup-problem" role="alert" data-testid="setup-problem">
      <p>{message}</p>
      {missing.length > 0 && <p>{missing.map((step) => t(`setup.steps.${step}`)).join(', ')}</p>}
      {detail && <p className="setup-problem__detail">{t('setup.detail', { detail })}</p>}
    </div>
  );
}
