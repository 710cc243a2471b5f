/**
 * Printer profiles: what differs between the ESC/POS dialects a town hall may have bought.
 *
 * - `epson`: EPSON TM-T20 / TM-T88 family, the reference. Native QR (`GS ( k`), NV graphics
 *   (`GS ( L` fn 67 to define, fn 69 to print by key code), feed-to-cutter-and-cut (`GS V 65 0`).
 * - `star`: a Star printer (TSP100/TSP650/mC-Print) switched to its **ESC/POS emulation** mode
 *   (memory switch). Star's ESC/POS mode follows EPSON's code table numbers for the pages we use,
 *   prints `GS ( k` QR codes and keeps legacy NV bit images (`FS q` to define, `FS p` to print);
 *   it cuts with `GS V 66 0` (partial cut, Star's default). Star's native *Line Mode* (`ESC GS a`,
 *   `ESC d 2`…) is not spoken: our decoder, our status polling (`DLE EOT`) and the template only
 *   know ESC/POS, so every profile sends the same commands (./escpos/commands.ts) and differs only
 *   in what it decides here.
 * - `generic`: any other ESC/POS printer (Xprinter, Rongta, HOIN and the like). Only the commands
 *   every clone implements: text, `GS !`, `ESC a`, raster `GS v 0` and `GS V 0`. No NV logo (the
 *   cached raster is printed) and no native QR: the URL is printed as plain text, wrapped, since a
 *   raster QR would need a QR encoder and cost ~2–4 KB on the wire per ticket.
 */
import { PrinterTypes } from 'node-thermal-printer';
import { feedAndCut, feedLines, fullCut, selectCodeTable } from './escpos/commands';

export type PrinterProfileName = 'epson' | 'star' | 'generic';
export type TicketCodePage = 'PC858' | 'PC850' | 'WPC1252';

/** How a profile keeps a logo in the printer's non-volatile memory. */
export type NvLogoMethod =
  /** `GS ( L` fn 67 (define NV graphics, raster, key code) and fn 69 (print by key). */
  | 'gs-l'
  /** Legacy `FS q` (define NV bit image #1, column format) and `FS p 1 0` (print it). */
  | 'fs-q'
  /** No NV support: the cached raster goes on the wire with every ticket. */
  | null;

export interface PrinterProfile {
  readonly name: PrinterProfileName;
  readonly label: string;
  /** node-thermal-printer's type used to assemble styling bytes (always EPSON: see above). */
  readonly libraryType: PrinterTypes;
  /** `ESC t n`: n for each code page we support. */
  readonly codeTables: Readonly<Record<TicketCodePage, number>>;
  /** `native`: `GS ( k` model 2; `text`: the URL printed as text. */
  readonly qr: 'native' | 'text';
  readonly nvLogo: NvLogoMethod;
  /**
   * The printer answers `GS ( H` fn 48 (process ID response) once everything before it is
   * printed: the one definite "the ticket came out". Only where the maker documents it: a clone
   * may print an unknown command as junk on the next ticket.
   */
  readonly processIdResponse: boolean;
  /** Bytes that feed the paper past the cutter and cut. */
  readonly cut: Buffer;
}

/** EPSON's `ESC t` numbers: PC858 = 19, PC850 = 2, WPC1252 = 16. */
const EPSON_TABLES: Readonly<Record<TicketCodePage, number>> = { PC858: 19, PC850: 2, WPC1252: 16 };

export const PRINTER_PROFILES: Readonly<Record<PrinterProfileName, PrinterProfile>> = {
  epson: {
    name: 'epson',
    label: 'EPSON TM-T20/TM-T88 (ESC/POS reference)',
    libraryType: PrinterTypes.EPSON,
    codeTables: EPSON_TABLES,
    qr: 'native',
    nvLogo: 'gs-l',
    // TM-T20, TM-T88IV and later (a TM that does not answer is noticed: ../job-confirmation.ts).
    processIdResponse: true,
    // GS V 65 n: feed to the cutting position (+ n dots) and cut; models with only a partial
    // cutter (TM-T20) cut partially. No wasted blank lines, unlike feed + GS V 0.
    cut: feedAndCut('full'),
  },
  star: {
    name: 'star',
    label: 'Star (ESC/POS emulation mode)',
    libraryType: PrinterTypes.EPSON,
    codeTables: EPSON_TABLES,
    qr: 'native',
    nvLogo: 'fs-q',
    // Not documented for Star's ESC/POS emulation.
    processIdResponse: false,
    cut: feedAndCut('partial'),
  },
  generic: {
    name: 'generic',
    label: 'Generic ESC/POS',
    libraryType: PrinterTypes.EPSON,
    codeTables: EPSON_TABLES,
    qr: 'text',
    nvLogo: null,
    processIdResponse: false,
    // Four lines past the head (the cutter sits ~15 mm above it on most clones), then GS V 0.
    cut: Buffer.concat([feedLines(4), fullCut()]),
  },
};

export function printerProfile(name: PrinterProfileName = 'epson'): PrinterProfile {
  return PRINTER_PROFILES[name];
}

/** `ESC t n` for `codePage` on `profile`. */
export function selectCodePageBytes(profile: PrinterProfile, codePage: TicketCodePage): Buffer {
  return selectCodeTable(profile.codeTables[codePage]);
}
