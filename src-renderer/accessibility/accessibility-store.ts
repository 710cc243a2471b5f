/**
 * The accessibility choices of the citizen now at the kiosk (spoken guidance, large text, high
 * contrast, low reach) and whether their panel is open. They belong to one person: the screen
 * store's `endSession` clears them for the next one (`bindAccessibilityToSession`).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ScreenStore } from '../state/screen-store';

export const ACCESSIBILITY_OPTIONS = [
  'spokenGuidance',
  'largeText',
  'highContrast',
  'lowReach',
] as const;
export type AccessibilityOption = (typeof ACCESSIBILITY_OPTIONS)[number];

export type AccessibilityChoices = Record<AccessibilityOption, boolean>;

export const NO_CHOICES: Readonly<AccessibilityChoices> = {
  spokenGuidance: false,
  largeText: false,
  highContrast: false,
  lowReach: false,
};

export interface AccessibilityState {
  choices: AccessibilityChoices;
  panelOpen: boolean;
  openPanel(): void;
  closePanel(): void;
  toggle(option: AccessibilityOption): void;
  /** Everything off and the panel closed: the next person starts from the usual screen. */
  reset(): void;
}

export type AccessibilityStore = StoreApi<AccessibilityState>;

export function createAccessibilityStore(): AccessibilityStore {
  return createStore<AccessibilityState>()((set) => ({
    choices: { ...NO_CHOICES },
    panelOpen: false,
    openPanel: () => set({ panelOpen: true }),
    closePanel: () => set({ panelOpen: false }),
    toggle: (option) =>
      set((state) => ({ choices: { ...state.choices, [option]: !state.choices[option] } })),
    reset: () => set({ choices: { ...NO_CHOICES }, panelOpen: false }),
  }));
}

/** True while someone is using the accessibility panel or any of its choices. */
export function accessibilityInUse(state: AccessibilityState): boolean {
  return state.panelOpen || ACCESSIBILITY_OPTIONS.some((option) => state.choices[option]);
}

/**
 * Ties the choices to the citizen's session: they are cleared when the session ends, and the
 * panel closes when another screen or a new outcome comes up (a serial scan while it is open),
 * so it never hides what the kiosk has just answered. Returns the unsubscribe function.
 */
export function bindAccessibilityToSession(
  screens: ScreenStore,
  accessibility: AccessibilityStore,
): () => void {
  return screens.subscribe((state, previous) => {
    if (state.sessionsEnded !== previous.sessionsEnded) {
      accessibility.getState().reset();
    } else if (state.screen !== previous.screen || state.outcomeSeq !== previous.outcomeSeq) {
      accessibility.getState().closePanel();
    }
  });
}
