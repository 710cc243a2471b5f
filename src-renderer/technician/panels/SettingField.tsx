/**
 * One setting of the settings panel: its label, the input its kind asks for, where its value
 * comes from, whether it needs a restart, and why it was refused. A setting the town hall
 * manages remotely is shown, not editable.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingEntry, SettingValue } from '../../../src-shared/contract/technician';
import type { Language } from '../../../src-shared/domain/language';
import { settingLabelKey, settingUnitKey } from './setting-texts';

export interface SettingFieldProps {
  entry: SettingEntry;
  value: SettingValue;
  onChange(value: SettingValue): void;
  /** The translated reason it was refused, if it was. */
  problem?: string;
}

/** The kiosk's own colours, offered when a branding colour is first switched on. */
const DEFAULT_COLOURS: Record<string, string> = {
  'branding.headerColor': '#0b3a66',
  'branding.actionColor': '#0a56a8',
};

const idOf = (path: string) => `setting-${path.replace(/\./g, '-')}`;

function toggled(list: readonly string[], item: string, on: boolean): string[] {
  return on ? [...list.filter((entry) => entry !== item), item] : list.filter((e) => e !== item);
}

export function SettingField(props: SettingFieldProps) {
  const { t, i18n } = useTranslation();
  const { entry, value, onChange } = props;
  const id = idOf(entry.path);
  const label = t(settingLabelKey(entry.path));
  const remote = entry.source === 'remote';
  const notesId = `${id}-notes`;
  const list = Array.isArray(value) ? value : [];

  const choices = (options: { value: string; name: string }[], type: 'checkbox' | 'radio') => (
    <fieldset className="setting__choices" aria-describedby={notesId} disabled={remote}>
      <legend className="setting__label">{label}</legend>
      {options.map((option) => (
        <label key={option.value} className="setting__choice">
          <input
            type={type}
            name={id}
            checked={type === 'radio' ? value === option.value : list.includes(option.value)}
            onChange={(event) =>
              onChange(
                type === 'radio' ? option.value : toggled(list, option.value, event.target.checked),
              )
            }
          />
          {option.name}
        </label>
      ))}
    </fieldset>
  );

  let control: ReactNode;
  const input = entry.input;
  switch (input.kind) {
    case 'integer':
      control = (
        <span className="setting__number">
          <input
            id={id}
            type="number"
            min={input.min}
            max={input.max}
            step={1}
            value={typeof value === 'number' ? value : ''}
            disabled={remote}
            aria-describedby={notesId}
            onChange={(event) =>
              onChange(event.target.value === '' ? '' : Number(event.target.value))
            }
          />
          <span>{t(settingUnitKey(input.unit))}</span>
        </span>
      );
      break;
    case 'boolean':
      control = (
        <input
          id={id}
          type="checkbox"
          checked={value === true}
          disabled={remote}
          aria-describedby={notesId}
          onChange={(event) => onChange(event.target.checked)}
        />
      );
      break;
    case 'text':
      control = (
        <input
          id={id}
          type="text"
          maxLength={input.maxLength}
          value={typeof value === 'string' ? value : ''}
          disabled={remote}
          aria-describedby={notesId}
          onChange={(event) =>
            onChange(input.nullable && event.target.value === '' ? null : event.target.value)
          }
        />
      );
      break;
    case 'colour':
      control = (
        <fieldset className="setting__choices" aria-describedby={notesId} disabled={remote}>
          <legend className="setting__label">{label}</legend>
          <label className="setting__choice">
            <input
              type="checkbox"
              checked={value !== null}
              onChange={(event) =>
                onChange(event.target.checked ? (DEFAULT_COLOURS[entry.path] ?? '#0b3a66') : null)
              }
            />
            {t('technician.settings.ownColour')}
          </label>
          {typeof value === 'string' && (
            <input
              id={id}
              type="color"
              aria-label={label}
              value={value}
              onChange={(event) => onChange(event.target.value)}
            />
          )}
        </fieldset>
      );
      break;
    case 'language':
      control = choices(
        input.options.map((code) => ({ value: code, name: t(`ui.languages.${code}`) })),
        'radio',
      );
      break;
    case 'languages':
      control = choices(
        input.options.map((code) => ({ value: code, name: t(`ui.languages.${code}`) })),
        'checkbox',
      );
      break;
    case 'hidden-services': {
      const language = i18n.language as Language;
      // Ticked: shown on the walk-in screen; the setting keeps the ones not ticked.
      control = (
        <fieldset className="setting__choices" aria-describedby={notesId} disabled={remote}>
          <legend className="setting__label">{label}</legend>
          {input.services.length === 0 && <p>{t('technician.settings.noServices')}</p>}
          {input.services.map((service) => (
            <label key={service.id} className="setting__choice">
              <input
                type="checkbox"
                checked={!list.includes(service.id)}
                onChange={(event) => onChange(toggled(list, service.id, !event.target.checked))}
              />
              {service.names[language] ?? service.names.es}
            </label>
          ))}
        </fieldset>
      );
      break;
    }
  }

  const grouped = ['colour', 'language', 'languages', 'hidden-services'].includes(input.kind);
  return (
    <div className="setting" data-testid={id} data-source={entry.source}>
      {!grouped && (
        <label className="setting__label" htmlFor={id}>
          {label}
        </label>
      )}
      {control}
      <p id={notesId} className="setting__notes">
        {t(`technician.settings.source.${entry.source}`)} ·{' '}
        {remote
          ? t('technician.settings.remoteLocked')
          : t(`technician.settings.applies.${entry.applies}`)}
        {props.problem && (
          <strong className="setting__problem" role="alert">
            {' '}
            {props.problem}
          </strong>
        )}
      </p>
    </div>
  );
}
