/**
 * How an ID document number is shown once it has been submitted: only four characters in the
 * middle, as the Spanish data protection authority (AEPD) recommends for published identifiers
 * (DNI `12345678Z` → `***4567**`, NIE `X1234567L` → `****4567*`). Shorter entries are hidden whole.
 * Pure; the number itself never leaves the entry screen except in the check-in request.
 */
const MASK = '•';

export function maskIdDocument(value: string): string {
  const characters = [...value.toUpperCase().replace(/[^0-9A-Z]/g, '')];
  const start = /^[XYZ]/.test(characters[0] ?? '') ? 4 : 3;
  if (characters.length < start + 5) return MASK.repeat(characters.length);
  return characters
    .map((character, index) => (index >= start && index < start + 4 ? character : MASK))
    .join('');
}
