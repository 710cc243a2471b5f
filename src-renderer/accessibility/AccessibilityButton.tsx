import { useTranslation } from 'react-i18next';
import { AccessibilityIcon } from './accessibility-icons';
import { useAccessibility } from './accessibility-context';
import { ACCESSIBILITY_OPTIONS } from './accessibility-store';

/**
 * The way into the accessibility choices, on every screen: at the bottom of the screen, so it is
 * within reach of a wheelchair user before any choice moves anything down.
 */
export function AccessibilityButton() {
  const { t } = useTranslation();
  const openPanel = useAccessibility((state) => state.openPanel);
  const anyChosen = useAccessibility((state) =>
    ACCESSIBILITY_OPTIONS.some((option) => state.choices[option]),
  );
  return (
    <button
      type="button"
      className="a11y-open"
      aria-haspopup="dialog"
      data-chosen={anyChosen || undefined}
      data-testid="accessibility-open"
      onClick={openPanel}
    >
      <AccessibilityIcon />
      <span>{t('accessibility.open')}</span>
    </button>
  );
}
