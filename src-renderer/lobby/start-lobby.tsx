/**
 * The lobby screen, started by main.tsx: the store, the announcer with the browser's sound, and
 * the feed named by the page's query: `?feed=bridge` is the kiosk's main process over its bridge
 * (bridge-feed.ts: the totem's second display, a web-host tab), `?feed=/same-origin/path` the
 * server's HTTP feed (event-source-feed.ts: a smart TV).
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { browserSpeech } from '../accessibility/speech-guide';
import { createRendererI18n } from '../i18n/setup';
import { Announcer } from './announcer';
import { webAudioChime, webSpeech } from './browser-sound';
import { getBridge } from '../bridge/get-bridge';
import { BRIDGE_FEED, bridgeLobbyFeed } from './bridge-feed';
import { eventSourceFeed, feedAddressFromQuery } from './event-source-feed';
import { connectLobby } from './lobby-controller';
import { announcerSettings, createLobbyStore, serverNow } from './lobby-store';
import { LobbyScreen } from './LobbyScreen';

// Logged, not shown: the people in the waiting room cannot act on a technical reason.
const log = (line: string) => console.warn(`[lobby] ${line}`);

const store = createLobbyStore();
const announcer = new Announcer({
  sound: { chime: webAudioChime(), speak: webSpeech(browserSpeech()) },
  settings: () => announcerSettings(store.api.getState()),
  now: () => serverNow(store.api.getState()),
  log,
});

const address = feedAddressFromQuery(window.location);
if (new URLSearchParams(window.location.search).get('feed') === BRIDGE_FEED) {
  connectLobby({ feed: bridgeLobbyFeed(getBridge(), { log }), store, announcer, log });
} else if (address) {
  connectLobby({ feed: eventSourceFeed(address, { log }), store, announcer, log });
} else {
  log('no feed: open lobby.html?feed=bridge or ?feed=<path on this origin>');
  store.setConnection('no-feed');
}

const container = document.getElementById('lobby-root');
if (!container) throw new Error('lobby.html has no #lobby-root');
createRoot(container).render(
  <StrictMode>
    <I18nextProvider i18n={createRendererI18n('es')}>
      <LobbyScreen store={store.api} />
    </I18nextProvider>
  </StrictMode>,
);
