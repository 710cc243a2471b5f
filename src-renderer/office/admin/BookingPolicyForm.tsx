/** The office's booking rules and privacy facts, as the administrator edits them. */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { BookingPolicySchema, type BookingPolicy } from '../../../src-shared/contract/booking';

interface Props {
  policy: BookingPolicy;
  onSave: (policy: BookingPolicy) => Promise<boolean>;
}

export function BookingPolicyForm({ policy, onSave }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState(policy);
  const [problem, setProblem] = useState('');
  useEffect(() => setDraft(policy), [policy]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = BookingPolicySchema.safeParse(draft);
    if (!parsed.success) {
      setProblem(t('officeBooking.policy.invalid'));
      return;
    }
    setProblem('');
    void onSave(parsed.data);
  };

  return (
    <section aria-labelledby={`${id}-title`} className="office-panel">
      <h2 id={`${id}-title`}>{t('officeBooking.policy.title')}</h2>
      <form onSubmit={submit}>
        <div className="office-field">
          <label htmlFor={`${id}-max`}>{t('officeBooking.policy.maxActive')}</label>
          <input
            id={`${id}-max`}
            type="number"
            value={Number.isNaN(draft.maxActivePerContact) ? '' : draft.maxActivePerContact}
            onChange={(e) => setDraft({ ...draft, maxActivePerContact: e.target.valueAsNumber })}
          />
        </div>
        <div className="office-field">
          <label htmlFor={`${id}-purge`}>{t('officeBooking.policy.purgeDays')}</label>
          <input
            id={`${id}-purge`}
            type="number"
            value={Number.isNaN(draft.purgeAfterDays) ? '' : draft.purgeAfterDays}
            onChange={(e) => setDraft({ ...draft, purgeAfterDays: e.target.valueAsNumber })}
          />
        </div>
        <div className="office-field">
          <label htmlFor={`${id}-controller`}>{t('officeBooking.policy.controller')}</label>
          <input
            id={`${id}-controller`}
            maxLength={200}
            value={draft.controllerName}
            onChange={(e) => setDraft({ ...draft, controllerName: e.target.value })}
          />
        </div>
        <div className="office-field">
          <label htmlFor={`${id}-rights`}>{t('officeBooking.policy.rights')}</label>
          <input
            id={`${id}-rights`}
            maxLength={300}
            value={draft.rightsContact}
            onChange={(e) => setDraft({ ...draft, rightsContact: e.target.value })}
          />
        </div>
        {problem && <p role="alert">{problem}</p>}
        <div className="office-actions">
          <button type="submit">{t('officeBooking.policy.save')}</button>
        </div>
      </form>
    </section>
  );
}
