/**
 * The technician's branding colours as the CSS custom properties the kiosk's stylesheet is
 * written with: the header (`--navy`) and the main buttons (`--blue`), with the pressed and
 * shadow shades (`-dark`) a quarter darker. Main only lets through colours that keep white text
 * on them readable.
 */
import type { CSSProperties } from 'react';
import type { KioskState } from '../../src-shared/contract/ipc';

/** `#rrggbb` with each channel scaled towards black by `amount` (0–1). */
export function darker(hex: string, amount: number): string {
  const value = Number.parseInt(hex.slice(1), 16);
  const scaled = [16, 8, 0].map((shift) =>
    Math.round(((value >> shift) & 0xff) * (1 - amount))
      .toString(16)
      .padStart(2, '0'),
  );
  return `#${scaled.join('')}`;
}

export function brandingStyle(branding: KioskState['branding'] | undefined): CSSProperties {
  const style: Record<string, string> = {};
  if (branding?.headerColor) {
    style['--navy'] = branding.headerColor;
    style['--navy-dark'] = darker(branding.headerColor, 0.25);
  }
  if (branding?.actionColor) {
    style['--blue'] = branding.actionColor;
    style['--blue-dark'] = darker(branding.actionColor, 0.25);
  }
  return style as CSSProperties;
}
