import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { TechnicianStore, TechnicianUiState } from './technician-store';

const TechnicianContext = createContext<TechnicianStore | null>(null);

export function TechnicianProvider(props: { store: TechnicianStore; children: ReactNode }) {
  return (
    <TechnicianContext.Provider value={props.store}>{props.children}</TechnicianContext.Provider>
  );
}

export function useTechnicianStoreApi(): TechnicianStore {
  const store = useContext(TechnicianContext);
  if (!store) throw new Error('useTechnicianStoreApi outside TechnicianProvider');
  return store;
}

export function useTechnician<T>(selector: (state: TechnicianUiState) => T): T {
  return useStore(useTechnicianStoreApi(), selector);
}
