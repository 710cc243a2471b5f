import { useTranslation } from 'react-i18next';

/**
 * The keyboard for an ID document number: digits first (a DNI is eight of them), then X, Y and Z
 * set apart and larger (a NIE starts with one), then the other letters in alphabetical order for
 * the final letter and for passports.
 */
const DIGITS = [...'1234567890'];
const NIE_LETTERS = [...'XYZ'];
const LETTER_ROWS = [[...'ABCDEFGHIJ'], [...'KLMNOPQRST'], [...'UVW']];

export function IdDocumentKeyboard(props: { onKey(character: string): void }) {
  const { t } = useTranslation();
  const key = (character: string, extra = '') => (
    <button
      key={character}
      type="button"
      className={`osk__key ${extra}`.trim()}
      onClick={() => props.onKey(character)}
    >
      {character}
    </button>
  );
  return (
    <div
      className="osk osk--id"
      role="group"
      aria-label={t('ui.idEntry.keyboardLabel')}
      data-testid="id-keyboard"
    >
      <div className="osk__row osk__row--digits">{DIGITS.map((character) => key(character))}</div>
      <div className="osk__row osk__row--nie">
        <span className="osk__caption" aria-hidden="true">
          {t('ui.idEntry.nieKeys')}
        </span>
        {NIE_LETTERS.map((character) => key(character, 'osk__key--nie'))}
      </div>
      {LETTER_ROWS.map((row) => (
        <div className="osk__row" key={row.join('')}>
          {row.map((character) => key(character))}
        </div>
      ))}
    </div>
  );
}
