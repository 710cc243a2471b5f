/**
 * The alert when the ticket is called: a short beep made with the Web Audio API (no sound file)
 * and a vibration. Phones allow sound only after a tap, so the page offers a button that
 * unlocks the audio context first; without it the vibration (where the phone has it) remains.
 */
let context: AudioContext | null = null;

/** Creates and resumes the audio context: call it from a tap. True when sound can play. */
export async function unlockSound(): Promise<boolean> {
  if (typeof AudioContext === 'undefined') return false;
  context ??= new AudioContext();
  if (context.state !== 'running') await context.resume().catch(() => undefined);
  return context.state === 'running';
}

/** Two short tones (A5), and a vibration pattern: the turn was called. */
export function alertCalled(): void {
  if (typeof navigator.vibrate === 'function') navigator.vibrate([300, 150, 300, 150, 600]);
  if (!context || context.state !== 'running') return;
  const start = context.currentTime + 0.02;
  for (const offset of [0, 0.35]) {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.frequency.value = 880;
    gain.gain.setValueAtTime(0.0001, start + offset);
    gain.gain.exponentialRampToValueAtTime(0.4, start + offset + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.25);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(start + offset);
    oscillator.stop(start + offset + 0.3);
  }
}
