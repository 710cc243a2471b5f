import { useTranslation } from 'react-i18next';
import { CODE_ALPHABET } from '../state/screen-store';

/** Digits first, then letters in alphabetical order: 10 keys a row. */
export function OnScreenKeyboard(props: { onKey(character: string): void }) {
  const { t } = useTranslation();
  const keys = [...'1234567890', ...CODE_ALPHABET.slice(10)];
  return (
    <div className="osk" role="group" aria-label={t('ui.codeEntry.keyboardLabel')}>
      {keys.map((character) => (
        <button
          key={character}
          type="button"
          className="osk__key"
          onClick={() => props.onKey(character)}
        >
          {character}
        </button>
      ))}
    </div>
  );
}
