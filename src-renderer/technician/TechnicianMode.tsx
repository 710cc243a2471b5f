/**
 * The technician mode's shell, shown instead of the citizen screens while a session is open: a
 * header saying who is in and the way out, the navigation of the panels of panels.tsx, and the
 * panel on screen. Two minutes without a touch (main's limit, which it enforces too) go back to
 * the citizen home; each touch tells main the technician is still there, at most every 20 s.
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useHeadingFocus } from '../components/use-heading-focus';
import { useIdleTimeout } from '../components/use-idle-timeout';
import { useBridge } from '../state/store-context';
import { TECHNICIAN_PANELS } from './panels';
import { useTechnician } from './technician-context';
import { useEndTechnicianSession } from './use-end-session';

const TOUCH_EVERY_MS = 20_000;

function useKeepAlive(): void {
  const bridge = useBridge();
  useEffect(() => {
    let last = Date.now();
    const touched = () => {
      if (Date.now() - last < TOUCH_EVERY_MS) return;
      last = Date.now();
      void bridge.invoke('tech:session-touch', {}).catch(() => undefined);
    };
    const events = ['pointerdown', 'keydown'] as const;
    for (const name of events) window.addEventListener(name, touched, { capture: true });
    return () => {
      for (const name of events) window.removeEventListener(name, touched, { capture: true });
    };
  }, [bridge]);
}

export function TechnicianMode() {
  const { t } = useTranslation();
  const session = useTechnician((state) => state.session);
  const chosen = useTechnician((state) => state.panel);
  const showPanel = useTechnician((state) => state.showPanel);
  const endSession = useEndTechnicianSession();
  const active = TECHNICIAN_PANELS.find((panel) => panel.id === chosen) ?? TECHNICIAN_PANELS[0];
  const heading = useHeadingFocus<HTMLHeadingElement>(active?.id);

  useKeepAlive();
  useIdleTimeout(true, session.idleSeconds * 1000, () => endSession('inactivity'));

  return (
    <div className="technician" data-testid="technician-mode">
      <header className="technician__header">
        <div>
          <p className="technician__mode">{t('technician.mode.title')}</p>
          <p className="technician__who">
            {session.cardId
              ? t('technician.mode.byCard', { card: session.cardId })
              : t('technician.mode.byPin')}
          </p>
        </div>
        <button
          type="button"
          className="button button--secondary technician__exit"
          onClick={() => endSession('exit')}
        >
          {t('technician.mode.exit')}
        </button>
      </header>
      <nav className="technician__nav" aria-label={t('technician.mode.panels')}>
        <ul>
          {TECHNICIAN_PANELS.map((panel) => (
            <li key={panel.id}>
              <button
                type="button"
                className="technician__nav-button"
                aria-current={panel.id === active?.id ? 'page' : undefined}
                onClick={() => showPanel(panel.id)}
              >
                {t(panel.labelKey)}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <main className="technician__panel" data-testid={`technician-panel-${active?.id ?? ''}`}>
        {active && (
          <>
            <h1 className="technician__title" ref={heading} tabIndex={-1}>
              {t(active.labelKey)}
            </h1>
            <active.Component key={active.id} />
          </>
        )}
      </main>
    </div>
  );
}
