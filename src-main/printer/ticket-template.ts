/**
 * The one ticket layout, as EPSON ESC/POS bytes built with node-thermal-printer's buffer API.
 * The library is used only to assemble bytes; transports are ours (see ./transports).
 *
 * Code pages: the library encodes each character in the page it believes active and, when a
 * character is missing there, silently switches to another page. Text from the town hall API is
 * therefore reduced first to what the configured page can print, so the page never changes
 * behind our back, and the page is selected again after every cut, because the library's
 * `cut()` ends with ESC @ and that returns the printer to its default page.
 */
import iconv from 'iconv-lite';
import { BreakLine, PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import type { Language } from '../../src-shared/contract/townhall-api';
import { toLocalDateTime } from '../../src-shared/domain/site-time';
import { translator } from '../../src-shared/i18n/translator';
import type { TicketPrintData } from './ticket-printer';

export type PaperWidth = 80 | 58;
export type TicketCodePage = 'PC858' | 'PC850' | 'WPC1252';

export interface TicketTemplateOptions {
  paperWidth: PaperWidth;
  codePage: TicketCodePage;
}

/** Characters per line in font A (12×24 dots) at normal size: 576 and 384 printable dots. */
export const PAPER_COLUMNS: Readonly<Record<PaperWidth, number>> = { 80: 48, 58: 32 };

/** node-thermal-printer's name of each page (it emits ESC t 19 / 2 / 16 for them on EPSON). */
const LIBRARY_CHARACTER_SET: Readonly<Record<TicketCodePage, string>> = {
  PC858: 'PC858_EURO',
  PC850: 'PC850_MULTILINGUAL',
  WPC1252: 'WPC1252',
};

/** iconv-lite's name of each page, to test which characters it can print. */
const ICONV_ENCODING: Readonly<Record<TicketCodePage, string>> = {
  PC858: 'CP858',
  PC850: 'CP850',
  WPC1252: 'CP1252',
};

/** ESC @: clears the print buffer and resets every mode (the typings omit initHardware()). */
const ESC_INIT = Buffer.from([0x1b, 0x40]);

/** ESC/POS magnifies characters 1–8 times. */
const MAX_MAGNIFICATION = 8;

/** Typographic characters that the DOS pages lack, and their plain equivalents. */
const TYPOGRAPHIC: Readonly<Record<string, string>> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u2026': '...',
  '\u00a0': ' ',
};

function encodable(char: string, encoding: string): boolean {
  const bytes = iconv.encode(char, encoding);
  return !(bytes.length === 1 && bytes[0] === 0x3f && char !== '?');
}

/**
 * Text as the printer can show it in `codePage`: control characters (which would be ESC/POS
 * commands, a way for a hostile name to drive the printer) become spaces, and a character the
 * page lacks loses its accent ("ő" → "o") or becomes "?".
 */
export function printableText(text: string, codePage: TicketCodePage): string {
  const encoding = ICONV_ENCODING[codePage];
  let out = '';
  for (const char of text.normalize('NFC').replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')) {
    if (char.charCodeAt(0) < 0x80 || encodable(char, encoding)) {
      out += char;
      continue;
    }
    const replacement = TYPOGRAPHIC[char] ?? char.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
    out += [...replacement].every((c) => c.charCodeAt(0) < 0x80 || encodable(c, encoding))
      ? replacement
      : '?';
  }
  return out;
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

export function renderTicket(data: TicketPrintData, options: TicketTemplateOptions): Buffer {
  const columns = PAPER_COLUMNS[options.paperWidth];
  const t = translator(data.language);
  const text = (value: string): string => printableText(value, options.codePage);
  const printer = new ThermalPrinter({
    type: PrinterTypes.EPSON,
    // No interface: we only want the bytes (an empty string makes the library skip it).
    interface: '',
    width: columns,
    // We wrap ourselves: the library's folding knows nothing of magnified text.
    breakLine: BreakLine.NONE,
  });
  const lines = (value: string): void => {
    for (const line of wrapText(text(value), columns)) printer.println(line);
  };
  const selectCodePage = (): void =>
    printer.setCharacterSet(LIBRARY_CHARACTER_SET[options.codePage]);

  // A clean start whatever the previous job left behind, then our page.
  printer.add(ESC_INIT);
  selectCodePage();

  printer.alignCenter();
  printer.bold(true);
  lines(data.townHallName);
  printer.bold(false);
  printer.drawLine();

  printer.println(text(t('ticket.turn')));
  const number = text(data.ticketNumber);
  const size = turnNumberMagnification(number, columns);
  // The library's setTextSize(height, width) writes its first argument into the width nibble;
  // both are equal here, so the swap is harmless.
  printer.setTextSize(size - 1, size - 1);
  printer.bold(true);
  printer.println(number);
  printer.bold(false);
  printer.setTextSize(0, 0);
  printer.drawLine();

  printer.alignLeft();
  lines(`${t('ticket.service')}: ${data.serviceName}`);
  lines(
    data.appointmentTime === null
      ? t('ticket.walkIn')
      : `${t('ticket.appointment')}: ${data.appointmentTime}`,
  );
  const issued = toLocalDateTime(data.issuedAt, data.timeZone);
  lines(`${t('ticket.issued')}: ${formatDay(issued.day, data.language)} ${issued.time}`);
  lines(`${t('ticket.kiosk')}: ${data.kioskId}`);
  printer.drawLine();

  printer.alignCenter();
  lines(t('ticket.footer'));

  printer.cut();
  // cut() ended with ESC @: put the printer back in our page before anything else arrives.
  selectCodePage();
  return Buffer.from(printer.getBuffer());
}
