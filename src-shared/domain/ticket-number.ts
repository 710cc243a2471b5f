/**
 * Turn numbers: a service prefix of 1–3 capital letters and a 3-digit counter that restarts at
 * local midnight ("E-014"). Allocation lives in the store; this module owns only the format.
 */

export const SERVICE_PREFIX_PATTERN = /^[A-Z]{1,3}$/;
export const TICKET_NUMBER_PATTERN = /^([A-Z]{1,3})-(\d{3})$/;
export const MAX_DAILY_COUNTER = 999;

export function formatTicketNumber(prefix: string, counter: number): string {
  if (!SERVICE_PREFIX_PATTERN.test(prefix))
    throw new RangeError(`Invalid service prefix: ${prefix}`);
  if (!Number.isInteger(counter) || counter < 1 || counter > MAX_DAILY_COUNTER) {
    throw new RangeError(`Ticket counter out of range: ${counter}`);
  }
  return `${prefix}-${String(counter).padStart(3, '0')}`;
}

export function parseTicketNumber(value: string): { prefix: string; counter: number } | null {
  const match = TICKET_NUMBER_PATTERN.exec(value);
  if (!match) return null;
  const counter = Number(match[2]);
  if (counter < 1) return null;
  return { prefix: match[1] as string, counter };
}
