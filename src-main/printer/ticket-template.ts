/**
 * The one ticket layout, as ESC/POS bytes built with node-thermal-printer's buffer API (EPSON
 * type) for styling and our command bytes (./escpos/commands.ts) for reset and code page, with
 * what differs between printers taken from the profile (./profiles.ts): code table numbers, QR
 * support, NV logo method and cut command.
 *
 * Code pages: text is reduced to what the configured page can print (transliterated where it
 * cannot: "€" → "EUR" in PC850), then encoded here with iconv-lite. The page is selected at the
 * start and again after the cut, because a cut is followed by ESC @, and ESC @ returns the
 * printer to its default page.
 */
import iconv from 'iconv-lite';
import type { Language } from '../../src-shared/domain/language';
import { toLocalDateTime } from '../../src-shared/domain/site-time';
import { translator } from '../../src-shared/i18n/translator';
import { BreakLine, ThermalPrinter } from 'node-thermal-printer';
import { initialize, LINE_FEED, MAX_MAGNIFICATION } from './escpos/commands';
import { nvPrintBytes, rasterImageBytes } from './logo/logo-commands';
import type { PreparedLogo } from './logo/logo-store';
import { PAPER_DOTS } from './logo/raster';
import {
  printerProfile,
  selectCodePageBytes,
  type PrinterProfile,
  type PrinterProfileName,
  type TicketCodePage,
} from './profiles';
import type { TicketPrintData } from './ticket-printer';

export type { PrinterProfileName, TicketCodePage } from './profiles';
export type PaperWidth = 80 | 58;

export interface TicketTemplateOptions {
  paperWidth: PaperWidth;
  codePage: TicketCodePage;
  /** Command dialect; EPSON when omitted. */
  profile?: PrinterProfileName;
  /** The town hall logo (see logo/logo-store.ts); none when null or omitted. */
  logo?: PreparedLogo | null;
}

/** Characters per line in font A (12×24 dots) at normal size: 576 and 384 printable dots. */
export const PAPER_COLUMNS: Readonly<Record<PaperWidth, number>> = { 80: 48, 58: 32 };

/** iconv-lite's name of each page, to test which characters it can print and to encode. */
const ICONV_ENCODING: Readonly<Record<TicketCodePage, string>> = {
  PC858: 'CP858',
  PC850: 'CP850',
  WPC1252: 'CP1252',
};

/** QR module size in dots: about 25 mm wide for a 60-character URL on 80 mm, 21 mm on 58 mm. */
const QR_MODULE_DOTS: Readonly<Record<PaperWidth, number>> = { 80: 6, 58: 5 };

/**
 * Characters some of our pages lack, and what prints instead: spelled out rather than dropped
 * ("€" is missing from PC850, "œ" from PC850 and PC858, typographic quotes from the DOS pages).
 */
const TRANSLITERATIONS: Readonly<Record<string, string>> = {
  '\u20ac': 'EUR',
  '\u00ab': '<<',
  '\u00bb': '>>',
  '\u00df': 'ss',
  '\u00bf': '?',
  '\u00a1': '!',
  '\u0153': 'oe',
  '\u0152': 'OE',
  '\u00e6': 'ae',
  '\u00c6': 'AE',
  '\u0178': 'Y',
  '\u2039': '<',
  '\u203a': '>',
  '\u201e': '"',
  '\u201a': "'",
  '\u2022': '*',
  '\u2122': 'TM',
  '\u2018': "'",
  '\u2019': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u2026': '...',
  '\u00a0': ' ',
};

/**
 * True when the page holds `char` (one code point): it encodes to one byte, and not to the "?"
 * iconv-lite puts for what it cannot map. A character outside the BMP is two UTF-16 units, which
 * iconv-lite maps one by one, to "??": two bytes, so not encodable either.
 */
function encodable(char: string, encoding: string): boolean {
  const bytes = iconv.encode(char, encoding);
  return bytes.length === 1 && (bytes[0] !== 0x3f || char === '?');
}

const isAscii = (char: string): boolean => (char.codePointAt(0) ?? 0) < 0x80;

