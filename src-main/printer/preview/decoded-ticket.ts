/** What the preview reads back from an ESC/POS stream: the decoder's output, the renderers' input. */
import type { Alignment } from '../escpos/commands';

export interface DecodedLine {
  text: string;
  /** Alignment in force when the line's first character was printed (the printer's rule). */
  align: Alignment;
  /** True when any printed character of the line was bold. */
  bold: boolean;
  /** Largest width / height magnification (1–8) used on the line. */
  width: number;
  height: number;
}

/** A 1-bit image: `width / 8` bytes per row, most significant bit leftmost, 1 = black. */
export interface DecodedBitmap {
  width: number;
  height: number;
  data: Buffer;
}

/** What was printed, in paper order: the input of the SVG renderer. */
export type DecodedBlock =
  | { kind: 'line'; line: DecodedLine }
  | { kind: 'raster'; align: Alignment; image: DecodedBitmap }
  | { kind: 'qr'; align: Alignment; payload: string; moduleSize: number }
  /** An NV logo printed by key; `image` when its definition was in the same stream. */
  | { kind: 'nv-logo'; align: Alignment; key: string; image: DecodedBitmap | null }
  | { kind: 'cut' };

export interface DecodedEscPos {
  lines: DecodedLine[];
  cuts: number;
  /** Payloads of the QR codes printed (stored with GS ( k fn 80, printed with fn 81). */
  qrCodes: string[];
  /** Raster images (GS v 0) seen, by size in dots. */
  images: Array<{ width: number; height: number }>;
  /** Keys of the NV logos printed: the `GS ( L` key code ("TL"), or "#n" for `FS p n`. */
  nvLogos: string[];
  /** NV images defined in the stream (`npm run printer -- install-logo` sends these). */
  nvDefinitions: Array<{ key: string; width: number; height: number }>;
  blocks: DecodedBlock[];
  /** The lines' text joined with newlines, without the blank feed that precedes a cut. */
  text: string;
}
