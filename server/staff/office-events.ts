/**
 * The office pages' live updates: a Server-Sent Events stream per site (on the called-turns hub,
 * under a key of its own, with its caps) that says only "the queue or the desks changed"; the
 * pages then fetch their view again. Sent on every desk action and on every new ticket.
 */
import type { ServerState } from '../context';

/** The hub's key for a site's office streams (a site id cannot hold a colon). */
export const officeStreamKey = (siteId: string): string => `office:${siteId}`;

let counter = 0;

/** Tells the site's open office pages to look again. */
export function notifyQueueChanged(state: ServerState, siteId: string): void {
  if (state.hub.count(officeStreamKey(siteId)) === 0) return;
  counter += 1;
  state.hub.publishText(officeStreamKey(siteId), `id: ${counter}\ndata: {"type":"changed"}\n\n`);
}
