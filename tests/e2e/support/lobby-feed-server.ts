/**
 * A real HTTP server for the lobby screen's end-to-end tests: it serves the BUILT renderer
 * (dist/renderer, with a strict Content-Security-Policy header like the hosts') and a lobby feed
 * at `/feed`: `GET /feed/snapshot` answers the current snapshot, `GET /feed/events` is a
 * Server-Sent Events stream of LobbyEvents. The test sets the snapshot, sends events, and can
 * take the feed down (open streams cut, new requests' sockets destroyed) and bring it back.
 *
 * `GET /test/speech-ended` is the tests' speech-synthesis mock asking when the utterance it is
 * "saying" ends: the request is held until the test calls `endSpeech`. The page learns it over
 * the network because anything Playwright delivers into the page (an evaluation, a binding's
 * answer) counts as a user gesture, which the lobby must never need.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { LobbyEvent, LobbySnapshot } from '../../../src-shared/contract/lobby';
import { readStaticFile } from '../../../src-main/hosts/web/static-files';

/** What lobby.html's own meta tag allows, sent as a header too: no inline script or style. */
export const LOBBY_TEST_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

export interface LobbyFeedServer {
  /** The lobby page with `?feed=/feed`. */
  readonly pageUrl: string;
  /** Snapshot requests answered so far. */
  readonly snapshotRequests: number;
  /** Event streams opened so far. */
  readonly streamsOpened: number;
  setSnapshot(snapshot: LobbySnapshot): void;
  /** Utterances the page's speech mock is holding (waiting for their end). */
  readonly speechHeld: number;
  /** Ends the oldest held utterance. */
  endSpeech(): void;
  /** Sends an event to every open stream (and applies nothing to the snapshot: tests do). */
  send(event: LobbyEvent): void;
  /** Cuts every open stream; until `restore`, feed requests get their socket destroyed. */
  drop(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startLobbyFeedServer(
  rendererDir: string,
  firstSnapshot: LobbySnapshot,
): Promise<LobbyFeedServer> {
  let snapshot = firstSnapshot;
  let snapshotRequests = 0;
  let streamsOpened = 0;
  let down = false;
  const streams = new Set<ServerResponse>();
  const heldSpeech: ServerResponse[] = [];
  const sockets = new Set<Socket>();

  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (path.startsWith('/feed/') && down) {
      request.socket.destroy();
      return;
    }
    if (path === '/test/speech-ended') {
      heldSpeech.push(response);
      return;
    }
    if (path === '/feed/snapshot') {
      snapshotRequests += 1;
      response
        .writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' })
        .end(JSON.stringify(snapshot));
      return;
    }
    if (path === '/feed/events') {
      streamsOpened += 1;
      response.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
      });
      // A short retry hint: the page reconnects quickly once the feed is back.
      response.write('retry: 300\n\n');
      streams.add(response);
      response.on('close', () => streams.delete(response));
      return;
    }
    void readStaticFile(rendererDir, request.url ?? '/').then((file) => {
      if (!file) response.writeHead(404).end();
      else
        response
          .writeHead(200, {
            'Content-Type': file.contentType,
            'Content-Security-Policy': LOBBY_TEST_CSP,
          })
          .end(file.body);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    pageUrl: `http://127.0.0.1:${port}/lobby.html?feed=/feed`,
    get snapshotRequests() {
      return snapshotRequests;
    },
    get streamsOpened() {
      return streamsOpened;
    },
    setSnapshot(next) {
      snapshot = next;
    },
    get speechHeld() {
      return heldSpeech.length;
    },
    endSpeech() {
      const held = heldSpeech.shift();
      if (!held) throw new Error('no utterance is being said');
      held.writeHead(204, { 'Cache-Control': 'no-store' }).end();
    },
    send(event) {
      for (const stream of streams) stream.write(`data: ${JSON.stringify(event)}\n\n`);
    },
    drop() {
      down = true;
      for (const stream of streams) stream.socket?.destroy();
      streams.clear();
    },
    restore() {
      down = false;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
