/**
 * Golden tickets: the bytes for a fixed ticket must not change by accident, byte for byte (as
 * python-escpos tests its output). After an intended change to the template, regenerate with
 *
 *   UPDATE_GOLDEN=1 npx vitest run tests/unit/ticket-golden.test.ts
 *
 * and review the .txt diffs (the decoded tickets) before committing the new .bin files.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Language } from '../../src-shared/domain/language';
import { decodeEscPos } from '../../src-main/printer/preview/escpos-decoder';
import { formatDecodedText } from '../../src-main/printer/preview/text-layout';
import { prepareLogo, type PreparedLogo } from '../../src-main/printer/logo/logo-store';
import {
  PAPER_COLUMNS,
  renderTicket,
  type PaperWidth,
  type PrinterProfileName,
} from '../../src-main/printer/ticket-template';
import { sampleLogoPng } from '../support/logo-fixture';
import { sampleTicket } from '../support/ticket-fixtures';

const GOLDEN_DIR = join(import.meta.dirname, '..', 'fixtures', 'tickets');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const QR_URL = 'https://sede.villanueva.example.es/turno?n=C-014&t=3f1c9a52';

type LogoKind = 'none' | 'nv' | 'raster';
interface GoldenCase {
  paperWidth: PaperWidth;
  language: Language;
  logo: LogoKind;
  profile: PrinterProfileName;
  /** A priority walk-in (no appointment time, the priority line under the number). */
  priorityWalkIn?: boolean;
  /** People ahead known (the line above the wait), and a QR to the follow page's token. */
  followed?: boolean;
}

const cases: GoldenCase[] = [];
for (const paperWidth of [80, 58] as const) {
  for (const language of ['es', 'en', 'de'] as const) {
    for (const logo of ['none', 'nv'] as const)
      cases.push({ paperWidth, language, logo, profile: 'epson' });
  }
  cases.push({ paperWidth, language: 'es', logo: 'raster', profile: 'epson' });
}
cases.push({ paperWidth: 80, language: 'es', logo: 'nv', profile: 'star' });
cases.push({ paperWidth: 80, language: 'es', logo: 'raster', profile: 'generic' });
cases.push({
  paperWidth: 80,
  language: 'es',
  logo: 'none',
  profile: 'epson',
  priorityWalkIn: true,
});
cases.push({
  paperWidth: 58,
  language: 'de',
  logo: 'none',
  profile: 'epson',
  priorityWalkIn: true,
});

for (const [paperWidth, language] of [
  [80, 'es'],
  [58, 'en'],
] as const) {
  cases.push({ paperWidth, language, logo: 'none', profile: 'epson', followed: true });
}

const FOLLOW_URL = 'https://turnero.villanueva.example.es/t/q2T9bXv0LkYp3Zr8Ws1uNc7d';

const nameOf = (c: GoldenCase): string =>
  `${c.profile}-${c.paperWidth}mm-${c.language}-qr-${c.logo === 'none' ? 'no-logo' : `${c.logo}-logo`}` +
  (c.priorityWalkIn ? '-walk-in-priority' : '') +
  (c.followed ? '-people-ahead' : '');

function logoFor(c: GoldenCase): PreparedLogo | null {
  if (c.logo === 'none') return null;
  const logo = prepareLogo(sampleLogoPng(), {
    paperWidth: c.paperWidth,
    profile: c.profile,
    dataDir: null,
  });
  if (c.logo === 'raster') return logo;
  return {
    ...logo,
    nv: c.profile === 'star' ? { method: 'fs-q', key: '#1' } : { method: 'gs-l', key: 'TL' },
  };
}

function render(c: GoldenCase): Buffer {
  return renderTicket(
    sampleTicket({
      language: c.language,
      qrUrl: c.followed ? FOLLOW_URL : QR_URL,
      estimatedWaitMinutes: 15,
      ...(c.followed ? { peopleAhead: 3 } : {}),
      ...(c.priorityWalkIn ? { appointmentTime: null, priority: true } : {}),
    }),
    { paperWidth: c.paperWidth, codePage: 'PC858', profile: c.profile, logo: logoFor(c) },
  );
}

