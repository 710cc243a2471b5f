/**
 * The two pages of the reference server, server-rendered, in Spanish, without external assets:
 *
 * - `GET /staff`: the queue (numbers and services only), a "Llamar siguiente" form per desk
 *   (posts to `/staff/call-next`, no script needed), the last called turns and device health.
 * - `GET /screen`: the information screen; `/screen.js` follows `/screen/stream` (SSE) and shows
 *   the called turns big: number and desk, never a name or an ID number.
 *
 * A strict CSP goes with every page: styles are allowed by hash, the only script is a file of
 * this server, forms may post only here and nothing may frame the pages. These pages have no
 * login: run the server on loopback, or behind the town hall's own staff authentication.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { toLocalDateTime } from '../../src-shared/domain/site-time';
import { siteTimeZone, type ServerState } from '../context';
import { HttpError } from '../http-util';
import { callNext, openTurnStream, RECENT_TURNS } from './turns';

const escapeHtml = (value: string): string =>
  value.replace(
    /[&<>"']/g,
    (char) =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] as string,
  );

const cspHash = (text: string): string =>
  `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

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

const SCREEN_CSS = `
body{margin:0;font-family:system-ui,sans-serif;background:#061a40;color:#fff;height:100vh;display:flex;flex-direction:column}
#current{flex:1;display:flex;flex-direction:column;align-items:center;justify-content:center}
#current .number{font-size:18vh;font-weight:800;letter-spacing:.05em}
#current .desk{font-size:8vh}
h1{font-size:3vh;margin:2vh 3vw;font-weight:400;opacity:.8}
ol{list-style:none;margin:0;padding:0 3vw 3vh;display:flex;gap:2vw;flex-wrap:wrap}
li{font-size:5vh;background:#0b3d91;padding:1vh 2vw;border-radius:1vh}`;

const SCREEN_JS = `'use strict';
(function () {
  var body = document.body;
  var number = document.querySelector('#current .number');
  var desk = document.querySelector('#current .desk');
  var list = document.getElementById('recent');
  var source = new EventSource(body.getAttribute('data-stream'));
  function spell(ticket) {
    return ticket.replace('-', ' ').split('').join(' ');
  }
  function announce(turn) {
    if (!('speechSynthesis' in window)) return;
    try {
      var utterance = new SpeechSynthesisUtterance('Turno ' + spell(turn.ticketNumber) + ', ' + turn.desk);
      utterance.lang = 'es-ES';
      window.speechSynthesis.speak(utterance);
    } catch (error) {
      /* no voice: the screen still shows the turn */
    }
  }
  source.addEventListener('called-turn', function (event) {
    var turn;
    try {
      turn = JSON.parse(event.data);
    } catch (error) {
      return;
    }
    number.textContent = turn.ticketNumber;
    desk.textContent = turn.desk;
    var item = document.createElement('li');
    item.textContent = turn.ticketNumber + ' \\u2192 ' + turn.desk;
    list.insertBefore(item, list.firstChild);
    while (list.children.length > 6) list.removeChild(list.lastChild);
    announce(turn);
  });
})();
`;

const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

function sendPage(response: ServerResponse, html: string, csp: string): void {
  response.writeHead(200, {
    ...PAGE_HEADERS,
    'content-security-policy': csp,
    'content-length': Buffer.byteLength(html),
  });
  response.end(html);
}

/** The site a page is for: `?site=` or the server's first site. */
function pageSite(state: ServerState, url: URL): string {
  const requested = url.searchParams.get('site');
  const siteId = requested ?? state.db.listSiteIds()[0];
  if (!siteId || !state.db.hasSite(siteId)) {
    throw new HttpError(404, 'not-found', `site ${requested ?? ''} is not known`);
  }
  return siteId;
}

const hhmm = (iso: string | null, timeZone: string): string =>
  iso ? toLocalDateTime(new Date(iso), timeZone).time : '—';

function renderStaff(state: ServerState, siteId: string, url: URL): string {
  const site = state.db.getSite(siteId);
  const timeZone = siteTimeZone(state, siteId);
  const services = state.db.listServices(siteId);
  const serviceName = (id: string) =>
    escapeHtml(services.find((service) => service.id === id)?.names.es ?? id);
  const today = toLocalDateTime(state.now(), timeZone).day;
  const waiting = state.tickets.waiting(siteId, today);
  const turns = state.tickets.recentTurns(siteId, RECENT_TURNS);
  const devices = state.devices.listDevices(siteId);
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
  const deskForms = state.db
    .listDesks(siteId)
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

function renderScreen(state: ServerState, siteId: string): string {
  const site = state.db.getSite(siteId);
  const turns = state.tickets.recentTurns(siteId, 6);
  const [latest] = turns;
  const items = turns
    .map(({ turn }) => `<li>${escapeHtml(turn.ticketNumber)} → ${escapeHtml(turn.desk)}</li>`)
    .join('');
  return `<!doctype html>
