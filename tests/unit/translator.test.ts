import { describe, expect, it } from 'vitest';
import { catalogs } from '../../src-shared/i18n/catalogs';
import { translator } from '../../src-shared/i18n/translator';

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) =>
    keysOf(child, prefix ? `${prefix}.${key}` : key),
  );
}

describe('message catalogs', () => {
  it('every language has exactly the Spanish keys', () => {
    const spanish = keysOf(catalogs.es).sort();
    for (const [language, catalog] of Object.entries(catalogs)) {
      expect(keysOf(catalog).sort(), language).toEqual(spanish);
    }
  });

  it('interpolates without HTML escaping, per language', () => {
    expect(translator('es')('printFailures.paper-out', { number: 'C-014' })).toBe(
      'Se ha agotado el papel: anote su número C-014.',
    );
    expect(translator('de')('ticket.turn')).toBe('Ihre Nummer');
  });
});
