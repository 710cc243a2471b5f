/**
 * Data a view needs from the API, fetched once per view (not again when the language changes):
 * the view draws "loading" until it arrives, then itself again, or the refusal's message.
 */
import { BookingApiError, type PageErrorCode } from './api';
import type { Page } from './page';

export type Loaded<Value> =
  | { state: 'loading' }
  | { state: 'ready'; value: Value }
  | { state: 'failed'; code: PageErrorCode };

export function loader<Value>(page: Page, fetchValue: () => Promise<Value>): () => Loaded<Value> {
  let current: Loaded<Value> | null = null;
  return () => {
    if (current) return current;
    current = { state: 'loading' };
    fetchValue().then(
      (value) => {
        current = { state: 'ready', value };
        page.redraw();
      },
      (error: unknown) => {
        current = {
          state: 'failed',
          code: error instanceof BookingApiError ? error.code : 'internal',
        };
        page.redraw();
      },
    );
    return current;
  };
}
