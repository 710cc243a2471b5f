import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { TurneroBridge } from '../../src-shared/contract/ipc';
import type { ScreenStore, KioskUiState } from './screen-store';

const StoreContext = createContext<ScreenStore | null>(null);
const BridgeContext = createContext<TurneroBridge | null>(null);

export function ScreenProviders(props: {
  store: ScreenStore;
  bridge: TurneroBridge;
  children: ReactNode;
}) {
  return (
    <StoreContext.Provider value={props.store}>
      <BridgeContext.Provider value={props.bridge}>{props.children}</BridgeContext.Provider>
    </StoreContext.Provider>
  );
}

export function useScreenStoreApi(): ScreenStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useScreenStoreApi outside ScreenProviders');
  return store;
}

export function useScreen<T>(selector: (state: KioskUiState) => T): T {
  return useStore(useScreenStoreApi(), selector);
}

export function useBridge(): TurneroBridge {
  const bridge = useContext(BridgeContext);
  if (!bridge) throw new Error('useBridge outside ScreenProviders');
  return bridge;
}
