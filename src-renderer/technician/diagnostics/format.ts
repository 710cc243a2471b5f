/**
 * Numbers as the technician reads them, in the screen's language, without catalog texts: sizes
 * (MB, GB), durations (2 d 3 h), times of day and "5 minutes ago", all through Intl.
 */

const unit = (language: string, name: string, value: number, digits = 0): string =>
  new Intl.NumberFormat(language, {
    style: 'unit',
    unit: name,
    unitDisplay: 'short',
    maximumFractionDigits: digits,
  }).format(value);

/** Bytes in the largest unit that keeps the number readable. */
export function formatBytes(language: string, bytes: number): string {
  const steps = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;
  let value = bytes;
  let step = 0;
  while (value >= 1000 && step < steps.length - 1) {
    value /= 1000;
    step += 1;
  }
  return unit(language, steps[step] as string, value, value < 10 && step > 0 ? 1 : 0);
}

/** Seconds as the two largest units: `2 d 3 h`, `3 h 12 min`, `45 s`. */
export function formatDuration(language: string, seconds: number): string {
  const parts: Array<[string, number]> = [
    ['day', Math.floor(seconds / 86_400)],
    ['hour', Math.floor((seconds % 86_400) / 3_600)],
    ['minute', Math.floor((seconds % 3_600) / 60)],
    ['second', Math.floor(seconds % 60)],
  ];
  const first = parts.findIndex(([, value]) => value > 0);
  if (first === -1) return unit(language, 'second', 0);
  return parts
    .slice(first, first + 2)
    .filter(([, value]) => value > 0)
    .map(([name, value]) => unit(language, name, value))
    .join(' ');
}

/** `at` against `now`: "hace 5 minutos", "in 2 hours", "yesterday". */
export function formatRelative(language: string, at: string, now: string): string {
  const seconds = Math.round((Date.parse(at) - Date.parse(now)) / 1000);
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  const magnitude = Math.abs(seconds);
  if (magnitude < 60) return format.format(seconds, 'second');
  if (magnitude < 3_600) return format.format(Math.round(seconds / 60), 'minute');
  if (magnitude < 86_400) return format.format(Math.round(seconds / 3_600), 'hour');
  return format.format(Math.round(seconds / 86_400), 'day');
}

/** The date and time of `at`, short, in the screen's language and the page's time zone. */
export function formatDateTime(language: string, at: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' }).format(
    new Date(at),
  );
}
