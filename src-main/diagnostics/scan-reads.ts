/**
 * The last scan any scanner read (the serial one, the screen's keyboard wedge or camera), as the
 * technician sees it: when, from where, and its recognised form. The content is classified on
 * arrival and never kept: a booking code, a token or an ID number goes no further than here.
 */
import type { ScanForm, ScanSource } from '../../src-shared/contract/diagnostics';
import { parseScanPayload, type ScanMode } from '../../src-shared/domain/scan-payload';

export interface ScanRead {
  at: string;
  form: ScanForm;
  source: ScanSource;
}

/** What kind of thing the scan was, as the check-in would read it. */
export function scanFormOf(input: string, mode: ScanMode): ScanForm {
  const parsed = parseScanPayload(input, mode);
  switch (parsed.kind) {
    case 'booking-code':
    case 'external-booking':
      return 'booking-code';
    case 'booking-token':
      return 'signed-token';
    case 'id-document':
      return 'id-document';
    case 'invalid':
      // A DNI with a wrong letter is still a DNI read; anything else unreadable is noise.
      return parsed.reason === 'id-document-letter' ? 'id-document' : 'unrecognised';
  }
}

export class ScanReads {
  private lastRead: ScanRead | null = null;

  constructor(private readonly now: () => Date = () => new Date()) {}

  /** A scan arrived; only its form is kept. */
  read(input: string, mode: ScanMode, source: ScanSource): void {
    this.lastRead = { at: this.now().toISOString(), form: scanFormOf(input, mode), source };
  }

  /** A frame the serial scanner dropped (over-long noise). */
  garbage(source: ScanSource): void {
    this.lastRead = { at: this.now().toISOString(), form: 'unrecognised', source };
  }

  last(): ScanRead | null {
    return this.lastRead;
  }
}