/**
 * Text as the printer can show it in `codePage`: control characters (which would be ESC/POS
 * commands, a way for a hostile name to drive the printer) become spaces; a character the page
 * lacks is transliterated ("€" → "EUR", "œ" → "oe"), loses its accent ("ő" → "o"), or becomes
 * "?" — never dropped.
 */
export function printableText(text: string, codePage: TicketCodePage): string {
  const encoding = ICONV_ENCODING[codePage];
  const fits = (value: string): boolean =>
    [...value].every((c) => isAscii(c) || encodable(c, encoding));
  let out = '';
  // String iteration goes by code point: an emoji is one `char` here, and one "?" on paper.
  for (const char of text.normalize('NFC').replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')) {
    if (isAscii(char) || encodable(char, encoding)) {
      out += char;
      continue;
    }
    const candidates = [
      TRANSLITERATIONS[char],
      char.normalize('NFKD').replace(/[\u0300-\u036f]/g, ''),
    ];
    out += candidates.find((candidate) => candidate && fits(candidate)) ?? '?';
  }
  return out;
}

/** `text` (already printable) as the bytes of `codePage`. */
function encodeText(text: string, codePage: TicketCodePage): Buffer {
  return iconv.encode(text, ICONV_ENCODING[codePage]);
}

/** Word-wraps to `columns`, breaking words longer than a line. */
export function wrapText(text: string, columns: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let rest = word;
    while (rest.length > columns) {
      if (current) lines.push(current);
      current = '';
      lines.push(rest.slice(0, columns));
      rest = rest.slice(columns);
    }
    if (!rest) continue;
    if (!current) current = rest;
    else if (current.length + 1 + rest.length <= columns) current += ` ${rest}`;
    else {
      lines.push(current);
      current = rest;
    }
  }
  if (current) lines.push(current);
  return lines;
}

/** The largest magnification at which `text` still fits on one line. */
export function turnNumberMagnification(text: string, columns: number): number {
  return Math.max(1, Math.min(MAX_MAGNIFICATION, Math.floor(columns / Math.max(1, text.length))));
}

function formatDay(day: string, language: Language): string {
  const [year, month, dayOfMonth] = day.split('-');
  return language === 'de' ? `${dayOfMonth}.${month}.${year}` : `${dayOfMonth}/${month}/${year}`;
}

/** A QR payload the printers encode faithfully: printable ASCII, within a small symbol. */
export function isQrPayload(value: string): boolean {
  return value.length > 0 && value.length <= 300 && /^[\x21-\x7e]+$/.test(value);
}

/**
 * A ticket (or the test page) being assembled: node-thermal-printer's buffer API (EPSON type)
 * for styling, our encoder for text, our command bytes (escpos/commands.ts) for what the library
 * does not do as we need (reset, code page), and the profile for everything printer-specific.
 */
export class TicketWriter {
  readonly columns: number;
  readonly profile: PrinterProfile;
  private readonly printer: ThermalPrinter;

  constructor(private readonly options: TicketTemplateOptions) {
    this.columns = PAPER_COLUMNS[options.paperWidth];
    this.profile = printerProfile(options.profile);
    this.printer = new ThermalPrinter({
      type: this.profile.libraryType,
      // No interface: we only want the bytes (an empty string makes the library skip it).
      interface: '',
      width: this.columns,
      // We wrap ourselves: the library's folding knows nothing of magnified text.
      breakLine: BreakLine.NONE,
    });
    // A clean start whatever the previous job left behind, then our page.
    this.add(initialize());
    this.selectCodePage();
  }

  private add(bytes: Buffer): void {
    this.printer.add(bytes);
  }

  selectCodePage(): void {
    this.add(selectCodePageBytes(this.profile, this.options.codePage));
  }

  /**
   * Printable text (see printableText), encoded in the page, without a line feed. Encoded here
   * and handed over as bytes, so the library's own encoder (which silently switches page on a
   * missing character) never runs.
   */
  text(value: string): void {
    this.add(encodeText(printableText(value, this.options.codePage), this.options.codePage));
  }

  line(value: string): void {
    this.text(value);
    this.add(LINE_FEED);
  }

  /** Word-wrapped lines of normal-size text. */
  lines(value: string): void {
    for (const line of wrapText(printableText(value, this.options.codePage), this.columns)) {
      this.line(line);
    }
  }

