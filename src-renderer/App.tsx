import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import type { TurneroBridge } from '../src-shared/contract/ipc';
import { reprintTicket, submitCheckIn } from './checkin/submit-check-in';
import { KioskHeader } from './components/KioskHeader';
import { LanguageBar } from './components/LanguageBar';
import { LiveAnnouncer } from './components/LiveAnnouncer';
import { useIdleTimeout } from './components/use-idle-timeout';
import { createRendererI18n } from './i18n/setup';
import { useWedgeScanner, type WedgeScannerOptions } from './scanner/use-wedge-scanner';
import { CodeEntryScreen } from './screens/CodeEntryScreen';
import { ErrorScreen } from './screens/ErrorScreen';
import { HomeScreen, type HomeScreenProps } from './screens/HomeScreen';
import { IdEntryScreen } from './screens/IdEntryScreen';
import { PreparingScreen } from './screens/PreparingScreen';
import { ResultScreen } from './screens/ResultScreen';
import { SetupGate } from './setup/SetupGate';
import { createScreenStore, type Screen } from './state/screen-store';
import { ScreenProviders, useBridge, useScreen, useScreenStoreApi } from './state/store-context';
import { brandingStyle } from './technician/branding-style';
import { TechnicianGate } from './technician/TechnicianGate';
import { TechnicianProvider, useTechnicianStoreApi } from './technician/technician-context';
import { presentTechnicianCard } from './technician/technician-card-scan';
import { createTechnicianStore } from './technician/technician-store';
import { useTechnicianSession } from './technician/use-technician-session';

export interface AppProps {
  bridge: TurneroBridge;
  /** An i18next instance (tests); by default one over the shared catalogs. */
  i18n?: I18n;
  /** Keyboard-wedge timing and clock (tests inject a fake clock). */
  wedge?: WedgeScannerOptions;
  /** Result and error screens go back home after this long without a touch. */
  autoReturnMs?: number;
  /** Code entry, or a language other than the default, is abandoned after this long idle. */
  sessionTimeoutMs?: number;
  /**
   * Where camera frames come from when the kiosk state enables the camera (`scanner.camera`):
   * by default the ZXing decoder, loaded only then; tests pass their own `start`.
   */
  camera?: Pick<NonNullable<HomeScreenProps['camera']>, 'start'>;
}

/** The same QR held in front of the camera again is not a new check-in for this long. */
const CAMERA_REPEAT_MS = 10_000;

export function App(props: AppProps) {
  const [store] = useState(createScreenStore);
  const [technicianStore] = useState(createTechnicianStore);
  const [i18n] = useState(() => props.i18n ?? createRendererI18n());
  return (
    <I18nextProvider i18n={i18n}>
      <ScreenProviders store={store} bridge={props.bridge}>
        <KioskConnection />
        <SetupGate>
          <TechnicianProvider store={technicianStore}>
            <Kiosk
              wedge={props.wedge}
              autoReturnMs={props.autoReturnMs ?? 10_000}
              sessionTimeoutMs={props.sessionTimeoutMs ?? 60_000}
              {...(props.camera ? { camera: props.camera } : {})}
            />
          </TechnicianProvider>
        </SetupGate>
      </ScreenProviders>
    </I18nextProvider>
  );
}

const STATE_RETRY_MS = 2_000;

function useKioskConnection(): void {
  const bridge = useBridge();
  const store = useScreenStoreApi();
  useEffect(() => {
    const { setKioskState, showOutcome, addPreview } = store.getState();
    const unsubscribe = [
      bridge.on('kiosk:state-changed', setKioskState),
      bridge.on('checkin:completed', showOutcome),
      bridge.on('printer:ticket-rendered', ({ ticketId, text }) => addPreview(ticketId, text)),
    ];
    let retry: ReturnType<typeof setTimeout> | null = null;
    let stopped = false;
    const load = () => {
      void bridge.invoke('kiosk:get-state', {}).then(
        (result) => {
          if (stopped) return;
          if (result.ok) setKioskState(result.value);
          else retry = setTimeout(load, STATE_RETRY_MS);
        },
        () => {
          if (!stopped) retry = setTimeout(load, STATE_RETRY_MS);
        },
      );
    };
    load();
    return () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      for (const off of unsubscribe) off();
    };
  }, [bridge, store]);
}

/** The kiosk state, for the citizen screens and the first-run wizard's gate alike. */
function KioskConnection(): null {
  useKioskConnection();
  return null;
}

function useLanguageSync(): void {
  const { i18n } = useTranslation();
  const bridge = useBridge();
  const language = useScreen((state) => state.language);
  const languageChosen = useScreen((state) => state.languageChosen);
  useEffect(() => {
    void i18n.changeLanguage(language);
    document.documentElement.lang = language;
  }, [i18n, language]);
  // Main prints a scan it reads itself (serial scanner) in the citizen's language too.
  useEffect(() => {
    void bridge.invoke('session:set-language', { language: languageChosen ? language : null });
  }, [bridge, language, languageChosen]);
}

