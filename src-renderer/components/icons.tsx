/** Decorative inline icons (no external assets, hidden from assistive technology). */

export function CrestIcon() {
  return (
    <svg className="crest" viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <path d="M32 4 6 18v6h52v-6L32 4Z" fill="currentColor" />
      <rect x="10" y="28" width="6" height="22" rx="1" fill="currentColor" />
      <rect x="22" y="28" width="6" height="22" rx="1" fill="currentColor" />
      <rect x="36" y="28" width="6" height="22" rx="1" fill="currentColor" />
      <rect x="48" y="28" width="6" height="22" rx="1" fill="currentColor" />
      <rect x="4" y="54" width="56" height="6" rx="1" fill="currentColor" />
    </svg>
  );
}

/** A phone showing a QR code above the reader's beam. */
export function ScanIcon() {
  const cells = [
    [0, 0],
    [2, 0],
    [4, 1],
    [1, 2],
    [3, 2],
    [0, 4],
    [2, 3],
    [4, 4],
    [3, 4],
    [1, 4],
  ];
  return (
    <svg className="scan-icon" viewBox="0 0 160 160" aria-hidden="true" focusable="false">
      <rect x="40" y="8" width="80" height="128" rx="12" fill="#0b3a66" />
      <rect x="48" y="22" width="64" height="96" rx="4" fill="#ffffff" />
      <g fill="#0b3a66">
        <rect x="54" y="38" width="18" height="18" />
        <rect x="88" y="38" width="18" height="18" />
        <rect x="54" y="84" width="18" height="18" />
        <rect x="58" y="42" width="10" height="10" fill="#ffffff" />
        <rect x="92" y="42" width="10" height="10" fill="#ffffff" />
        <rect x="58" y="88" width="10" height="10" fill="#ffffff" />
        {cells.map(([column = 0, row = 0]) => (
          <rect
            key={`${column}-${row}`}
            x={76 + column * 6}
            y={62 + row * 8}
            width="6"
            height="6"
          />
        ))}
      </g>
      <rect x="24" y="146" width="112" height="6" rx="3" fill="#d1342f" />
    </svg>
  );
}

/** An identity card: photo on the left, lines of text on the right. */
export function IdCardIcon() {
  return (
    <svg className="id-card-icon" viewBox="0 0 64 44" aria-hidden="true" focusable="false">
      <rect
        x="1.5"
        y="1.5"
        width="61"
        height="41"
        rx="5"
        fill="#ffffff"
        stroke="currentColor"
        strokeWidth="3"
      />
      <rect x="1.5" y="1.5" width="61" height="9" rx="4" fill="currentColor" />
      <circle cx="17" cy="22" r="5" fill="currentColor" />
      <path d="M8 36c0-6 4-9 9-9s9 3 9 9Z" fill="currentColor" />
      <rect x="32" y="18" width="24" height="3.5" rx="1.5" fill="currentColor" />
      <rect x="32" y="25" width="18" height="3.5" rx="1.5" fill="currentColor" />
      <rect x="32" y="32" width="22" height="3.5" rx="1.5" fill="#d1342f" />
    </svg>
  );
}
