/**
 * The renderer's UI state: which screen is up, the kiosk state from main, the chosen language,
 * the code being typed, the outcome of the last check-in or walk-in and where it came from.
 * One store per App instance.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CheckInResult, IpcError, IpcResult, KioskState } from '../../src-shared/contract/ipc';
import type { Language } from '../../src-shared/domain/language';
import { DEFAULT_LANGUAGE } from '../../src-shared/i18n/catalogs';
import { PASSPORT_MAX_LENGTH } from '../../src-shared/domain/id-document';

export type Screen = 'home' | 'entering-code' | 'entering-id' | 'walk-in' | 'result' | 'error';

/** What a touch entry is: a booking code, or an ID document number (DNI, NIE, passport). */
export type EntryMode = 'code' | 'id-document';

/**
 * Which way in produced the outcome on screen: a typed code, a typed ID document, a scan (wedge,
 * camera or the serial scanner), or the walk-in screen. "Try again" goes back to the same one.
 */
export type OutcomeOrigin = 'code' | 'id-document' | 'scan' | 'walk-in';

/** What the busy overlay says the kiosk is doing. */
export type BusyPurpose = 'check-in' | 'walk-in';

/** What the on-screen keyboard offers: booking codes and DNI/NIE use only these. */
export const CODE_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** Longest entry the field takes: the longest passport number the parser accepts. */
export const MAX_CODE_LENGTH = PASSPORT_MAX_LENGTH;
/** Ticket previews kept (only the current result's is shown). */
const MAX_PREVIEWS = 5;

export interface KioskUiState {
  screen: Screen;
  kiosk: KioskState | null;
  language: Language;
  /** True once the person at the kiosk picked a language (it then survives state updates). */
  languageChosen: boolean;
  /** What is being typed on screen: a booking code, or an ID document number (entering-id). */
  code: string;
  /**
   * A submitted ID document number, masked (`***4567**`), shown while it is checked. The number
   * itself is dropped from the store as soon as it is submitted.
   */
  submittedMask: string | null;
  busy: boolean;
  busyPurpose: BusyPurpose;
  result: CheckInResult | null;
  error: IpcError | null;
  origin: OutcomeOrigin;
  /** The one reprint was refused: the result stays on screen with a note instead. */
  reprintRefused: boolean;
  /** Increases each time a scanner burst is cut off, so the screen can say so. */
  incompleteScanSeq: number;
  /** Virtual printer renderings by ticket id; may arrive before or after the result. */
  previews: Record<string, string>;
  /** Increases with every outcome, so the same outcome twice still counts as new. */
  outcomeSeq: number;
  /** Increases every time a session ends, so per-person state elsewhere (accessibility) resets. */
  sessionsEnded: number;

  setKioskState(kiosk: KioskState): void;
  chooseLanguage(language: Language): void;
  startCodeEntry(): void;
  /** The DNI / NIE / passport entry screen, empty. */
  startIdEntry(): void;
  /** The walk-in screen (services without appointment). */
  startWalkIn(): void;
  /** An ID document number was submitted: forget it, keep only its mask on screen. */
  markIdSubmitted(mask: string): void;
  typeCode(text: string): void;
  deleteLast(): void;
  /** Back to home, keeping the language (the same person is still there). */
  goHome(): void;
  /** Back to home for the next person: language and everything typed are reset. */
  endSession(): void;
  setBusy(busy: boolean, purpose?: BusyPurpose): void;
  /** Shows a result or a refusal; `origin` defaults to a scan (main's serial scanner). */
  showOutcome(outcome: IpcResult<CheckInResult>, origin?: OutcomeOrigin): void;
  /** The reprint was refused: keep the result (its number) on screen and say so. */
  showReprintRefused(): void;
  noteIncompleteScan(): void;
  addPreview(ticketId: string, text: string): void;
}

export type ScreenStore = StoreApi<KioskUiState>;

export function filterCode(text: string): string {
  return [...text.toUpperCase()].filter((character) => CODE_ALPHABET.includes(character)).join('');
}

export function createScreenStore(): ScreenStore {
  return createStore<KioskUiState>()((set) => ({
    screen: 'home',
    kiosk: null,
    language: DEFAULT_LANGUAGE,
    languageChosen: false,
    code: '',
    submittedMask: null,
    busy: false,
    busyPurpose: 'check-in',
    result: null,
    error: null,
    origin: 'scan',
    reprintRefused: false,
    incompleteScanSeq: 0,
    previews: {},
    outcomeSeq: 0,
    sessionsEnded: 0,

    setKioskState: (kiosk) =>
      set((state) => ({
        kiosk,
        language: state.languageChosen ? state.language : kiosk.defaultLanguage,
      })),
    chooseLanguage: (language) => set({ language, languageChosen: true }),
    startCodeEntry: () =>
      set({ screen: 'entering-code', code: '', submittedMask: null, result: null, error: null }),
    startIdEntry: () =>
      set({ screen: 'entering-id', code: '', submittedMask: null, result: null, error: null }),
    startWalkIn: () =>
      set({ screen: 'walk-in', code: '', submittedMask: null, result: null, error: null }),
    markIdSubmitted: (mask) => set({ code: '', submittedMask: mask }),
    typeCode: (text) =>
      set((state) => ({ code: (state.code + filterCode(text)).slice(0, MAX_CODE_LENGTH) })),
    deleteLast: () => set((state) => ({ code: state.code.slice(0, -1) })),
    goHome: () => set({ screen: 'home', code: '', submittedMask: null, result: null, error: null }),
    endSession: () =>
      set((state) => ({
        screen: 'home',
        code: '',
        submittedMask: null,
        result: null,
        error: null,
        language: state.kiosk?.defaultLanguage ?? DEFAULT_LANGUAGE,
        languageChosen: false,
        sessionsEnded: state.sessionsEnded + 1,
      })),
    setBusy: (busy, purpose = 'check-in') => set({ busy, busyPurpose: purpose }),
    showOutcome: (outcome, origin = 'scan') =>
      set((state) => ({
        busy: false,
        code: '',
        submittedMask: null,
        screen: outcome.ok ? 'result' : 'error',
        result: outcome.ok ? outcome.value : null,
        error: outcome.ok ? null : outcome.error,
        origin,
        reprintRefused: false,
        outcomeSeq: state.outcomeSeq + 1,
      })),
    showReprintRefused: () => set({ busy: false, reprintRefused: true }),
    noteIncompleteScan: () => set((state) => ({ incompleteScanSeq: state.incompleteScanSeq + 1 })),
    addPreview: (ticketId, text) =>
      set((state) => {
        const kept = Object.entries(state.previews)
          .filter(([id]) => id !== ticketId)
          .slice(-(MAX_PREVIEWS - 1));
        return { previews: Object.fromEntries([...kept, [ticketId, text]]) };
      }),
  }));
}
