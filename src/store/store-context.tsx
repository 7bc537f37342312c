import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { CockpitStore, CockpitStoreApi } from './create-cockpit-store.js';

const StoreContext = createContext<CockpitStoreApi | null>(null);

export function StoreProvider({ store, children }: { readonly store: CockpitStoreApi; readonly children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

/** The store itself, for dispatching and for reading the latest state inside handlers. */
export function useStoreApi(): CockpitStoreApi {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useCockpitStore must be used inside <StoreProvider>');
  return store;
}

/** Selects a slice of the store; selectors must return primitives or stable references (zustand 5). */
export function useCockpitStore<T>(selector: (state: CockpitStore) => T): T {
  return useStore(useStoreApi(), selector);
}
