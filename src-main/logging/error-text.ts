/** The text of anything thrown, for a log line or a refusal's detail. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
