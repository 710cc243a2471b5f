/** The lobby's clock and date texts, on the site's time zone, in Spanish (the screen's language). */
const timeFormats = new Map<string, Intl.DateTimeFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function cached(
  cache: Map<string, Intl.DateTimeFormat>,
  timeZone: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  let format = cache.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('es-ES', { timeZone, ...options });
    cache.set(timeZone, format);
  }
  return format;
}

/** `10:42` */
export function clockText(instant: Date, timeZone: string): string {
  return cached(timeFormats, timeZone, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
}

/** `jueves, 27 de noviembre` */
export function dateText(instant: Date, timeZone: string): string {
  return cached(dateFormats, timeZone, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
  }).format(instant);
}
