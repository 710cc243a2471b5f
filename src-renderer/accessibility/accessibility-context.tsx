/**
 * The accessibility layer of the kiosk: one store of the citizen's choices per App (tied to the
 * screen store's session), the spoken guide, the page-wide presentation those choices select
 * (attributes on <html> that kiosk.css keys on), and spoken guidance.
 */
import {
  createContext,
  useContext,
  useEffect,
  useLayoutEffect,
  useState,
  type ReactNode,
} from 'react';
import { useStore } from 'zustand';
import { useScreenStoreApi } from '../state/store-context';
import {
  bindAccessibilityToSession,
  createAccessibilityStore,
  type AccessibilityChoices,
  type AccessibilityState,
  type AccessibilityStore,
} from './accessibility-store';
import { browserSpeech, SpeechGuide, type SpeechApi } from './speech-guide';
import { useSpokenGuidance } from './spoken-guidance';

interface AccessibilityContextValue {
  store: AccessibilityStore;
  guide: SpeechGuide;
}

const AccessibilityContext = createContext<AccessibilityContextValue | null>(null);

/**
 * The attributes on <html> each choice sets. On the root element because large text scales the
 * root font size, which every size in kiosk.css derives from.
 */
const PRESENTATION: ReadonlyArray<[keyof AccessibilityChoices, string, string]> = [
  ['largeText', 'data-text-size', 'large'],
  ['highContrast', 'data-contrast', 'high'],
  ['lowReach', 'data-reach', 'low'],
];

function usePagePresentation(choices: AccessibilityChoices): void {
  // Before paint: the page never shows one frame in the previous presentation.
  useLayoutEffect(() => {
    const root = document.documentElement;
    for (const [option, attribute, value] of PRESENTATION) {
      if (choices[option]) root.setAttribute(attribute, value);
      else root.removeAttribute(attribute);
    }
  }, [choices]);
  useLayoutEffect(
    () => () => {
      for (const [, attribute] of PRESENTATION) document.documentElement.removeAttribute(attribute);
    },
    [],
  );
}

export function AccessibilityProvider(props: {
  /** The speech API (tests); by default the browser's, or none where it has none. */
  speech?: SpeechApi | null;
  children: ReactNode;
}) {
  const screens = useScreenStoreApi();
  const [value] = useState<AccessibilityContextValue>(() => ({
    store: createAccessibilityStore(),
    guide: new SpeechGuide(props.speech === undefined ? browserSpeech() : props.speech),
  }));
  const { store, guide } = value;
  useEffect(() => bindAccessibilityToSession(screens, store), [screens, store]);
  const choices = useStore(store, (state) => state.choices);
  const panelOpen = useStore(store, (state) => state.panelOpen);
  usePagePresentation(choices);
  useSpokenGuidance(guide, choices.spokenGuidance, panelOpen);
  return (
    <AccessibilityContext.Provider value={value}>{props.children}</AccessibilityContext.Provider>
  );
}

function useAccessibilityContext(): AccessibilityContextValue {
  const value = useContext(AccessibilityContext);
  if (!value) throw new Error('accessibility hooks outside AccessibilityProvider');
  return value;
}

export function useAccessibility<T>(selector: (state: AccessibilityState) => T): T {
  return useStore(useAccessibilityContext().store, selector);
}

export function useAccessibilityStoreApi(): AccessibilityStore {
  return useAccessibilityContext().store;
}

export function useSpeechGuide(): SpeechGuide {
  return useAccessibilityContext().guide;
}
