/**
 * The lobby's sound in the browser: a chime generated with the Web Audio API (three falling
 * sine tones; no audio file to ship or license) and the call said by the Web Speech API.
 *
 * Autoplay: an unattended screen is never touched, and Chromium keeps audio suspended until a
 * user gesture unless it was started with `--autoplay-policy=no-user-gesture-required` (the web
 * host's kiosk browser passes it) or, in Electron, `webPreferences.autoplayPolicy:
 * 'no-user-gesture-required'` (the kiosk window has it). Without that, the chime and speech
 * reject with the reason, which the announcer logs; the calls are still shown.
 */
import type { Language } from '../../src-shared/domain/language';
import { SpeechGuide, type SpeechApi } from '../accessibility/speech-guide';
import type { AnnouncementSound } from './announcer';

/** The chime's notes: G5, E5, C5 — the usual "attention" fall, about 1.3 s in all. */
const CHIME_NOTES: readonly { hz: number; startS: number; lengthS: number }[] = [
  { hz: 784, startS: 0, lengthS: 0.5 },
  { hz: 659.3, startS: 0.38, lengthS: 0.5 },
  { hz: 523.3, startS: 0.76, lengthS: 0.55 },
];
/** Loudest gain of one note at volume 1: three overlapping sines stay below clipping. */
const NOTE_PEAK_GAIN = 0.3;
/** How long a suspended audio context is given to resume before it counts as blocked. */
const RESUME_WAIT_MS = 500;

const AUTOPLAY_HINT =
  'autoplay is blocked (start Chromium with --autoplay-policy=no-user-gesture-required, or ' +
  "Electron with autoplayPolicy: 'no-user-gesture-required')";

async function runningContext(context: AudioContext): Promise<AudioContext> {
  if (context.state === 'running') return context;
  await Promise.race([
    context.resume(),
    new Promise((resolve) => setTimeout(resolve, RESUME_WAIT_MS)),
  ]);
  // `state` changes asynchronously; read it again rather than trusting the narrowing above.
  if ((context.state as AudioContextState) !== 'running') {
    throw new Error(`the audio context is ${context.state}: ${AUTOPLAY_HINT}`);
  }
  return context;
}

export function webAudioChime(
  createContext: () => AudioContext = () => new AudioContext(),
): AnnouncementSound['chime'] {
  let context: AudioContext | null = null;
  return async (volume) => {
    if (typeof AudioContext === 'undefined') throw new Error('this browser has no Web Audio API');
    context ??= createContext();
    const audio = await runningContext(context);
    const start = audio.currentTime + 0.05;
    const ends = CHIME_NOTES.map((note) => {
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.type = 'sine';
      oscillator.frequency.value = note.hz;
      const at = start + note.startS;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.linearRampToValueAtTime(NOTE_PEAK_GAIN * volume, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + note.lengthS);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(at);
      oscillator.stop(at + note.lengthS + 0.05);
      return new Promise<void>((resolve) => {
        oscillator.onended = () => resolve();
      });
    });
    await Promise.all(ends);
  };
}

export function webSpeech(api: SpeechApi | null): AnnouncementSound['speak'] {
  const guide = new SpeechGuide(api);
  return (text, language: Language, volume) =>
    new Promise<void>((resolve, reject) => {
      if (!api) throw new Error('this browser has no speech synthesis');
      if (guide.support(language) !== 'ready') throw new Error(`no voice for ${language}`);
      // Something still being said can only be a call the announcer gave up waiting for.
      if (api.synthesis.speaking) api.synthesis.cancel();
      const utterance = api.createUtterance(text);
      const voice = guide.voiceFor(language);
      utterance.lang = voice?.lang ?? language;
      if (voice) utterance.voice = voice;
      utterance.volume = volume;
      utterance.onend = () => resolve();
      // Chromium says 'not-allowed' when autoplay policy blocks speech.
      utterance.onerror = (event) =>
        reject(
          new Error(
            event.error === 'not-allowed' ? AUTOPLAY_HINT : `speech failed: ${event.error}`,
          ),
        );
      api.synthesis.speak(utterance);
    });
}
