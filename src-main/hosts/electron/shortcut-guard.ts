/**
 * The keyboard of a kiosk is anyone's: a USB keyboard plugged behind the panel, or a scanner
 * configured to send control keys. Without an application menu Electron binds no accelerators,
 * but the page itself would still react to some keys (zoom, history, find, print). This refuses
 * the shortcuts that reload, inspect, zoom, navigate, print or quit, before the page sees them,
 * and pins the zoom at 100 %. Plain typing, Enter, Tab and editing keys are left alone: keyboard
 * wedge scanners and the on-screen keyboard need them.
 */

export interface KeyInput {
  type: string;
  key: string;
  control: boolean;
  meta: boolean;
  alt: boolean;
  shift: boolean;
}

/** Keys refused whatever the modifiers. */
const ALWAYS_BLOCKED = new Set([
  'f5', // reload
  'f7', // caret browsing
  'f11', // full screen toggle
  'f12', // DevTools
  'browserback',
  'browserforward',
  'browserrefresh',
  'browserhome',
  'browsersearch',
  'zoomin',
  'zoomout',
  'zoomtoggle',
  'close',
]);

/** Keys refused with Ctrl (or Meta): reload, DevTools, quit, close, new window, print, save… */
const CONTROL_BLOCKED = new Set([
  'r',
  'i',
  'j',
  'q',
  'w',
  'n',
  't',
  'p',
  's',
  'o',
  'u',
  'f',
  'g',
  'h',
  'l',
  'e',
  'k',
  '+',
  '=',
  '-',
  '_',
  '0',
  'pageup',
  'pagedown',
  'f4',
  'f5',
]);

/** Keys refused with Alt: close the window, history navigation. */
const ALT_BLOCKED = new Set(['f4', 'arrowleft', 'arrowright', 'home']);

export function isBlockedShortcut(input: KeyInput): boolean {
  if (input.type !== 'keyDown' && input.type !== 'rawKeyDown') return false;
  const key = input.key.toLowerCase();
  if (ALWAYS_BLOCKED.has(key)) return true;
  if ((input.control || input.meta) && CONTROL_BLOCKED.has(key)) return true;
  // Ctrl+Shift+C opens the element inspector; Ctrl+C alone is copy.
  if ((input.control || input.meta) && input.shift && key === 'c') return true;
  return input.alt && ALT_BLOCKED.has(key);
}

function describe(input: KeyInput): string {
  const parts = [
    input.control ? 'Ctrl' : '',
    input.meta ? 'Meta' : '',
    input.alt ? 'Alt' : '',
    input.shift ? 'Shift' : '',
    input.key,
  ];
  return parts.filter((part) => part !== '').join('+');
}

/** The part of Electron's WebContents the guard uses. */
export interface GuardedContents {
  on(
    event: 'before-input-event',
    listener: (event: { preventDefault(): void }, input: KeyInput) => void,
  ): unknown;
  on(event: 'zoom-changed', listener: () => void): unknown;
  setVisualZoomLevelLimits(minimumLevel: number, maximumLevel: number): Promise<void>;
  setZoomFactor(factor: number): void;
}

export function guardShortcuts(contents: GuardedContents, log: (line: string) => void): void {
  contents.on('before-input-event', (event, input) => {
    if (!isBlockedShortcut(input)) return;
    event.preventDefault();
    log(`blocked shortcut ${describe(input)}`);
  });
  // No pinch zoom, and Ctrl+wheel cannot leave the page zoomed.
  void contents.setVisualZoomLevelLimits(1, 1).catch(() => undefined);
  contents.on('zoom-changed', () => contents.setZoomFactor(1));
}
