/**
 * The office web app (the BUILT `dist/renderer/office.html` and its assets, a React app like the
 * kiosk: src-renderer/office/): `/office/desk`, `/office/supervisor` and `/office/admin` are the
 * same page, which shows the view of its path (or the sign-in form). `/staff` and `/office` lead
 * to the desk. Only the page's own files and its API on this origin, nothing inline.
 */
import type { FastifyInstance } from 'fastify';
import type { ServerState } from '../context';
import { HttpError } from '../http-util';
import { ASSET_NAME, sendBuiltFile } from '../routes/lobby';

export const OFFICE_PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; " +
  "frame-ancestors 'none'";

/** The office app's views, each a path of its own (docs/office.md). */
export const OFFICE_VIEWS = ['desk', 'bookings', 'supervisor', 'admin'] as const;

export function officePages(state: ServerState) {
  return async (app: FastifyInstance): Promise<void> => {
    for (const path of ['/staff', '/staff/', '/office', '/office/']) {
      app.get(path, async (_request, reply) => reply.redirect('/office/desk', 302));
    }
    for (const view of OFFICE_VIEWS) {
      app.get(`/office/${view}`, async (_request, reply) => {
        await sendBuiltFile(state.lobbyPageDir, 'office.html', reply, OFFICE_PAGE_CSP);
        return reply;
      });
    }
    app.get('/office/assets/:file', async (request, reply) => {
      const { file } = request.params as { file?: string };
      if (!file || !ASSET_NAME.test(file)) throw new HttpError(404, 'not-found', 'no such file');
      await sendBuiltFile(state.lobbyPageDir, `assets/${file}`, reply, OFFICE_PAGE_CSP);
      return reply;
    });
  };
}
