import { useTranslation } from 'react-i18next';

/** Back, delete and accept under an on-screen keyboard; labels from the screen's own catalog. */
export function EntryActions(props: {
  labels: 'ui.codeEntry' | 'ui.idEntry';
  empty: boolean;
  onBack: () => void;
  onDelete: () => void;
  onAccept: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="actions">
      <button type="button" className="button button--secondary" onClick={props.onBack}>
        {t(`${props.labels}.back`)}
      </button>
      <button
        type="button"
        className="button button--secondary"
        onClick={props.onDelete}
        disabled={props.empty}
      >
        {t(`${props.labels}.delete`)}
      </button>
      <button
        type="button"
        className="button button--primary"
        onClick={props.onAccept}
        disabled={props.empty}
        data-primary
      >
        {t(`${props.labels}.accept`)}
      </button>
    </div>
  );
}
