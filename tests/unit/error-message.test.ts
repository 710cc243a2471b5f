import { describe, expect, it } from 'vitest';
import { localDayText } from '../../src-renderer/i18n/error-message';

describe('dates in refusal messages', () => {
  it('writes a day the way each language does, without moving it to another day', () => {
    expect(localDayText('2026-11-30', 'es')).toBe('lunes, 30 de noviembre');
    expect(localDayText('2026-11-30', 'en')).toBe('Monday, November 30');
    expect(localDayText('2026-11-30', 'de')).toBe('Montag, 30. November');
    expect(localDayText('2026-03-29', 'fr')).toBe('dimanche 29 mars');
  });

  it('leaves anything that is not a day as it is', () => {
    expect(localDayText('mañana', 'es')).toBe('mañana');
  });
});
