/**
 * The lobby screen's pieces: the current call (the biggest text on the screen; sizes in
 * lobby.css and docs/lobby-screen.md), earlier calls, waiting counts, the clock, the notice
 * ticker and the offline badge. Ticket numbers, services and desks only.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LobbyCall, WaitingCount } from '../../src-shared/contract/lobby';
import type { LobbyConnection } from './lobby-store';
import { clockText, dateText } from './site-clock';

function RepeatMark() {
  const { t } = useTranslation();
  return <span className="lobby-repeat">{t('lobby.repeatMark')}</span>;
}

export function CurrentCall(props: { call: LobbyCall | undefined }) {
  const { t } = useTranslation();
  const { call } = props;
  return (
    <section className="lobby-current" aria-labelledby="lobby-current-title">
      <h2 id="lobby-current-title" className="lobby-label">
        {t('lobby.currentCall')}
      </h2>
      {call ? (
        // Keyed by the call, so each new call (a repeat too) replays the arrival highlight.
        <div key={call.id} className="lobby-current-call" role="status" data-call-id={call.id}>
          <p className="lobby-current-number">{call.ticketNumber}</p>
          <p className="lobby-current-go">{t('lobby.goToDesk')}</p>
          <p className="lobby-current-desk">{call.desk}</p>
          <p className="lobby-current-service">
            {call.serviceNames.es}
            {call.repeat ? <RepeatMark /> : null}
          </p>
        </div>
      ) : (
        <p className="lobby-empty">{t('lobby.noCalls')}</p>
      )}
    </section>
  );
}

export function RecentCalls(props: { calls: LobbyCall[] }) {
  const { t } = useTranslation();
  if (props.calls.length === 0) return null;
  return (
    <section className="lobby-recent" aria-labelledby="lobby-recent-title">
      <h2 id="lobby-recent-title" className="lobby-label">
        {t('lobby.recentCalls')}
      </h2>
      <ol className="lobby-recent-list">
        {props.calls.map((call) => (
          <li key={call.id} className="lobby-recent-call" data-call-id={call.id}>
            <span className="lobby-recent-number">{call.ticketNumber}</span>
            <span className="lobby-recent-desk">{call.desk}</span>
            {call.repeat ? <RepeatMark /> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

export function WaitingCounts(props: { waiting: WaitingCount[] }) {
  const { t } = useTranslation();
  return (
    <section className="lobby-waiting" aria-labelledby="lobby-waiting-title">
      <h2 id="lobby-waiting-title" className="lobby-label">
        {t('lobby.waiting')}
      </h2>
      {props.waiting.length === 0 ? (
        <p className="lobby-empty">{t('lobby.noneWaiting')}</p>
      ) : (
        <ul className="lobby-waiting-list">
          {props.waiting.map((service) => (
            <li key={service.serviceId} data-service-id={service.serviceId}>
              <span className="lobby-waiting-service">{service.serviceNames.es}</span>
              <span className="lobby-waiting-count">
                {t('lobby.waitingCount', { count: service.count })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Ticks every second, by the server's clock: a TV's own clock is often wrong. */
export function LobbyClock(props: { timeZone: string; offsetMs: number }) {
  const [localNow, setLocalNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setLocalNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  const now = new Date(localNow + props.offsetMs);
  return (
    <div className="lobby-clock">
      <time className="lobby-clock-time" dateTime={now.toISOString()}>
        {clockText(now, props.timeZone)}
      </time>
      <span className="lobby-clock-date">{dateText(now, props.timeZone)}</span>
    </div>
  );
}

/** Seconds the ticker takes to cross the screen, by the notice's length: a steady reading pace. */
const tickerSeconds = (text: string) => Math.max(15, Math.round(text.length * 0.3));

export function NoticeTicker(props: { text: string }) {
  const { t } = useTranslation();
  return (
    <aside className="lobby-ticker" aria-label={t('lobby.notice')}>
      <p
        className="lobby-ticker-text"
        style={{ animationDuration: `${tickerSeconds(props.text)}s` }}
      >
        {props.text}
      </p>
    </aside>
  );
}

export function ConnectionBadge(props: {
  connection: LobbyConnection;
  updatedAt: number | null;
  offsetMs: number;
  timeZone: string;
}) {
  const { t } = useTranslation();
  // An unknown screen says so in place of the calls (UnknownScreen), not in a badge.
  if (props.connection === 'online' || props.connection === 'unknown-screen') return null;
  const since =
    props.updatedAt === null
      ? null
      : t('lobby.offlineSince', {
          time: clockText(new Date(props.updatedAt + props.offsetMs), props.timeZone),
        });
  const title = {
    connecting: t('lobby.connecting'),
    offline: t('lobby.offline'),
    'no-feed': t('lobby.noFeed'),
  }[props.connection];
  return (
    <div className="lobby-badge" role="status" data-connection={props.connection}>
      <strong>{title}</strong>
      {since ? <span> · {since}</span> : null}
    </div>
  );
}

/** In place of the calls when the server does not know the screen this page asks for. */
export function UnknownScreen() {
  const { t } = useTranslation();
  return (
    <section className="lobby-unknown" role="alert" data-testid="lobby-unknown-screen">
      <h2 className="lobby-unknown-title">{t('officeScreens.lobby.unknownTitle')}</h2>
      <p>{t('officeScreens.lobby.unknownHelp')}</p>
    </section>
  );
}
