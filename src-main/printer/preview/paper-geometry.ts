/**
 * How much paper each printed block takes, in printer dots: shared by the preview's drawing
 * (./svg.ts) and the job deadline's paper estimate (../job-deadline.ts), so both agree on it.
 */
import type { DecodedLine } from './decoded-ticket';

/** Font A: 12 × 24 dots; a line advances 30 dots (1/6 inch at 180 dpi). */
export const CELL_WIDTH = 12;
export const CELL_HEIGHT = 24;
export const LINE_GAP = 6;
/** Byte-mode capacity of QR versions 1–10 at error correction M. */
const QR_CAPACITY_M = [14, 26, 42, 62, 84, 106, 122, 152, 180, 213];

/** The paper a text line advances: its characters' height plus the gap under them. */
export function lineAdvanceDots(line: DecodedLine): number {
  return CELL_HEIGHT * line.height + LINE_GAP;
}

/** The side of a model 2, level M QR symbol for `payloadLength` bytes (version 10 beyond). */
export function qrSymbolDots(payloadLength: number, moduleSize: number): number {
  const version = QR_CAPACITY_M.findIndex((capacity) => payloadLength <= capacity) + 1;
  const modules = 17 + 4 * (version > 0 ? version : 10);
  return modules * moduleSize;
}
