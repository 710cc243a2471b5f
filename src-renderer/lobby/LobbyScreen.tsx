/** The lobby screen: the store's picture laid out for the screen's shape and contrast. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { LobbyOrientation } from '../../src-shared/contract/lobby';
import {
  ConnectionBadge,
  CurrentCall,
  LobbyClock,
  NoticeTicker,
  RecentCalls,
  UnknownScreen,
  WaitingCounts,
} from './LobbyParts';
import type { LobbyState } from './lobby-store';

const PORTRAIT_QUERY = '(orientation: portrait)';

/** The administrator's hint, or else the screen's own shape (followed as it changes). */
function useOrientation(hint: LobbyOrientation): 'landscape' | 'portrait' {
  const [portrait, setPortrait] = useState(() => window.matchMedia(PORTRAIT_QUERY).matches);
  useEffect(() => {
    const query = window.matchMedia(PORTRAIT_QUERY);
    const follow = () => setPortrait(query.matches);
    query.addEventListener('change', follow);
    return () => query.removeEventListener('change', follow);
  }, []);
  if (hint !== 'auto') return hint;
  return portrait ? 'portrait' : 'landscape';
}

export function LobbyScreen(props: { store: StoreApi<LobbyState> }) {
  const { t } = useTranslation();
  const snapshot = useStore(props.store, (state) => state.snapshot);
  const connection = useStore(props.store, (state) => state.connection);
  const offsetMs = useStore(props.store, (state) => state.clockOffsetMs);
  const updatedAt = useStore(props.store, (state) => state.updatedAt);
  const orientation = useOrientation(snapshot?.options.orientation ?? 'auto');
  const highContrast = snapshot?.options.highContrast ?? false;
  const timeZone = snapshot?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const calls = snapshot?.calls ?? [];
  const recentCount = snapshot?.options.recentCount ?? 0;

  useEffect(() => {
    document.title = snapshot
      ? `${t('lobby.pageTitle')} · ${snapshot.siteName}`
      : t('lobby.pageTitle');
  }, [snapshot, t]);

  return (
    <div
      className={`lobby lobby--${orientation}${highContrast ? ' lobby--contrast' : ''}`}
      data-orientation={orientation}
      data-contrast={highContrast ? 'high' : 'normal'}
    >
      <header className="lobby-header">
        <h1 className="lobby-site">{snapshot?.siteName ?? t('lobby.pageTitle')}</h1>
        <LobbyClock timeZone={timeZone} offsetMs={offsetMs} />
      </header>
      <ConnectionBadge
        connection={connection}
        updatedAt={updatedAt}
        offsetMs={offsetMs}
        timeZone={timeZone}
      />
      {connection === 'unknown-screen' ? (
        <main className="lobby-main lobby-main--message">
          <UnknownScreen />
        </main>
      ) : (
        <main className="lobby-main">
          <CurrentCall call={calls[0]} />
          <RecentCalls calls={calls.slice(1, 1 + recentCount)} />
          <WaitingCounts waiting={snapshot?.waiting ?? []} />
        </main>
      )}
      {snapshot?.notice ? <NoticeTicker text={snapshot.notice} /> : null}
    </div>
  );
}
