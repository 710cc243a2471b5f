import { describe, expect, it } from 'vitest';
import { SpeechGuide, type SpeechApi } from '../../src-renderer/accessibility/speech-guide';

interface Said {
  text: string;
  lang: string;
  voice: string | null;
}

/** A stand-in for the browser's speech synthesis: records what it is asked to say and cancel. */
function recordingSpeech(voiceTags: string[]) {
  const events: (Said | 'cancel')[] = [];
  const voices = voiceTags.map((lang) => ({ lang, name: `voice ${lang}` }) as SpeechSynthesisVoice);
  const api: SpeechApi = {
    synthesis: {
      getVoices: () => voices,
      cancel: () => events.push('cancel'),
      speak: (utterance: SpeechSynthesisUtterance) =>
        events.push({
          text: utterance.text,
          lang: utterance.lang,
          voice: utterance.voice?.name ?? null,
        }),
    } as unknown as SpeechSynthesis,
    createUtterance: (text) =>
      ({ text, lang: '', voice: null, onerror: null }) as unknown as SpeechSynthesisUtterance,
  };
  return { api, events };
}

describe('SpeechGuide', () => {
  it('cancels what is being said, then says the text in its language with its voice', () => {
    const { api, events } = recordingSpeech(['en-US', 'en-GB', 'es-MX', 'es-ES']);
    const guide = new SpeechGuide(api);
    expect(guide.say('Escanee el código QR de su cita.', 'es')).toBe(true);
    expect(guide.say('Type your booking code.', 'en')).toBe(true);
    expect(events).toEqual([
      'cancel',
      { text: 'Escanee el código QR de su cita.', lang: 'es-ES', voice: 'voice es-ES' },
      'cancel',
      { text: 'Type your booking code.', lang: 'en-GB', voice: 'voice en-GB' },
    ]);
  });

  it('takes any voice of the language when its usual region has none', () => {
    const { api, events } = recordingSpeech(['fr_CA', 'de-AT']);
    const guide = new SpeechGuide(api);
    guide.say('Bonjour.', 'fr');
    expect(events.at(-1)).toEqual({ text: 'Bonjour.', lang: 'fr-FR', voice: 'voice fr_CA' });
  });

  it('stays silent in a language it has no voice for, but not before the voices are listed', () => {
    const withVoices = recordingSpeech(['es-ES']);
    const guide = new SpeechGuide(withVoices.api);
    expect(guide.support('de')).toBe('no-voice');
    expect(guide.say('Guten Tag.', 'de')).toBe(false);
    expect(withVoices.events).toEqual(['cancel']);

    const unlisted = recordingSpeech([]);
    const early = new SpeechGuide(unlisted.api);
    expect(early.support('de')).toBe('ready');
    expect(early.say('Guten Tag.', 'de')).toBe(true);
    expect(unlisted.events.at(-1)).toEqual({ text: 'Guten Tag.', lang: 'de-DE', voice: null });
  });

  it('does nothing, and fails nothing, without speech synthesis', () => {
    const guide = new SpeechGuide(null);
    expect(guide.support('es')).toBe('unsupported');
    expect(guide.say('Hola.', 'es')).toBe(false);
    expect(() => guide.stop()).not.toThrow();
  });

  it('says nothing for an empty text', () => {
    const { api, events } = recordingSpeech(['es-ES']);
    expect(new SpeechGuide(api).say('  ', 'es')).toBe(false);
    expect(events).toEqual(['cancel']);
  });
});
