import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import type { TurneroBridge } from '../src-shared/contract/ipc';
import { AccessibilityButton } from './accessibility/AccessibilityButton';
import { AccessibilityProvider, useAccessibility } from './accessibility/accessibility-context';
import { AccessibilityPanel } from './accessibility/AccessibilityPanel';
import { accessibilityInUse } from './accessibility/accessibility-store';
import { issueWalkIn, reprintTicket, submitCheckIn } from './checkin/submit-check-in';
import { KioskHeader } from './components/KioskHeader';
import { LanguageBar } from './components/LanguageBar';
import { LiveAnnouncer } from './components/LiveAnnouncer';
import { ScanNotice } from './components/ScanNotice';
import { TimeLimitDialog } from './components/TimeLimitDialog';
import { printOutcomeView } from './flows/print-outcome';
import { createRendererI18n } from './i18n/setup';
import { useWedgeScanner, type WedgeScannerOptions } from './scanner/use-wedge-scanner';
import { DEFAULT_WEDGE_OPTIONS, wedgeTiming } from './scanner/wedge-detector';
import { CodeEntryScreen } from './screens/CodeEntryScreen';
import { ErrorScreen } from './screens/ErrorScreen';
import { HomeScreen, type HomeScreenProps } from './screens/HomeScreen';
import { IdEntryScreen } from './screens/IdEntryScreen';
import { PreparingScreen } from './screens/PreparingScreen';
import { ResultScreen } from './screens/ResultScreen';
import { WalkInScreen } from './screens/WalkInScreen';
import { DEFAULT_SESSION, timeLimitFor, type SessionSeconds } from './session/time-limits';
import { useTimeLimit } from './session/use-time-limit';
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
  /** Keyboard-wedge timing and clock (tests inject a fake clock); overrides the kiosk state's. */
  wedge?: WedgeScannerOptions;
  /** The screens' time limits; overrides the kiosk state's `session` (tests). */
  session?: Partial<SessionSeconds>;
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
            <AccessibilityProvider>
              <Kiosk
                wedge={props.wedge}
                session={props.session}
                {...(props.camera ? { camera: props.camera } : {})}
              />
            </AccessibilityProvider>
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

/**
 * The time limit of the screen now (src-renderer/session/time-limits.ts) and its warning: the
 * kiosk state's seconds, unless the App's props override them.
 */
function useScreenTimeLimit(override: Partial<SessionSeconds> | undefined) {
  const screen = useScreen((state) => state.screen);
  const busy = useScreen((state) => state.busy);
  const languageChosen = useScreen((state) => state.languageChosen);
  const outcomeSeq = useScreen((state) => state.outcomeSeq);
  const endSession = useScreen((state) => state.endSession);
  const kioskSession = useScreen((state) => state.kiosk?.session);
  const numberOnlyOnScreen = useScreen(
    (state) =>
      state.result !== null &&
      printOutcomeView(state.result, state.kiosk?.printer.status).onlyOnScreen,
  );
  // Choices made for one person are theirs only: an idle home screen ends the session too.
  const accessibilityUsed = useAccessibility(accessibilityInUse);
  const session = { ...DEFAULT_SESSION, ...kioskSession, ...override };
  const limit = timeLimitFor(
    { screen, busy, languageChosen: languageChosen || accessibilityUsed, numberOnlyOnScreen },
    session,
  );
  return useTimeLimit(limit, endSession, `${screen}:${outcomeSeq}`);
}

function Kiosk(props: {
  wedge: WedgeScannerOptions | undefined;
  session: Partial<SessionSeconds> | undefined;
  camera?: AppProps['camera'];
}) {
  const bridge = useBridge();
  const store = useScreenStoreApi();
  const technician = useTechnicianStoreApi();
  const screen = useScreen((state) => state.screen);
  const result = useScreen((state) => state.result);
  const error = useScreen((state) => state.error);
  const busy = useScreen((state) => state.busy);
  const busyPurpose = useScreen((state) => state.busyPurpose);
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
  // The default until main says otherwise: a kiosk state with the same speed, arriving in the
  // middle of a scan, then leaves the detector (and the burst it holds) alone.
  const wedgeMaxGapMs = useScreen(
    (state) => state.kiosk?.scanner.wedgeMaxGapMs ?? DEFAULT_WEDGE_OPTIONS.maxInterKeyMs,
  );
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
      onIncomplete: () => store.getState().noteIncompleteScan(),
    },
    {
      layout: keyboardLayout,
      ...wedgeTiming(wedgeMaxGapMs),
      ...props.wedge,
    },
  );

  const timeLimit = useScreenTimeLimit(props.session);

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
          {screen === 'walk-in' && (
            <WalkInScreen
              onIssue={(serviceId, priority) =>
                void issueWalkIn(bridge, store, serviceId, priority)
              }
            />
          )}
          {screen === 'error' && error && <ErrorScreen error={error} />}
        </main>
        <ScanNotice />
        <footer className="kiosk-footer">
          {(screen === 'home' || screen === 'walk-in' || isTyping(screen)) && <LanguageBar />}
          <AccessibilityButton />
        </footer>
        <LiveAnnouncer />
        <AccessibilityPanel />
        {busy && (
          <div className="busy-overlay" aria-hidden="true" data-testid="busy">
            <div className="busy-overlay__spinner" />
            <p>{t(busyPurpose === 'walk-in' ? 'citizenFlows.busy.walkIn' : 'ui.busy')}</p>
          </div>
        )}
        {timeLimit.warningSecondsLeft !== null && (
          <TimeLimitDialog
            secondsLeft={timeLimit.warningSecondsLeft}
            onExtend={timeLimit.extend}
            onEnd={timeLimit.expireNow}
          />
        )}
      </div>
    </TechnicianGate>
  );
}
