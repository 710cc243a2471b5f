/**
 * A PIN field with its on-screen digit pad: the touch screen's way to type a PIN, while a
 * physical keyboard can type into the field itself. The field never shows the digits.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

export interface PinKeypadProps {
  label: string;
  value: string;
  onChange(value: string): void;
  onSubmit(): void;
  submitLabel: string;
  disabled?: boolean;
  /** Id of a message about the field (wrong PIN, tries left) for assistive technology. */
  describedBy?: string;
}

const MAX_DIGITS = 12;
const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

export function PinKeypad(props: PinKeypadProps) {
  const { t } = useTranslation();
  const fieldId = useId();
  const type = (digit: string) => {
    if (props.value.length < MAX_DIGITS) props.onChange(props.value + digit);
  };
  const digitButton = (digit: string) => (
    <button
      key={digit}
      type="button"
      className="pin-keypad__key"
      disabled={props.disabled}
      onClick={() => type(digit)}
    >
      {digit}
    </button>
  );
  return (
    <form
      className="pin-keypad"
      onSubmit={(event) => {
        event.preventDefault();
        if (!props.disabled && props.value !== '') props.onSubmit();
      }}
    >
      <label className="pin-keypad__label" htmlFor={fieldId}>
        {props.label}
      </label>
      <input
        id={fieldId}
        className="pin-keypad__field"
        type="password"
        inputMode="none"
        autoComplete="off"
        value={props.value}
        disabled={props.disabled}
        maxLength={MAX_DIGITS}
        aria-describedby={props.describedBy}
        onChange={(event) => props.onChange(event.target.value.replace(/\D/g, ''))}
      />
      <div className="pin-keypad__keys" role="group" aria-label={t('technician.pin.keypad')}>
        {DIGITS.map(digitButton)}
        <button
          type="button"
          className="pin-keypad__key pin-keypad__key--action"
          disabled={props.disabled || props.value === ''}
          onClick={() => props.onChange(props.value.slice(0, -1))}
        >
          {t('technician.pin.delete')}
        </button>
        {digitButton('0')}
        <button
          type="submit"
          className="pin-keypad__key pin-keypad__key--submit"
          disabled={props.disabled || props.value === ''}
        >
          {props.submitLabel}
        </button>
      </div>
    </form>
  );
}
