/**
 * Spanish identity documents as a citizen types them on the totem: DNI (8 digits and a check
 * letter), NIE (X/Y/Z, 7 digits and a check letter) and, for everyone else, a passport number
 * taken as free text. Pure: normalises and validates; hashing (HMAC with the site's salt) is done
 * in the main process, and the clear number never leaves it. Rules: docs/identification.md.
 */

/** The check letter of a DNI is this table at (number mod 23). */
export const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';

/** NIE initial letters stand for these leading digits in the checksum. */
const NIE_PREFIX_DIGIT: Record<string, string> = { X: '0', Y: '1', Z: '2' };

export const PASSPORT_MIN_LENGTH = 3;
export const PASSPORT_MAX_LENGTH = 20;

export type IdDocumentType = 'dni' | 'nie' | 'passport';

export type IdDocumentResult =
  | { ok: true; type: IdDocumentType; normalised: string }
  | { ok: false; reason: 'id-document-format' }
  | { ok: false; reason: 'id-document-letter'; expectedLetter: string };

/**
 * The canonical form that is hashed: upper case, without spaces, dashes, dots or slashes
 * (`12.345.678-z` → `12345678Z`, `x-1234567-l` → `X1234567L`). Full-width digits and letters are
 * folded by NFKC before this (see sanitizeScan).
 */
export function normaliseIdDocument(text: string): string {
  return text.toUpperCase().replace(/[\s\-_./·]/g, '');
}

/** The check letter for the 8-digit number of a DNI (or a NIE with its prefix replaced). */
export function dniCheckLetter(digits: string): string {
  return DNI_LETTERS[Number(digits) % 23] as string;
}

const DNI_SHAPE = /^\d{8}[A-Z]$/;
const NIE_SHAPE = /^[XYZ]\d{7}[A-Z]$/;
/** Almost a DNI or NIE: a digit too many or too few, a missing letter. Refused, not a passport. */
const DNI_LIKE = /^(?:\d{7,8}[A-Z]?|\d{9}[A-Z])$/;
const NIE_LIKE = /^[XYZ]\d{6,8}[A-Z]?$/;
const PASSPORT_SHAPE = /^[A-Z0-9]+$/;

/** Validates an ID document number typed by a citizen (already sanitised). */
export function parseIdDocument(text: string): IdDocumentResult {
  const normalised = normaliseIdDocument(text);
  if (DNI_SHAPE.test(normalised)) {
    const expected = dniCheckLetter(normalised.slice(0, 8));
    return normalised[8] === expected
      ? { ok: true, type: 'dni', normalised }
      : { ok: false, reason: 'id-document-letter', expectedLetter: expected };
  }
  if (NIE_SHAPE.test(normalised)) {
    const digits = `${NIE_PREFIX_DIGIT[normalised[0] as string]}${normalised.slice(1, 8)}`;
    const expected = dniCheckLetter(digits);
    return normalised[8] === expected
      ? { ok: true, type: 'nie', normalised }
      : { ok: false, reason: 'id-document-letter', expectedLetter: expected };
  }
  if (DNI_LIKE.test(normalised) || NIE_LIKE.test(normalised)) {
    return { ok: false, reason: 'id-document-format' };
  }
  if (
    normalised.length >= PASSPORT_MIN_LENGTH &&
    normalised.length <= PASSPORT_MAX_LENGTH &&
    PASSPORT_SHAPE.test(normalised)
  ) {
    return { ok: true, type: 'passport', normalised };
  }
  return { ok: false, reason: 'id-document-format' };
}

/** True for text that has exactly the shape of a DNI or NIE (whatever its letter). */
export function looksLikeDniOrNie(text: string): boolean {
  const normalised = normaliseIdDocument(text);
  return DNI_SHAPE.test(normalised) || NIE_SHAPE.test(normalised);
}
