import { useTranslation } from 'react-i18next';
import { CameraScanner, type CameraScannerProps } from '../camera/CameraScanner';
import { ScanIcon } from '../components/icons';
import { useHeadingFocus } from '../components/use-heading-focus';
import { printerCannotPrint } from '../flows/print-outcome';
import { useScreen } from '../state/store-context';

export interface HomeScreenProps {
  /** Set on kiosks with a camera: the preview replaces the picture and decodes QR codes. */
  camera?: Pick<CameraScannerProps, 'onDecode' | 'start'>;
}

export function HomeScreen(props: HomeScreenProps) {
  const { t } = useTranslation();
  const offline = useScreen((state) => state.kiosk?.connectivity === 'offline');
  const startCodeEntry = useScreen((state) => state.startCodeEntry);
  const startIdEntry = useScreen((state) => state.startIdEntry);
  const startWalkIn = useScreen((state) => state.startWalkIn);
  const printerDown = useScreen((state) => printerCannotPrint(state.kiosk?.printer.status));
  const heading = useHeadingFocus<HTMLHeadingElement>();
  return (
    <div className="screen screen--home" data-testid="screen-home">
      {offline && (
        <p
          className="notice notice--offline"
          role="status"
          data-testid="offline-notice"
          data-guidance
        >
          {t('ui.home.offline')}
        </p>
      )}
      {printerDown && (
        <p className="notice notice--offline" role="status" data-testid="printer-notice">
          {t('citizenFlows.home.printerDown')}
        </p>
      )}
      <section className="home-scan" aria-labelledby="home-scan-title">
        {props.camera ? (
          <CameraScanner
            onDecode={props.camera.onDecode}
            {...(props.camera.start ? { start: props.camera.start } : {})}
            fallback={<ScanIcon />}
          />
        ) : (
          <ScanIcon />
        )}
        <h1 id="home-scan-title" className="home-scan__title" ref={heading} tabIndex={-1}>
          {t('ui.home.scanTitle')}
        </h1>
        <p className="home-scan__hint" data-guidance>
          {t('ui.home.scanHint')}
        </p>
      </section>
      <p className="home-or" aria-hidden="true">
        <span>{t('ui.home.or')}</span>
      </p>
      <section className="home-code home-code--three">
        <div className="home-code__option">
          <button
            type="button"
            className="button button--primary button--huge"
            aria-describedby="home-code-hint"
            onClick={startCodeEntry}
            data-primary
            data-guidance
          >
            {t('ui.home.haveAppointment')}
          </button>
          <p id="home-code-hint" className="home-code__hint" data-guidance>
            {t('ui.home.haveAppointmentHint')}
          </p>
        </div>
        <div className="home-code__option">
          <button
            type="button"
            className="button button--secondary button--huge button--id"
            aria-describedby="home-id-hint"
            onClick={startIdEntry}
            data-testid="start-id-entry"
            data-guidance
          >
            {t('ui.home.idDocument')}
          </button>
          <p id="home-id-hint" className="home-code__hint" data-guidance>
            {t('ui.home.idDocumentHint')}
          </p>
        </div>
        <div className="home-code__option">
          <button
            type="button"
            className="button button--secondary button--huge button--walk-in"
            aria-describedby="home-walk-in-hint"
            onClick={startWalkIn}
            data-testid="start-walk-in"
          >
            {t('citizenFlows.home.walkIn')}
          </button>
          <p id="home-walk-in-hint" className="home-code__hint">
            {t('citizenFlows.home.walkInHint')}
          </p>
        </div>
      </section>
    </div>
  );
}
