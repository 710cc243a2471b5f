import { describe, expect, it } from 'vitest';
import { decodeEscPos } from '../../src-main/printer/preview/escpos-decoder';
import {
  PAPER_COLUMNS,
  printableText,
  renderTicket,
  type PaperWidth,
} from '../../src-main/printer/ticket-template';
import { sampleTicket } from '../support/ticket-fixtures';

const ESC = 0x1b;
const GS = 0x1d;
const PC858 = { paperWidth: 80, codePage: 'PC858' } as const;

/** Every ESC t n in the stream, as the n values. */
function codePageSelections(bytes: Buffer): number[] {
  const found: number[] = [];
  for (let i = 0; i + 2 < bytes.length; i++) {
    if (bytes[i] === ESC && bytes[i + 1] === 0x74) found.push(bytes[i + 2] as number);
  }
  return found;
}

describe('ticket template', () => {
  it('prints the Spanish 80 mm ticket line by line', () => {
    const decoded = decodeEscPos(renderTicket(sampleTicket(), PC858));
    const rule = '-'.repeat(48);
    expect(decoded.text).toBe(
      [
        'Ayuntamiento de Villanueva de la Peña',
        rule,
        'Su turno',
        'C-014',
        rule,
        'Trámite: Certificado de empadronamiento',
        'Cita: 10:30',
        'Emitido: 14/03/2025 10:02',
        'Tótem: kiosk-1',
        rule,
        'Espere a ver su número en la pantalla. Gracias.',
      ].join('\n'),
    );
    expect(decoded.lines[0]).toEqual({
      text: 'Ayuntamiento de Villanueva de la Peña',
      align: 'center',
      bold: true,
      width: 1,
      height: 1,
    });
    // The turn number at the largest size that fits: 5 characters × 8 = 40 of 48 columns.
    expect(decoded.lines[3]).toEqual({
      text: 'C-014',
      align: 'center',
      bold: true,
      width: 8,
      height: 8,
    });
    expect(decoded.lines[5]).toMatchObject({ align: 'left', bold: false, width: 1, height: 1 });
    expect(decoded.cuts).toBe(1);
    expect(decoded.qrCodes).toEqual([]);
  });

  it('selects PC858 first and again after the reset that follows the cut', () => {
    const bytes = renderTicket(sampleTicket(), PC858);
    expect([...bytes.subarray(0, 5)]).toEqual([ESC, 0x40, ESC, 0x74, 19]);
    // EPSON: feed to the cutter and cut (GS V 65 0), ESC @, then PC858 again.
    expect([...bytes.subarray(-11)]).toEqual([
      ...[0x2e, 0x0a],
      ...[GS, 0x56, 65, 0],
      ...[ESC, 0x40],
      ...[ESC, 0x74, 19],
    ]);
    // The library never switched page on its own.
    expect(codePageSelections(bytes)).toEqual([19, 19]);
  });

  it('selects PC850 and WPC1252 with their EPSON table numbers', () => {
    expect(
      codePageSelections(renderTicket(sampleTicket(), { ...PC858, codePage: 'PC850' })),
    ).toEqual([2, 2]);
    expect(
      codePageSelections(renderTicket(sampleTicket(), { ...PC858, codePage: 'WPC1252' })),
    ).toEqual([16, 16]);
  });

  it('encodes Spanish letters and the euro sign in PC858 bytes', () => {
    const accents = 'ñ á é í ó ú ü € ¿ ¡';
    const bytes = renderTicket(sampleTicket({ serviceName: accents }), PC858);
    // "Peña": ñ is 0xA4 in PC858.
    expect(bytes.includes(Buffer.from([0x50, 0x65, 0xa4, 0x61]))).toBe(true);
    expect(
      bytes.includes(
        Buffer.from([0xa4, 0x20, 0xa0, 0x20, 0x82, 0x20, 0xa1, 0x20, 0xa2, 0x20, 0xa3]),
      ),
    ).toBe(true);
    expect(bytes.includes(Buffer.from([0x81, 0x20, 0xd5, 0x20, 0xa8, 0x20, 0xad]))).toBe(true);
    expect(decodeEscPos(bytes).lines.map((line) => line.text)).toContain(`Trámite: ${accents}`);
  });

  it('encodes the same text in WPC1252 and reads it back intact', () => {
    const accents = 'ñ á é í ó ú ü € ¿ ¡';
    const bytes = renderTicket(sampleTicket({ serviceName: accents }), {
      ...PC858,
      codePage: 'WPC1252',
    });
    expect(bytes.includes(Buffer.from([0xf1, 0x20, 0xe1]))).toBe(true);
    expect(bytes.includes(Buffer.from([0x80]))).toBe(true);
    expect(decodeEscPos(bytes).text).toContain(`Trámite: ${accents}`);
    expect(decodeEscPos(bytes).text).toContain('Ayuntamiento de Villanueva de la Peña');
  });

  it.each([80, 58] as const)(
    'keeps every line within the %i mm paper',
    (paperWidth: PaperWidth) => {
      const columns = PAPER_COLUMNS[paperWidth];
      const long = sampleTicket({
        townHallName: 'Excelentísimo Ayuntamiento de Villanueva de la Peña y sus pedanías',
        serviceName: 'Certificado de empadronamiento histórico colectivo con convivencia',
        ticketNumber: 'ABC-123',
      });
      const decoded = decodeEscPos(renderTicket(long, { paperWidth, codePage: 'PC858' }));
      for (const line of decoded.lines) {
        expect(line.text.length * line.width, line.text).toBeLessThanOrEqual(columns);
      }
      const number = decoded.lines.find((line) => line.text === 'ABC-123');
      expect(number?.width).toBe(paperWidth === 80 ? 6 : 4);
      // Wrapped, not cut: every word is still there.
      expect(decoded.text.replace(/\s+/g, ' ')).toContain(
        'Certificado de empadronamiento histórico colectivo con convivencia',
      );
      expect(decoded.text.replace(/\s+/g, ' ')).toContain(
        'Excelentísimo Ayuntamiento de Villanueva de la Peña y sus pedanías',
      );
    },
  );

  it('prints the 58 mm ticket with the number as large as fits', () => {
    const decoded = decodeEscPos(
      renderTicket(sampleTicket(), { paperWidth: 58, codePage: 'PC858' }),
    );
    expect(decoded.lines.slice(0, 3).map((line) => line.text)).toEqual([
      'Ayuntamiento de Villanueva de la',
      'Peña',
      '-'.repeat(32),
    ]);
    expect(decoded.lines.find((line) => line.text === 'C-014')).toMatchObject({
      width: 6,
      height: 6,
    });
  });

  it('prints an English walk-in ticket', () => {
    const decoded = decodeEscPos(
      renderTicket(sampleTicket({ language: 'en', appointmentTime: null }), PC858),
    );
    const texts = decoded.lines.map((line) => line.text);
    expect(texts).toContain('Your turn');
    expect(texts).toContain('No appointment');
    expect(texts).toContain('Service: Certificado de empadronamiento');
    expect(texts).toContain('Issued: 14/03/2025 10:02');
    expect(texts.some((text) => text.startsWith('Appointment'))).toBe(false);
  });

  it('prints a German ticket with German dates and umlauts', () => {
    const decoded = decodeEscPos(
      renderTicket(
        sampleTicket({ language: 'de', serviceName: 'Meldebescheinigung für Gäste' }),
        PC858,
      ),
    );
    const texts = decoded.lines.map((line) => line.text);
    expect(texts).toContain('Ihre Nummer');
    expect(texts).toContain('Anliegen: Meldebescheinigung für Gäste');
    expect(texts).toContain('Termin: 10:30');
    expect(texts).toContain('Ausgegeben: 14.03.2025 10:02');
  });

  it('prints the issue time in the site time zone, across midnight and DST', () => {
    // 22:30 UTC on 1 July is 00:30 on 2 July in Madrid (UTC+2 in summer).
    const decoded = decodeEscPos(
      renderTicket(sampleTicket({ issuedAt: new Date('2025-07-01T22:30:00Z') }), PC858),
    );
    expect(decoded.text).toContain('Emitido: 02/07/2025 00:30');
  });

  it('turns control characters from the API into spaces, so they cannot drive the printer', () => {
    const hostile = sampleTicket({ townHallName: 'Villa\x1b@\x1dV\x00Peña\n\x1bt\x02' });
    const decoded = decodeEscPos(renderTicket(hostile, PC858));
    expect(decoded.cuts).toBe(1);
    expect(decoded.lines[0]?.text).toBe('Villa @ V Peña t');
    expect(codePageSelections(renderTicket(hostile, PC858))).toEqual([19, 19]);
  });

  it('degrades characters the code page lacks instead of switching page', () => {
    expect(printableText('Győr “Plaza” – 1…', 'PC858')).toBe('Gyor "Plaza" - 1...');
    expect(printableText('Tōkyō 東京', 'PC858')).toBe('Tokyo ??');
    // PC850 has no euro sign: spelled out, not dropped.
    expect(printableText('5 €', 'PC850')).toBe('5 EUR');
    const bytes = renderTicket(sampleTicket({ serviceName: 'Győr 東' }), PC858);
    expect(codePageSelections(bytes)).toEqual([19, 19]);
    expect(decodeEscPos(bytes).text).toContain('Trámite: Gyor ?');
  });

  it('fits an 80 mm ticket in well under a kilobyte', () => {
    expect(renderTicket(sampleTicket(), PC858).length).toBeLessThan(420);
  });
});

