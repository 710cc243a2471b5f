/**
 * Spoken guidance over the Web Speech API (`speechSynthesis`): a totem has no screen reader, so
 * the kiosk reads its own screens aloud when the citizen asks for it. One utterance at a time:
 * each new one cancels whatever is still being said. Every utterance carries the language of its
 * text, and a voice of that language when the browser has one; with voices but none of that
 * language it stays silent rather than read Spanish with an English voice.
 */
import type { Language } from '../../src-shared/domain/language';

/** What the page offers of the Web Speech API; absent in browsers without speech synthesis. */
export interface SpeechApi {
  synthesis: SpeechSynthesis;
  createUtterance(text: string): SpeechSynthesisUtterance;
}

export type SpeechSupport = 'ready' | 'no-voice' | 'unsupported';

/** The region each language is spoken with at a Spanish town hall's kiosk. */
const VOICE_TAGS: Readonly<Record<Language, string>> = {
  es: 'es-ES',
  en: 'en-GB',
  fr: 'fr-FR',
  de: 'de-DE',
};

export function browserSpeech(): SpeechApi | null {
  if (typeof window === 'undefined') return null;
  const { speechSynthesis, SpeechSynthesisUtterance: Utterance } = window;
  if (!speechSynthesis || typeof Utterance !== 'function') return null;
  return { synthesis: speechSynthesis, createUtterance: (text) => new Utterance(text) };
}

const normalisedTag = (tag: string) => tag.replace('_', '-').toLowerCase();

export class SpeechGuide {
  constructor(private readonly api: SpeechApi | null) {}

  /** The voice for `language`: its usual region first, then any voice of the language. */
  voiceFor(language: Language): SpeechSynthesisVoice | null {
    if (!this.api) return null;
    const voices = this.api.synthesis.getVoices();
    const exact = normalisedTag(VOICE_TAGS[language]);
    return (
      voices.find((voice) => normalisedTag(voice.lang) === exact) ??
      voices.find((voice) => normalisedTag(voice.lang).split('-')[0] === language) ??
      null
    );
  }

  /**
   * Whether `language` can be spoken. No voices listed at all is not "no voice": browsers list
   * them lazily, and the engine still picks one from the utterance's language.
   */
  support(language: Language): SpeechSupport {
    if (!this.api) return 'unsupported';
    if (this.api.synthesis.getVoices().length > 0 && !this.voiceFor(language)) return 'no-voice';
    return 'ready';
  }

  /** Stops what is being said and says `text` in `language`; false when it cannot be said. */
  say(text: string, language: Language): boolean {
    this.stop();
    if (!this.api || text.trim() === '' || this.support(language) !== 'ready') return false;
    const utterance = this.api.createUtterance(text);
    utterance.lang = VOICE_TAGS[language];
    const voice = this.voiceFor(language);
    if (voice) utterance.voice = voice;
    // A voice that fails (none installed after all, audio device gone) must not break the screen.
    utterance.onerror = () => undefined;
    this.api.synthesis.speak(utterance);
    return true;
  }

  stop(): void {
    this.api?.synthesis.cancel();
  }
}