const turnLabel: Record<string, string> = { es: 'Su turno', en: 'Your turn', de: 'Ihre Nummer' };
const priorityLine: Record<string, string> = { es: 'PRIORITARIO', en: 'PRIORITY', de: 'VORRANG' };
const aheadLine: Record<string, string> = {
  es: 'Personas delante: 3',
  en: 'People ahead: 3',
  de: 'Personen vor Ihnen: 3',
};
const waitLine: Record<string, string> = {
  es: 'Espera estimada: 15 min',
  en: 'Estimated wait: 15 min',
  de: 'Geschätzte Wartezeit: 15 Min.',
};

describe('golden ticket bytes', () => {
  it.each(cases.map((c) => [nameOf(c), c] as const))('%s', (name, c) => {
    const bytes = render(c);
    const decoded = decodeEscPos(bytes);
    const text = [
      formatDecodedText(decoded, PAPER_COLUMNS[c.paperWidth]),
      '---',
      `bytes: ${bytes.length}`,
      `qr: ${decoded.qrCodes.join(' ') || '-'}`,
      `nv logos: ${decoded.nvLogos.join(' ') || '-'}`,
      `raster images: ${decoded.images.map((i) => `${i.width}x${i.height}`).join(' ') || '-'}`,
      `cuts: ${decoded.cuts}`,
      '',
    ].join('\n');
    const binFile = join(GOLDEN_DIR, `${name}.bin`);
    const txtFile = join(GOLDEN_DIR, `${name}.txt`);
    if (UPDATE || !existsSync(binFile)) {
      if (!UPDATE) throw new Error(`${binFile} is missing: run with UPDATE_GOLDEN=1`);
      mkdirSync(GOLDEN_DIR, { recursive: true });
      writeFileSync(binFile, bytes);
      writeFileSync(txtFile, text);
    }
    // Byte for byte; on failure, compare the decoded text first, it says what moved.
    expect(text).toBe(readFileSync(txtFile, 'utf8'));
    expect(bytes.equals(readFileSync(binFile)), `${name}.bin differs`).toBe(true);

    // And what the bytes say.
    const lines = decoded.lines.map((line) => line.text);
    expect(lines).toContain(turnLabel[c.language]);
    expect(lines).toContain(waitLine[c.language]);
    // People ahead, when known, right above the wait; never a line for it otherwise.
    const aheadAt = lines.indexOf(aheadLine[c.language] ?? '');
    if (c.followed) expect(aheadAt).toBe(lines.indexOf(waitLine[c.language] ?? '') - 1);
    else expect(aheadAt).toBe(-1);
    expect(decoded.lines.find((line) => line.text === 'C-014')).toMatchObject({
      bold: true,
      width: c.paperWidth === 80 ? 8 : 6,
    });
    expect(decoded.cuts).toBe(1);
    // A priority ticket says so, bold, right under its number; any other ticket never does.
    const numberAt = decoded.lines.findIndex((line) => line.text === 'C-014');
    const priority = decoded.lines.findIndex((line) => line.text === priorityLine[c.language]);
    if (c.priorityWalkIn) {
      expect(priority).toBe(numberAt + 1);
      expect(decoded.lines[priority]).toMatchObject({ bold: true });
    } else {
      expect(priority).toBe(-1);
    }
    if (c.profile === 'generic') {
      expect(decoded.qrCodes).toEqual([]);
      expect(decoded.text.replace(/\n/g, '')).toContain(QR_URL);
    } else {
      expect(decoded.qrCodes).toEqual([c.followed ? FOLLOW_URL : QR_URL]);
    }
    expect(decoded.nvLogos).toEqual(c.logo === 'nv' ? [c.profile === 'star' ? '#1' : 'TL'] : []);
    expect(decoded.images).toHaveLength(c.logo === 'raster' ? 1 : 0);
    if (c.logo !== 'raster') expect(bytes.length).toBeLessThanOrEqual(1024);
  });
});
