/** Decorative icons of the walk-in screen (inline, hidden from assistive technology). */

/** A turn ticket with its number: a service that gives tickets without appointment. */
export function TicketIcon() {
  return (
    <svg className="flow-icon" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
      <path
        d="M8 10h32a2 2 0 0 1 2 2v7a5 5 0 0 0 0 10v7a2 2 0 0 1-2 2H8a2 2 0 0 1-2-2v-7a5 5 0 0 0 0-10v-7a2 2 0 0 1 2-2Z"
        fill="currentColor"
      />
      <rect x="14" y="18" width="20" height="4" rx="2" fill="#ffffff" />
      <rect x="14" y="26" width="14" height="4" rx="2" fill="#ffffff" />
    </svg>
  );
}

/** A calendar page: a service by appointment only. */
export function CalendarIcon() {
  return (
    <svg className="flow-icon" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
      <rect
        x="6"
        y="9"
        width="36"
        height="33"
        rx="4"
        fill="none"
        stroke="currentColor"
        strokeWidth="4"
      />
      <rect x="6" y="9" width="36" height="9" rx="3" fill="currentColor" />
      <rect x="14" y="4" width="4" height="10" rx="2" fill="currentColor" />
      <rect x="30" y="4" width="4" height="10" rx="2" fill="currentColor" />
      <rect x="13" y="24" width="6" height="6" rx="1" fill="currentColor" />
      <rect x="23" y="24" width="6" height="6" rx="1" fill="currentColor" />
      <rect x="13" y="33" width="6" height="5" rx="1" fill="currentColor" />
    </svg>
  );
}

/** A circle with a bar: nothing left today. */
export function SoldOutIcon() {
  return (
    <svg className="flow-icon" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
      <circle cx="24" cy="24" r="19" fill="none" stroke="currentColor" strokeWidth="5" />
      <rect x="12" y="21.5" width="24" height="5" rx="2.5" fill="currentColor" />
    </svg>
  );
}

/** A person with a walking stick, the usual sign for priority service. */
export function PriorityIcon() {
  return (
    <svg className="flow-icon" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
      <circle cx="22" cy="8" r="5" fill="currentColor" />
      <path d="M17 16h9l3 12-4 1-2-6v21h-5V29l-4 9-4-2 5-11Z" fill="currentColor" />
      <rect x="31" y="24" width="3" height="20" rx="1.5" fill="currentColor" />
    </svg>
  );
}
