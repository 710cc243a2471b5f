import { describe, expect, it } from 'vitest';
import { formatTicketNumber, parseTicketNumber } from '../../src-shared/domain/ticket-number';

describe('ticket numbers', () => {
  it('formats prefix and a three-digit counter', () => {
    expect(formatTicketNumber('C', 14)).toBe('C-014');
    expect(formatTicketNumber('PAD', 999)).toBe('PAD-999');
  });

  it('refuses what cannot be printed as a turn number', () => {
    expect(() => formatTicketNumber('c', 1)).toThrow(RangeError);
    expect(() => formatTicketNumber('ABCD', 1)).toThrow(RangeError);
    expect(() => formatTicketNumber('C', 0)).toThrow(RangeError);
    expect(() => formatTicketNumber('C', 1000)).toThrow(RangeError);
  });

  it('parses back what it formats, and nothing else', () => {
    expect(parseTicketNumber('E-007')).toEqual({ prefix: 'E', counter: 7 });
    expect(parseTicketNumber('E-000')).toBeNull();
    expect(parseTicketNumber('E7')).toBeNull();
  });
});