function isTyping(screen: Screen): boolean {
  return screen === 'entering-code' || screen === 'entering-id';
}

function Kiosk(props: {
  wedge: WedgeScannerOptions | undefined;
  autoReturnMs: number;
  sessionTimeoutMs: number;
  camera?: AppProps['camera'];
}) {
  const bridge = useBridge();
  const store = useScreenStoreApi();
  const technician = useTechnicianStoreApi();
  const screen = useScreen((state) => state.screen);
  const result = useScreen((state) => state.result);
  const error = useScreen((state) => state.error);
  const busy = useScreen((state) => state.busy);
  const outcomeSeq = useScreen((state) => state.outcomeSeq);
  const languageChosen = useScreen((state) => state.languageChosen);
  const endSession = useScreen((state) => state.endSession);
  const { t } = useTranslation();

  useLanguageSync();
  useTechnicianSession();
  const branding = useScreen((state) => state.kiosk?.branding);
  const preparing = useScreen((state) => state.kiosk?.readiness === 'preparing');
  /** A scan the screen read: a technician card, or a citizen's check-in (not while a technician works). */
  const scanned = useCallback(
    (text: string, source: 'keyboard-wedge' | 'camera') => {
      if (technician.getState().session.phase !== 'closed') return;
      if (presentTechnicianCard(bridge, { screens: store, technician }, text)) return;
      void submitCheckIn(bridge, store, text, source);
    },
    [bridge, store, technician],
  );

  const lastCameraScan = useRef<{ text: string; at: number } | null>(null);
  // Technician settings from main: off, and the scanner in the PC's layout, until told otherwise.
  const cameraEnabled = useScreen((state) => state.kiosk?.scanner.camera ?? false);
  const keyboardLayout = useScreen((state) => state.kiosk?.scanner.keyboardLayout ?? 'auto');
  const camera = useMemo((): HomeScreenProps['camera'] => {
    if (!cameraEnabled) return undefined;
    const onDecode = (text: string) => {
      // A phone left in front of the camera must not check in again as soon as home is back.
      const now = performance.now();
      const last = lastCameraScan.current;
      if (last && last.text === text && now - last.at < CAMERA_REPEAT_MS) return;
      lastCameraScan.current = { text, at: now };
      scanned(text, 'camera');
    };
    return props.camera ? { onDecode, start: props.camera.start } : { onDecode };
  }, [cameraEnabled, props.camera, scanned]);

  useWedgeScanner(
    {
      onScan: (input) => scanned(input, 'keyboard-wedge'),
      onTyped: (text) => {
        if (isTyping(store.getState().screen)) store.getState().typeCode(text);
      },
      onKey: (key) => {
        if (key === 'Backspace' && isTyping(store.getState().screen)) {
          store.getState().deleteLast();
        }
      },
    },
    { layout: keyboardLayout, ...props.wedge },
  );

  const showingOutcome = screen === 'result' || screen === 'error';
  useIdleTimeout(showingOutcome && !busy, props.autoReturnMs, endSession, outcomeSeq);
  useIdleTimeout(
    !busy && (isTyping(screen) || (screen === 'home' && languageChosen)),
    props.sessionTimeoutMs,
    endSession,
  );

  return (
    <TechnicianGate>
      <div className="kiosk" data-screen={screen} style={brandingStyle(branding)}>
        <KioskHeader />
        <main className="kiosk-main" aria-busy={busy}>
          {screen === 'home' &&
            (preparing ? <PreparingScreen /> : <HomeScreen {...(camera ? { camera } : {})} />)}
          {screen === 'entering-code' && (
            <CodeEntryScreen
              onSubmit={(code) => void submitCheckIn(bridge, store, code, 'touch')}
            />
          )}
          {screen === 'entering-id' && (
            <IdEntryScreen
              onSubmit={(documentNumber) =>
                void submitCheckIn(bridge, store, documentNumber, 'touch', 'id-document')
              }
            />
          )}
          {screen === 'result' && result && (
            <ResultScreen
              result={result}
              onReprint={() => void reprintTicket(bridge, store, result)}
            />
          )}
          {screen === 'error' && error && <ErrorScreen error={error} />}
        </main>
        {(screen === 'home' || isTyping(screen)) && (
          <footer className="kiosk-footer">
            <LanguageBar />
          </footer>
        )}
        <LiveAnnouncer />
        {busy && (
          <div className="busy-overlay" aria-hidden="true" data-testid="busy">
            <div className="busy-overlay__spinner" />
            <p>{t('ui.busy')}</p>
          </div>
        )}
      </div>
    </TechnicianGate>
  );
}
