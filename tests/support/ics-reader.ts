/**
 * Reads an iCalendar file (RFC 5545) back: content lines unfolded, the properties of its first
 * VEVENT by name (parameters dropped), and DTSTART as an instant.
 */
export interface IcsEvent {
  properties: Map<string, string>;
  /** DTSTART, a UTC date-time (`20261130T091500Z`). */
  start: Date;
  /** METHOD of the calendar. */
  method: string | undefined;
}

const UTC_DATE_TIME = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

export function readIcsEvent(text: string): IcsEvent {
  const lines = text.replace(/\r?\n[ \t]/g, '').split(/\r?\n/);
  const calendar = new Map<string, string>();
  const properties = new Map<string, string>();
  let inEvent = false;
  let seenEvent = false;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT' && !seenEvent) inEvent = true;
    else if (line === 'END:VEVENT') [inEvent, seenEvent] = [false, true];
    else {
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      const name = (line.slice(0, colon).split(';')[0] ?? '').toUpperCase();
      (inEvent ? properties : calendar).set(name, line.slice(colon + 1));
    }
  }
  if (!seenEvent) throw new Error('no VEVENT in the calendar file');
  const match = UTC_DATE_TIME.exec(properties.get('DTSTART') ?? '');
  if (!match) throw new Error(`DTSTART ${properties.get('DTSTART')} is not a UTC date-time`);
  const part = (index: number) => Number(match[index]);
  return {
    properties,
    start: new Date(Date.UTC(part(1), part(2) - 1, part(3), part(4), part(5), part(6))),
    method: calendar.get('METHOD'),
  };
}
