/**
 * WCAG 2.x contrast between two sRGB colours, for the technician's branding colours: the kiosk
 * writes white text on them and uses them as text on its light backgrounds, so a colour is only
 * accepted when both stay readable (4.5:1, WCAG AA for normal text).
 */
export const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;

/** White text on the colour, and the colour as text on the kiosk's light backgrounds. */
export const BRANDING_COMPANIONS = ['#ffffff', '#eef2f7', '#e8f0fb'] as const;

export const MIN_TEXT_CONTRAST = 4.5;

function channel(value: number): number {
  const srgb = value / 255;
  return srgb <= 0.04045 ? srgb / 12.92 : ((srgb + 0.055) / 1.055) ** 2.4;
}

export function relativeLuminance(hex: string): number {
  const value = Number.parseInt(hex.slice(1), 16);
  const [red, green, blue] = [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
  return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue);
}

export function contrastRatio(first: string, second: string): number {
  const [lighter, darker] = [relativeLuminance(first), relativeLuminance(second)].sort(
    (a, b) => b - a,
  ) as [number, number];
  return (lighter + 0.05) / (darker + 0.05);
}

/** Whether the kiosk may use `hex` for its header or buttons without losing readable text. */
export function isReadableBrandColour(hex: string): boolean {
  return (
    HEX_COLOUR.test(hex) &&
    BRANDING_COMPANIONS.every((companion) => contrastRatio(hex, companion) >= MIN_TEXT_CONTRAST)
  );
}
