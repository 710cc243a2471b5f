/**
 * How long one print job may take before the kiosk stops waiting for it.
 *
 * `printer.timeoutMs` is the printer's own response budget (open the link, take the bytes, answer
 * a status query); it says nothing of how long the ticket needs on the line and on the paper. At
 * 9600 baud a ticket with a raster logo (~10 KB) needs more than 10 s just to cross the serial
 * line, so a fixed deadline gave up on tickets that were still coming out. The deadline is:
 *
 *     timeoutMs + SAFETY_FACTOR × (line time + print time)
 *
 * - line time: bytes × bits per byte (start + data + parity + stop bits) / baud, on a serial line
 *   only (TCP and the USB printer class are not paced by us in any way we could compute);
 * - print time: the paper the job feeds, estimated from what it prints (text lines by their
 *   height, raster and NV images, QR symbols, the feed to the cutter), at a thermal printer's
 *   speed (~150 mm/s).
 */
import type { PrinterTransportConfig, SerialLineOptions } from '../config/schema';
import { LOGO_MAX_HEIGHT } from './logo/raster';
import type { DecodedBlock } from './preview/decoded-ticket';
import { decodeEscPos } from './preview/escpos-decoder';
import { lineAdvanceDots, qrSymbolDots } from './preview/paper-geometry';

/** Room for a slow head, a busy printer, a USB-serial adapter that batches: 50 % over the estimate. */
export const SAFETY_FACTOR = 1.5;
/** A thermal receipt printer's print speed (TM-T20: 150 mm/s; TM-T88VI: 350 mm/s). */
export const PRINT_SPEED_MM_PER_S = 150;
/** Dots per mm of the coarser heads we support (180 dpi, TM-T88): the longer paper estimate. */
const DOTS_PER_MM = 180 / 25.4;
/** Paper fed per cut: from the head to the cutter and the cut itself. */
const CUT_FEED_MM = 20;

export type LineSettings = Pick<SerialLineOptions, 'baud' | 'dataBits' | 'parity' | 'stopBits'>;

/** The serial line settings that pace the job, or null on a transport we do not pace. */
export function pacedLine(transport: PrinterTransportConfig): LineSettings | null {
  if (transport.kind !== 'serial') return null;
  const { baud, dataBits, parity, stopBits } = transport;
  return { baud, dataBits, parity, stopBits };
}

/** Bits on the line per byte: a start bit, the data bits, the parity bit if any, the stop bits. */
export function bitsPerByte(line: LineSettings): number {
  return 1 + line.dataBits + (line.parity === 'none' ? 0 : 1) + line.stopBits;
}

/** Time for `bytes` to cross `line`, in ms. */
export function lineTimeMs(bytes: number, line: LineSettings): number {
  return (bytes * bitsPerByte(line) * 1000) / line.baud;
}

function blockDots(block: DecodedBlock): number {
  switch (block.kind) {
    case 'line':
      return lineAdvanceDots(block.line);
    case 'raster':
      return block.image.height;
    case 'nv-logo':
      // Printed by key: its height is in the printer, at most what the logo loader makes.
      return block.image?.height ?? LOGO_MAX_HEIGHT;
    case 'qr':
      return qrSymbolDots(block.payload.length, block.moduleSize);
    case 'cut':
      return CUT_FEED_MM * DOTS_PER_MM;
  }
}

/** The paper `job` feeds, in mm, from what it prints (the decoder reads any bytes). */
export function paperLengthMm(job: Uint8Array): number {
  const dots = decodeEscPos(job).blocks.reduce((sum, block) => sum + blockDots(block), 0);
  return dots / DOTS_PER_MM;
}

/** Time to print `paperMm` of paper, in ms. */
export function printTimeMs(paperMm: number): number {
  return (paperMm * 1000) / PRINT_SPEED_MM_PER_S;
}

export interface JobDeadlineInput {
  /** The job's size on the wire. */
  bytes: number;
  /** `printer.timeoutMs`: the printer's own response budget. */
  responseBudgetMs: number;
  /** The serial line the bytes cross; null where the line is not paced (TCP, USB). */
  line: LineSettings | null;
  /** The paper the job feeds (see paperLengthMm). */
  paperMm: number;
}

/** The longest the job may take, link opening and confirmation included, in whole ms. */
export function jobDeadlineMs(input: JobDeadlineInput): number {
  const onTheLine = input.line ? lineTimeMs(input.bytes, input.line) : 0;
  return Math.ceil(
    input.responseBudgetMs + SAFETY_FACTOR * (onTheLine + printTimeMs(input.paperMm)),
  );
}

/** The deadline of the job made of `job`'s bytes. */
export function deadlineForJob(
  job: Uint8Array,
  responseBudgetMs: number,
  line: LineSettings | null,
): number {
  return jobDeadlineMs({ bytes: job.length, responseBudgetMs, line, paperMm: paperLengthMm(job) });
}