  rule(): void {
    this.printer.drawLine();
  }

  align(alignment: 'left' | 'center'): void {
    if (alignment === 'center') this.printer.alignCenter();
    else this.printer.alignLeft();
  }

  bold(on: boolean): void {
    this.printer.bold(on);
  }

  /** Text as large as fits on one line (up to 8×), bold. */
  huge(value: string): void {
    const text = printableText(value, this.options.codePage);
    const size = turnNumberMagnification(text, this.columns);
    // The library's setTextSize(height, width) writes its first argument into the width nibble;
    // both are equal here, so the swap is harmless.
    this.printer.setTextSize(size - 1, size - 1);
    this.printer.bold(true);
    this.line(text);
    this.printer.bold(false);
    this.printer.setTextSize(0, 0);
  }

  /** The logo by NV key when installed and supported, else the cached raster; centred. */
  logo(logo: PreparedLogo | null | undefined): void {
    if (!logo) return;
    this.printer.alignCenter();
    if (logo.nv && logo.nv.method === this.profile.nvLogo) {
      this.add(nvPrintBytes(logo.nv.method, logo.nv.key));
    } else if (logo.raster.width <= PAPER_DOTS[this.options.paperWidth]) {
      this.add(rasterImageBytes(logo.raster));
    }
  }

  /** A QR code (model 2, level M) when the profile has one, else the URL as text. */
  qr(url: string | null | undefined, caption: string): void {
    if (!url || !isQrPayload(url)) return;
    this.printer.alignCenter();
    this.lines(caption);
    if (this.profile.qr === 'native') {
      this.printer.printQR(url, {
        model: 2,
        cellSize: QR_MODULE_DOTS[this.options.paperWidth],
        correction: 'M',
      });
      // GS ( k fn 81 prints the symbol without a feed: leave a blank line under it.
      this.printer.newLine();
    } else {
      for (let i = 0; i < url.length; i += this.columns) {
        this.line(url.slice(i, i + this.columns));
      }
    }
  }

  /** Cut as the profile does, reset (ESC @) and select our page again, then the bytes. */
  finish(): Buffer {
    this.add(this.profile.cut);
    this.add(initialize());
    // ESC @ returned the printer to its default page: put it back in ours before anything else.
    this.selectCodePage();
    return Buffer.from(this.printer.getBuffer());
  }
}

export function renderTicket(data: TicketPrintData, options: TicketTemplateOptions): Buffer {
  const t = translator(data.language);
  const ticket = new TicketWriter(options);

  ticket.logo(options.logo);
  ticket.align('center');
  ticket.bold(true);
  ticket.lines(data.townHallName);
  ticket.bold(false);
  ticket.rule();

  ticket.line(t('ticket.turn'));
  ticket.huge(data.ticketNumber);
  if (data.priority) {
    // Under the number, where staff and the citizen look: a priority turn.
    ticket.bold(true);
    ticket.lines(t('ticket.priority'));
    ticket.bold(false);
  }
  ticket.rule();

  ticket.align('left');
  ticket.lines(`${t('ticket.service')}: ${data.serviceName}`);
  ticket.lines(
    data.appointmentTime === null
      ? t('ticket.walkIn')
      : `${t('ticket.appointment')}: ${data.appointmentTime}`,
  );
  const ahead = data.peopleAhead;
  if (typeof ahead === 'number' && Number.isInteger(ahead) && ahead >= 0) {
    ticket.lines(t('follow.printedPeopleAhead', { count: ahead }));
  }
  const wait = data.estimatedWaitMinutes;
  if (typeof wait === 'number' && Number.isFinite(wait) && wait >= 0) {
    ticket.lines(t('ticket.estimatedWait', { minutes: Math.max(1, Math.round(wait)) }));
  }
  const issued = toLocalDateTime(data.issuedAt, data.timeZone);
  ticket.lines(`${t('ticket.issued')}: ${formatDay(issued.day, data.language)} ${issued.time}`);
  ticket.lines(`${t('ticket.kiosk')}: ${data.kioskId}`);
  ticket.rule();

  ticket.qr(data.qrUrl, t('ticket.qrCaption'));
  ticket.align('center');
  ticket.lines(t('ticket.footer'));
  return ticket.finish();
}
