/**
 * `GET /staff`: the queue (numbers and services only), a "Llamar siguiente" form per desk
 * (posting to `/staff/call-next`, no script needed), the last called turns and device health.
 * The page refreshes itself every 10 seconds.
 */
import type { FastifyRequest } from 'fastify';
import { toLocalDateTime } from '../../src-shared/domain/site-time';
import { siteTimeZone, type ServerState } from '../context';
import { HttpError } from '../http-util';
import { cspHash, escapeHtml, pageSite, sendPage, type PageHandler } from './page-kit';
import { callNext, RECENT_TURNS } from './turns';

const STAFF_CSS = `
body{font-family:system-ui,sans-serif;margin:0;color:#1a1a1a;background:#f5f6f8}
header{background:#0b3d91;color:#fff;padding:12px 24px}h1{margin:0;font-size:1.4rem}
main{display:grid;gap:16px;padding:16px 24px;grid-template-columns:repeat(auto-fit,minmax(420px,1fr))}
section{background:#fff;border-radius:8px;padding:12px 16px;box-shadow:0 1px 3px #0002}
h2{font-size:1.1rem;margin:0 0 8px}table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #ddd}
.number{font-weight:700;font-size:1.2rem}form{display:flex;gap:8px;align-items:center;margin:6px 0}
button{font-size:1rem;padding:6px 14px;background:#0b3d91;color:#fff;border:0;border-radius:4px}
.notice{margin:16px 24px 0;padding:8px 12px;background:#e7f1e7;border-radius:6px}
.stale{color:#a00;font-weight:600}`;

const hhmm = (iso: string | null, timeZone: string): string =>
  iso ? toLocalDateTime(new Date(iso), timeZone).time : '—';

async function renderStaff(state: ServerState, siteId: string, url: URL): Promise<string> {
  const site = await state.store.sites.getSite(siteId);
  const timeZone = await siteTimeZone(state, siteId);
  const services = await state.store.sites.listServices(siteId);
  const serviceName = (id: string) =>
    escapeHtml(services.find((service) => service.id === id)?.names.es ?? id);
  const today = toLocalDateTime(state.now(), timeZone).day;
  const waiting = await state.store.tickets.waiting(siteId, today);
  const turns = await state.store.calledTurns.recent(siteId, RECENT_TURNS);
  const devices = await state.store.devices.list(siteId);
  const siteParam = encodeURIComponent(siteId);

  const called = url.searchParams.get('called');
  const none = url.searchParams.has('none');
  const notice = called
    ? `<p class="notice" role="status">Llamado el turno <strong>${escapeHtml(called)}</strong> a ${escapeHtml(url.searchParams.get('desk') ?? '')}.</p>`
    : none
      ? `<p class="notice" role="status">No hay nadie esperando para ese servicio.</p>`
      : '';

  const waitingRows =
    waiting
      .map(
        (ticket) =>
          `<tr><td class="number">${escapeHtml(ticket.ticketNumber)}</td>` +
          `<td>${serviceName(ticket.serviceId)}</td>` +
          `<td>${ticket.kind === 'appointment' ? 'Con cita' : 'Sin cita'}</td>` +
          `<td>${hhmm(ticket.issuedAt, timeZone)}</td></tr>`,
      )
      .join('') || '<tr><td colspan="4">Nadie en espera.</td></tr>';

  const serviceOptions = services
    .map(
      (service) => `<option value="${escapeHtml(service.id)}">${serviceName(service.id)}</option>`,
    )
    .join('');
  const deskForms = (await state.store.sites.listDesks(siteId))
    .map(
      (desk) =>
        `<form method="post" action="/staff/call-next">` +
        `<input type="hidden" name="site" value="${escapeHtml(siteId)}">` +
        `<input type="hidden" name="desk" value="${escapeHtml(desk)}">` +
        `<label>Servicio <select name="service"><option value="">Todos</option>${serviceOptions}</select></label>` +
        `<button type="submit">Llamar siguiente — ${escapeHtml(desk)}</button></form>`,
    )
    .join('');

  const turnRows =
    turns
      .map(
        ({ turn }) =>
          `<tr><td class="number">${escapeHtml(turn.ticketNumber)}</td><td>${escapeHtml(turn.desk)}</td>` +
          `<td>${serviceName(turn.serviceId)}</td><td>${hhmm(turn.calledAt, timeZone)}</td></tr>`,
      )
      .join('') || '<tr><td colspan="4">Aún no se ha llamado a nadie.</td></tr>';

  const nowMs = state.now().getTime();
  const deviceRows =
    devices
      .map((device) => {
        const age = device.lastSeenAt ? nowMs - new Date(device.lastSeenAt).getTime() : null;
        const stale = age === null || age > 5 * 60_000;
        const skew = device.clockSkewMs ?? device.serverMeasuredSkewMs;
        return (
          `<tr><td>${escapeHtml(device.kioskId)}</td><td>${escapeHtml(device.deviceName ?? '—')}</td>` +
          `<td${stale ? ' class="stale"' : ''}>${device.lastSeenAt ? `${hhmm(device.lastSeenAt, timeZone)}` : 'nunca'}</td>` +
          `<td>${escapeHtml(device.heartbeat?.connectivity ?? '—')}</td>` +
          `<td>${escapeHtml(device.printerState ?? '—')}</td>` +
          `<td>${device.outboxPending ?? '—'}</td>` +
          `<td>${skew === null ? '—' : `${Math.round(skew / 1000)} s`}</td>` +
          `<td>${escapeHtml(device.heartbeat?.appVersion ?? '—')}</td>` +
          `<td>${device.enrolled ? 'sí' : 'no'}</td></tr>`
        );
      })
      .join('') || '<tr><td colspan="9">Ningún dispositivo ha dado señales.</td></tr>';

  return `<!doctype html>
<html lang="es"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="10; url=/staff?site=${siteParam}">
<title>Turnero · Personal · ${escapeHtml(site?.name ?? siteId)}</title>
<style>${STAFF_CSS}</style></head>
<body><header><h1>Turnero — ${escapeHtml(site?.name ?? siteId)}</h1></header>
${notice}
<main>
<section aria-labelledby="h-waiting"><h2 id="h-waiting">En espera (${waiting.length})</h2>
<table><thead><tr><th>Número</th><th>Servicio</th><th>Tipo</th><th>Emitido</th></tr></thead>
<tbody>${waitingRows}</tbody></table></section>
<section aria-labelledby="h-call"><h2 id="h-call">Llamar siguiente</h2>${deskForms}
<p><a href="/screen?site=${siteParam}">Abrir la pantalla de sala</a></p></section>
<section aria-labelledby="h-called"><h2 id="h-called">Últimos turnos llamados</h2>
<table><thead><tr><th>Número</th><th>Mesa</th><th>Servicio</th><th>Hora</th></tr></thead>
<tbody>${turnRows}</tbody></table></section>
<section aria-labelledby="h-devices"><h2 id="h-devices">Estado de los dispositivos</h2>
<table><thead><tr><th>Quiosco</th><th>Nombre</th><th>Última señal</th><th>Conexión</th>
<th>Impresora</th><th>Pendientes de envío</th><th>Desfase de reloj</th><th>Versión</th><th>Alta</th></tr></thead>
<tbody>${deviceRows}</tbody></table></section>
</main></body></html>
`;
}

