/**
 * `GET /screen`: the waiting room's information screen. `/screen.js` follows `/screen/stream`
 * (SSE) and shows the called turns big, and speaks them: number and desk, never a name or an ID
 * number.
 */
import type { ServerState } from '../context';
import { cspHash, escapeHtml, pageSite, sendPage, type PageHandler } from './page-kit';
import { openTurnStream } from './turns';

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
  var streamUrl = body.getAttribute('data-stream');
  var lastId = null;
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
  function show(event) {
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
  }
  function connect() {
    var url = lastId === null ? streamUrl : streamUrl + '&lastEventId=' + encodeURIComponent(lastId);
    var source = new EventSource(url);
    source.addEventListener('called-turn', function (event) {
      if (event.lastEventId) lastId = event.lastEventId;
      show(event);
    });
    source.addEventListener('error', function () {
      // A refused stream (503: the server has too many) is not retried by the browser.
      if (source.readyState === EventSource.CLOSED) setTimeout(connect, 15000);
    });
  }
  connect();
})();
`;

async function renderScreen(state: ServerState, siteId: string): Promise<string> {
  const site = await state.store.sites.getSite(siteId);
  const turns = await state.store.calledTurns.recent(siteId, 6);
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

const SCREEN_CSP =
  `default-src 'none'; script-src 'self'; style-src ${cspHash(SCREEN_CSS)}; ` +
  `connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`;

export const serveScreenPage: PageHandler = async (state, _request, reply, url) => {
  sendPage(reply, await renderScreen(state, await pageSite(state, url)), SCREEN_CSP);
};

export const serveScreenScript: PageHandler = (_state, _request, reply) => {
  reply
    .code(200)
    .header('content-type', 'text/javascript; charset=utf-8')
    .header('cache-control', 'no-cache')
    .send(SCREEN_JS);
};

/**
 * The waiting room's own feed: what the screen shows anyway (number, desk), so public. It is
 * written on the raw socket; a refusal (503) before that is an ordinary answer.
 */
export const openScreenStream: PageHandler = async (state, request, reply, url) => {
  await openTurnStream(state, await pageSite(state, url), request.raw, url, reply.raw);
  reply.hijack();
};