const CODE_PAGES = ['PC858', 'PC850', 'WPC1252'] as const;
const TABLES = { PC858: 19, PC850: 2, WPC1252: 16 } as const;
/** Every character issue #3 lists, plus the rest of French and German. */
const SPECIAL = [...'ñÑáéíóúüç€¿¡ß«»àâèêëîïôùûÿÀÂÇÈÉÊËÎÏÔÙÛÄÖÜäöÁÍÓÚœŒ'];
/** What each page cannot hold, and what prints instead. */
const MISSING: Record<(typeof CODE_PAGES)[number], Record<string, string>> = {
  PC858: { œ: 'oe', Œ: 'OE' },
  PC850: { '€': 'EUR', œ: 'oe', Œ: 'OE' },
  WPC1252: {},
};

describe('characters in every code page', () => {
  it.each(CODE_PAGES)('round-trips each special character through %s', (codePage) => {
    for (const char of SPECIAL) {
      const bytes = renderTicket(sampleTicket({ serviceName: `<${char}>` }), {
        ...PC858,
        codePage,
      });
      const expected = MISSING[codePage][char] ?? char;
      expect(decodeEscPos(bytes).text, `${char} in ${codePage}`).toContain(
        `Trámite: <${expected}>`,
      );
      // Never a page switch behind our back, and the page again after the reset.
      expect(codePageSelections(bytes)).toEqual([TABLES[codePage], TABLES[codePage]]);
    }
  });

  it('never drops a character silently', () => {
    for (const codePage of CODE_PAGES) {
      for (const char of SPECIAL) {
        expect(printableText(char, codePage).length, `${char} in ${codePage}`).toBeGreaterThan(0);
      }
    }
    expect(printableText('«Größe»', 'PC850')).toBe('«Größe»');
    expect(printableText('5 € „x‟', 'PC850')).toBe('5 EUR "x?');
  });

  it('prints one "?" for a character outside the BMP (a surrogate pair), as for any other', () => {
    for (const codePage of CODE_PAGES) {
      // Two emoji and a supplementary CJK ideograph: two UTF-16 units each, one character.
      expect(printableText('a😀b𠀋c🎫', codePage), codePage).toBe('a?b?c?');
      // A lone surrogate (a broken pair from the API) is one unprintable character too.
      expect(printableText('x\ud83dy', codePage), codePage).toBe('x?y');
      const bytes = renderTicket(sampleTicket({ serviceName: 'Cita 🎫' }), { ...PC858, codePage });
      expect(decodeEscPos(bytes).text, codePage).toContain('Trámite: Cita ?\n');
    }
    // NFKD gives the mathematical bold A back as a plain letter: no "?" at all.
    expect(printableText('\u{1d400}', 'PC858')).toBe('A');
  });
});

