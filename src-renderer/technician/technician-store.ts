/**
 * The renderer's side of the technician mode: the session's phase as main reports it (an
 * opaque view: no secret, nothing to present back) and which panel is up. Panels keep their own
 * data in their components, so that leaving the mode unmounts them and drops it; `clear` puts
 * this store back as it was before anybody came in.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TechnicianSessionView } from '../../src-shared/contract/technician';

export const CLOSED_SESSION: TechnicianSessionView = {
  phase: 'closed',
  via: null,
  cardId: null,
  lockedForSeconds: null,
  triesLeft: 0,
  pinSet: false,
  idleSeconds: 120,
};

export interface TechnicianUiState {
  session: TechnicianSessionView;
  /** The panel on screen (an id of panels.tsx); null: the first one. */
  panel: string | null;
  /** Main reported the session; a closed one clears everything. */
  setSession(session: TechnicianSessionView): void;
  showPanel(id: string): void;
  clear(): void;
}

export type TechnicianStore = StoreApi<TechnicianUiState>;

export function createTechnicianStore(): TechnicianStore {
  return createStore<TechnicianUiState>()((set) => ({
    session: CLOSED_SESSION,
    panel: null,
    setSession: (session) =>
      set(session.phase === 'closed' ? { session, panel: null } : { session }),
    showPanel: (panel) => set({ panel }),
    clear: () => set({ session: CLOSED_SESSION, panel: null }),
  }));
}
