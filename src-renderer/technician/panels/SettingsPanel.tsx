/**
 * The settings panel: the settings the technician may change, grouped, each with where its
 * value comes from; "Guardar" sends the changed ones together. Main checks them against the
 * configuration schema and either applies them all (saying which need a restart) or none,
 * naming each refused field.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  SettingGroupSchema,
  type SettingIssue,
  type SettingsChangeOutcome,
  type SettingsView,
  type SettingValue,
} from '../../../src-shared/contract/technician';
import { useBridge } from '../../state/store-context';
import { issueMessage } from '../issue-message';
import { SettingField } from './SettingField';
import { settingGroupKey } from './setting-texts';

const same = (a: SettingValue, b: SettingValue) => JSON.stringify(a) === JSON.stringify(b);

export function SettingsPanel() {
  const { t } = useTranslation();
  const bridge = useBridge();
  const [view, setView] = useState<SettingsView | null>(null);
  const [drafts, setDrafts] = useState<Record<string, SettingValue>>({});
  const [outcome, setOutcome] = useState<SettingsChangeOutcome | null>(null);
  const [failed, setFailed] = useState(false);

  const load = () => {
    void bridge.invoke('tech:settings-get', {}).then(
      (result) => (result.ok ? setView(result.value) : setFailed(true)),
      () => setFailed(true),
    );
  };
  // Loaded once when the panel opens.
  useEffect(load, [bridge]);

  if (failed) return <p role="alert">{t('technician.panelFailed')}</p>;
  if (!view) return <p role="status">{t('technician.loading')}</p>;

  const changes = view.settings
    .filter((entry) => entry.path in drafts && !same(drafts[entry.path] ?? null, entry.value))
    .map((entry) => ({ path: entry.path, value: drafts[entry.path] ?? null }));
  const problems = new Map<string, SettingIssue>(
    outcome?.outcome === 'refused' ? outcome.issues.map((issue) => [issue.path, issue]) : [],
  );

  const save = () => {
    void bridge.invoke('tech:settings-apply', { changes }).then((result) => {
      if (!result.ok) return setOutcome(null);
      setOutcome(result.value);
      if (result.value.outcome === 'applied') {
        setDrafts({});
        load();
      }
    });
  };

  return (
    <form
      className="settings-panel"
      onSubmit={(event) => {
        event.preventDefault();
        if (changes.length > 0) save();
      }}
    >
      {SettingGroupSchema.options.map((group) => (
        <fieldset key={group} className="settings-panel__group">
          <legend>{t(settingGroupKey(group))}</legend>
          {view.settings
            .filter((entry) => entry.group === group)
            .map((entry) => {
              const problem = problems.get(entry.path);
              return (
                <SettingField
                  key={entry.path}
                  entry={entry}
                  value={entry.path in drafts ? (drafts[entry.path] ?? null) : entry.value}
                  onChange={(value) =>
                    setDrafts((current) => ({ ...current, [entry.path]: value }))
                  }
                  {...(problem ? { problem: issueMessage(t, problem) } : {})}
                />
              );
            })}
        </fieldset>
      ))}
      <div className="settings-panel__actions">
        <div role="status" className="settings-panel__outcome" data-testid="settings-outcome">
          {outcome?.outcome === 'applied' && (
            <p>
              {t('technician.settings.applied', { count: outcome.changes.length })}
              {outcome.changes.some((change) => change.applies === 'restart') &&
                ` ${t('technician.settings.restartNeeded')}`}
            </p>
          )}
          {outcome?.outcome === 'refused' && (
            <>
              <p>{t('technician.settings.refused')}</p>
              <ul>
                {outcome.issues.map((issue) => (
                  <li key={`${issue.path}:${issue.code}`}>{issueMessage(t, issue)}</li>
                ))}
              </ul>
            </>
          )}
        </div>
        <button type="submit" className="button button--primary" disabled={changes.length === 0}>
          {t('technician.settings.save')}
        </button>
        <button
          type="button"
          className="button button--secondary"
          disabled={Object.keys(drafts).length === 0}
          onClick={() => {
            setDrafts({});
            setOutcome(null);
          }}
        >
          {t('technician.settings.discard')}
        </button>
      </div>
    </form>
  );
}