describe('ticket content and profiles', () => {
  const url = 'https://sede.example.es/turno/C-014?t=3f1c9a52';

  it('prints the estimated wait in the ticket language, when known', () => {
    const es = decodeEscPos(renderTicket(sampleTicket({ estimatedWaitMinutes: 14.6 }), PC858));
    expect(es.text).toContain('Espera estimada: 15 min');
    const de = decodeEscPos(
      renderTicket(sampleTicket({ language: 'de', estimatedWaitMinutes: 5 }), PC858),
    );
    expect(de.text).toContain('Geschätzte Wartezeit: 5 Min.');
    for (const wait of [null, undefined, Number.NaN, -3]) {
      const text = decodeEscPos(
        renderTicket(sampleTicket({ estimatedWaitMinutes: wait }), PC858),
      ).text;
      expect(text).not.toContain('Espera');
    }
  });

  it('prints a native QR (model 2) on EPSON and STAR, the URL as text on generic printers', () => {
    for (const profile of ['epson', 'star'] as const) {
      const bytes = renderTicket(sampleTicket({ qrUrl: url }), { ...PC858, profile });
      const decoded = decodeEscPos(bytes);
      expect(decoded.qrCodes).toEqual([url]);
      expect(bytes.includes(Buffer.from([GS, 0x28, 0x6b, 4, 0, 49, 65, 50, 0]))).toBe(true);
      expect(decoded.text).toContain('Siga su turno en el móvil:');
    }
    const generic = decodeEscPos(
      renderTicket(sampleTicket({ qrUrl: url }), { ...PC858, profile: 'generic', paperWidth: 58 }),
    );
    expect(generic.qrCodes).toEqual([]);
    expect(generic.text.replace(/\n/g, '')).toContain(url);
  });

  it('refuses a QR payload that is not plain ASCII', () => {
    const decoded = decodeEscPos(
      renderTicket(sampleTicket({ qrUrl: 'https://sede.example.es/peña' }), PC858),
    );
    expect(decoded.qrCodes).toEqual([]);
    expect(decoded.text).not.toContain('Siga su turno');
  });

  it('cuts with each profile’s command and selects the page again after ESC @', () => {
    const tails = {
      epson: [GS, 0x56, 65, 0],
      star: [GS, 0x56, 66, 0],
      generic: [ESC, 0x64, 4, GS, 0x56, 0],
    } as const;
    for (const [profile, cut] of Object.entries(tails)) {
      const bytes = renderTicket(sampleTicket(), {
        ...PC858,
        codePage: 'WPC1252',
        profile: profile as keyof typeof tails,
      });
      expect([...bytes.subarray(-(cut.length + 5))], profile).toEqual([
        ...cut,
        ...[ESC, 0x40, ESC, 0x74, 16],
      ]);
      expect(decodeEscPos(bytes).cuts).toBe(1);
    }
  });

  it('never prints a name or an ID number: only the fields of TicketPrintData', () => {
    const text = decodeEscPos(renderTicket(sampleTicket({ qrUrl: url }), PC858)).text;
    expect(text).not.toMatch(/\d{8}[A-Z]/); // no DNI-like string
    expect(text).not.toContain(sampleTicket().ticketId);
  });
});
