/**
 * Keeps a view fresh without reloading the page: fetches it, then again whenever the office's
 * event stream (`/office/api/events`) says something changed, and after the stream reconnects
 * (events may have been missed while it was down).
 */
import { useCallback, useEffect, useState } from 'react';
import { OfficeApiError } from './office-api';

export interface LiveView<T> {
  view: T | null;
  error: OfficeApiError | null;
  /** Replaces the view with one an action answered. */
  setView: (view: T) => void;
  reload: () => void;
}

export function useLive<T>(load: () => Promise<T>, site: string): LiveView<T> {
  const [view, setView] = useState<T | null>(null);
  const [error, setError] = useState<OfficeApiError | null>(null);
  const reload = useCallback(() => {
    load().then(
      (next) => {
        setView(next);
        setError(null);
      },
      (failure: unknown) =>
        setError(failure instanceof OfficeApiError ? failure : new OfficeApiError('internal')),
    );
  }, [load]);
  useEffect(() => {
    reload();
    const query = site ? `?site=${encodeURIComponent(site)}` : '';
    const events = new EventSource(`/office/api/events${query}`);
    events.onmessage = () => reload();
    events.onopen = () => reload();
    return () => events.close();
  }, [reload, site]);
  return { view, error, setView, reload };
}
