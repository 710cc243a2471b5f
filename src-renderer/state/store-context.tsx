import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { TurneroBridge } from '../../src-shared/contract/ipc';
import type { KioskStore, KioskUiState } from './kiosk-store';

const StoreContext = createContext<KioskStore | null>(null);
const BridgeContext = createContext<TurneroBridge | null>(null);

export function KioskProviders(props: {
  store: KioskStore;
  bridge: TurneroBridge;
  children: ReactNode;
}) {
  return (
    <StoreContext.Provider value={props.store}>
      <BridgeContext.Provider value={props.bridge}>{props.children}</BridgeContext.Provider>
    </StoreContext.Provider>
  );
}

export function useKioskStoreApi(): KioskStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useKioskStoreApi outside KioskProviders');
  return store;
}

export function useKiosk<T>(selector: (state: KioskUiState) => T): T {
  return useStore(useKioskStoreApi(), selector);
}

export function useBridge(): TurneroBridge {
  const bridge = useContext(BridgeContext);
  if (!bridge) throw new Error('useBridge outside KioskProviders');
  return bridge;
}
