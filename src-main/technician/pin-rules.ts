/**
 * Which PINs a technician may choose: 6 to 12 digits (the contract's `NewPinSchema`), and none of
 * the first ones anybody tries at a locked screen.
 */
const ASCENDING = '01234567890123456789';
const DESCENDING = '98765432109876543210';

/** True for a PIN of one repeated digit or a run like 123456 or 876543. */
export function isWeakPin(pin: string): boolean {
  if (/^(\d)\1*$/.test(pin)) return true;
  return ASCENDING.includes(pin) || DESCENDING.includes(pin);
}