<html lang="es"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Turnos · ${escapeHtml(site?.name ?? siteId)}</title>
<style>${SCREEN_CSS}</style>
<script src="/screen.js" defer></script></head>
<body data-stream="/screen/stream?site=${encodeURIComponent(siteId)}">
<h1>${escapeHtml(site?.name ?? siteId)} — Turnos</h1>
<div id="current" role="status" aria-live="assertive">
<span class="number">${escapeHtml(latest?.turn.ticketNumber ?? '—')}</span>
<span class="desk">${escapeHtml(latest?.turn.desk ?? '')}</span></div>
<ol id="recent" aria-label="Últimos turnos">${items}</ol>
</body></html>
`;
}

const STAFF_CSP =
  `default-src 'none'; style-src ${cspHash(STAFF_CSS)}; form-action 'self'; ` +
  `frame-ancestors 'none'; base-uri 'none'`;
const SCREEN_CSP =
  `default-src 'none'; script-src 'self'; style-src ${cspHash(SCREEN_CSS)}; ` +
  `connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`;

/** Reads a small urlencoded form body. */
async function readForm(request: IncomingMessage, limit: number): Promise<URLSearchParams> {
  const type = request.headers['content-type'] ?? '';
  if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(type)) {
    throw new HttpError(415, 'unsupported-media-type', 'expected a form post');
  }
  let text = '';
  for await (const chunk of request) {
    text += (chunk as Buffer).toString('utf8');
    if (text.length > limit) throw new HttpError(413, 'payload-too-large', 'form too large');
  }
  return new URLSearchParams(text);
}

/**
 * A form post must come from this server's own page: a browser sends Origin (or
 * Sec-Fetch-Site) with it, and another site's page gets 403 (a cross-site form cannot call turns).
 */
function checkSameOrigin(request: IncomingMessage): void {
  const origin = request.headers.origin;
  const fetchSite = request.headers['sec-fetch-site'];
  const host = request.headers.host;
  if (origin !== undefined && origin !== 'null' && origin !== `http://${host ?? ''}`) {
    throw new HttpError(403, 'unauthorized', 'cross-site form posts are refused');
  }
  if (
    origin === 'null' ||
    (fetchSite !== undefined && !['same-origin', 'none'].includes(fetchSite))
  ) {
    throw new HttpError(403, 'unauthorized', 'cross-site form posts are refused');
  }
}

/** Handles a page request; false when the path is not a page. */
export async function handlePage(
  state: ServerState,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<boolean> {
  const method = request.method ?? 'GET';
  const only = (allowed: string) => {
    if (method !== allowed) {
      response.setHeader('allow', allowed);
      throw new HttpError(405, 'method-not-allowed', `use ${allowed}`);
    }
  };
  switch (url.pathname) {
    case '/staff':
    case '/staff/':
      only('GET');
      sendPage(response, renderStaff(state, pageSite(state, url), url), STAFF_CSP);
      return true;
    case '/staff/call-next': {
      only('POST');
      checkSameOrigin(request);
      const form = await readForm(request, 4096);
      const siteId = pageSite(
        state,
        new URL(`/?site=${encodeURIComponent(form.get('site') ?? '')}`, url),
      );
      const desk = (form.get('desk') ?? '').trim();
      if (!state.db.listDesks(siteId).includes(desk)) {
        throw new HttpError(400, 'bad-request', 'desk: not a desk of this site');
      }
      const service = form.get('service') ?? '';
      const called = callNext(state, siteId, desk, service ? [service] : undefined);
      const query = new URLSearchParams({ site: siteId });
      if (called) {
        query.set('called', called.turn.ticketNumber);
        query.set('desk', desk);
      } else query.set('none', '1');
      response.writeHead(303, {
        location: `/staff?${query.toString()}`,
        'cache-control': 'no-store',
      });
      response.end();
      return true;
    }
    case '/screen':
    case '/screen/':
      only('GET');
      sendPage(response, renderScreen(state, pageSite(state, url)), SCREEN_CSP);
      return true;
    case '/screen.js':
      only('GET');
      response.writeHead(200, {
        'content-type': 'text/javascript; charset=utf-8',
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
        'content-length': Buffer.byteLength(SCREEN_JS),
      });
      response.end(SCREEN_JS);
      return true;
    case '/screen/stream':
      // The waiting room's own feed: what the screen shows anyway (number, desk), so public.
      only('GET');
      openTurnStream(state, pageSite(state, url), request, url, response);
      return true;
    default:
      return false;
  }
}
