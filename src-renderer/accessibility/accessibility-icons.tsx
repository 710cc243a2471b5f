/** Icons of the accessibility button and choices: decorative (the text names them), currentColor. */
import type { ReactElement } from 'react';
import type { AccessibilityOption } from './accessibility-store';

/** The universal access figure: a person with open arms in a circle. */
export function AccessibilityIcon() {
  return (
    <svg className="a11y-icon" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
      <circle cx="24" cy="24" r="21" fill="none" stroke="currentColor" strokeWidth="3.5" />
      <circle cx="24" cy="12.5" r="3.6" fill="currentColor" />
      <path
        d="M11.5 18.5 24 21l12.5-2.5M24 21v8.5m0 0-5.5 10m5.5-10 5.5 10"
        fill="none"
        stroke="currentColor"
        strokeWidth="3.5"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

const OPTION_PATHS: Readonly<Record<AccessibilityOption, ReactElement>> = {
  // A loudspeaker with two sound waves.
  spokenGuidance: (
    <>
      <path d="M6 18h8l10-8v28l-10-8H6Z" fill="currentColor" />
      <path
        d="M31 17a9 9 0 0 1 0 14M36 12a16 16 0 0 1 0 24"
        fill="none"
        stroke="currentColor"
        strokeWidth="3.5"
        strokeLinecap="round"
      />
    </>
  ),
  // A small and a large letter A.
  largeText: (
    <path
      d="M4 38 11 20l7 18M6.8 31h8.4M20 40 30 8l10 32M24 29h12"
      fill="none"
      stroke="currentColor"
      strokeWidth="3.5"
      strokeLinecap="round"
      strokeLinejoin="round"
    />
  ),
  // A circle, one half filled.
  highContrast: (
    <>
      <circle cx="24" cy="24" r="18" fill="none" stroke="currentColor" strokeWidth="3.5" />
      <path d="M24 6a18 18 0 0 1 0 36Z" fill="currentColor" />
    </>
  ),
  // An arrow down onto a bar: everything within reach.
  lowReach: (
    <path
      d="M24 6v24m-9-9 9 9 9-9M8 40h32"
      fill="none"
      stroke="currentColor"
      strokeWidth="3.5"
      strokeLinecap="round"
      strokeLinejoin="round"
    />
  ),
};

export function AccessibilityOptionIcon(props: { option: AccessibilityOption }) {
  return (
    <svg className="a11y-toggle__icon" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
      {OPTION_PATHS[props.option]}
    </svg>
  );
}