const STAFF_CSP =
  `default-src 'none'; style-src ${cspHash(STAFF_CSS)}; form-action 'self'; ` +
  `frame-ancestors 'none'; base-uri 'none'`;
/**
 * A form post must come from a page of this server: a browser sends Origin (or Sec-Fetch-Site)
 * with it, and the Origin must be one of the server's own names (or the address the post was
 * sent to), never merely equal to the Host header, which a rebound name sets too. Another
 * site's page gets 403.
 */
export function checkSameOrigin(state: ServerState, request: FastifyRequest): void {
  const origin = request.headers.origin;
  const fetchSite = request.headers['sec-fetch-site'];
  if (
    (origin !== undefined && !state.hosts.allowsOrigin(origin, request.headers.host)) ||
    (fetchSite !== undefined && !['same-origin', 'none'].includes(fetchSite))
  ) {
    throw new HttpError(403, 'unauthorized', 'cross-site form posts are refused');
  }
}

export const serveStaffPage: PageHandler = async (state, _request, reply, url) => {
  sendPage(reply, await renderStaff(state, await pageSite(state, url), url), STAFF_CSP);
};

/**
 * The desk form's post (its origin checked and its form read before: http/page-routes.ts):
 * calls the next turn, then sends the browser back to the page.
 */
export const postStaffCallNext: PageHandler = async (state, request, reply, url) => {
  if (!(request.body instanceof URLSearchParams)) {
    throw new HttpError(415, 'unsupported-media-type', 'expected a form post');
  }
  const form = request.body;
  const siteId = await pageSite(
    state,
    new URL(`/?site=${encodeURIComponent(form.get('site') ?? '')}`, url),
  );
  const desk = (form.get('desk') ?? '').trim();
  if (!(await state.store.sites.listDesks(siteId)).includes(desk)) {
    throw new HttpError(400, 'bad-request', 'desk: not a desk of this site');
  }
  const service = form.get('service') ?? '';
  const called = await callNext(state, siteId, desk, service ? [service] : undefined);
  const query = new URLSearchParams({ site: siteId });
  if (called) {
    query.set('called', called.turn.ticketNumber);
    query.set('desk', desk);
  } else query.set('none', '1');
  reply
    .code(303)
    .header('location', `/staff?${query.toString()}`)
    .header('cache-control', 'no-store')
    .send();
};
