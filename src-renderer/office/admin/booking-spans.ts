/**
 * A weekday's opening spans as the administrator types them: `09:00-14:00, 16:00-18:00`
 * (empty: closed). Parsing refuses a malformed span or one that does not open before it closes.
 */
import type { OpeningSpan } from '../../../src-shared/contract/booking';

const SPAN = /^([01]\d|2[0-3]):([0-5]\d)\s*-\s*([01]\d|2[0-3]):([0-5]\d)$/;

export function formatSpans(spans: readonly OpeningSpan[]): string {
  return spans.map((span) => `${span.opens}-${span.closes}`).join(', ');
}

/** The spans of the text, or null when any part is not a valid span. */
export function parseSpans(text: string): OpeningSpan[] | null {
  const parts = text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  const spans: OpeningSpan[] = [];
  for (const part of parts) {
    const match = SPAN.exec(part);
    if (!match) return null;
    const opens = `${match[1]}:${match[2]}`;
    const closes = `${match[3]}:${match[4]}`;
    if (opens >= closes) return null;
    spans.push({ opens, closes });
  }
  return spans.length > 4 ? null : spans;
}
