import { useId } from 'react';

export interface RadioOptionProps {
  name: string;
  checked: boolean;
  onChange(): void;
  label: string;
  /** A second line: the device behind a name, or why it may not work. */
  detail?: string;
}

/** One choice of a radio group, as a large touch target: the whole row is the label. */
export function RadioOption(props: RadioOptionProps) {
  const id = useId();
  const labelId = `${id}-label`;
  const detailId = `${id}-detail`;
  return (
    <label className={props.checked ? 'setup-option setup-option--checked' : 'setup-option'}>
      <input
        type="radio"
        name={props.name}
        checked={props.checked}
        onChange={props.onChange}
        aria-labelledby={labelId}
        aria-describedby={props.detail ? detailId : undefined}
      />
      <span className="setup-option__text">
        <span id={labelId} className="setup-option__label">
          {props.label}
        </span>
        {props.detail && (
          <span id={detailId} className="setup-option__detail">
            {props.detail}
          </span>
        )}
      </span>
    </label>
  );
}
