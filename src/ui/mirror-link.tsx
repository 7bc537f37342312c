import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import type { MirrorLinkView } from '../format/mirror-link.js';

/** What the header needs of mirror/link.ts's store; the mode that serves or watches hands one over. */
export type MirrorLinkSource = Pick<StoreApi<MirrorLinkView>, 'subscribe' | 'getState'>;

const MirrorLinkContext = createContext<MirrorLinkSource | null>(null);

/** Gives the header the mirror's link (serving or watching); without it the cockpit has no mirror. */
export function MirrorLinkProvider({ link, children }: { readonly link: MirrorLinkSource; readonly children: ReactNode }) {
  return <MirrorLinkContext.Provider value={link}>{children}</MirrorLinkContext.Provider>;
}

const noSubscription = () => () => undefined;
const nothing = () => undefined;

/** The mirror's link, or undefined when this cockpit neither serves nor watches one. */
export function useMirrorLink(): MirrorLinkView | undefined {
  const store = useContext(MirrorLinkContext);
  return useSyncExternalStore(store ? store.subscribe : noSubscription, store ? store.getState : nothing);
}
