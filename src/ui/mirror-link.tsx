import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { MirrorLink, MirrorLinkStore } from '../mirror/link.js';

const MirrorLinkContext = createContext<MirrorLinkStore | null>(null);

/** Gives the header the mirror's link (serving or watching); without it the cockpit has no mirror. */
export function MirrorLinkProvider({ link, children }: { readonly link: MirrorLinkStore; readonly children: ReactNode }) {
  return <MirrorLinkContext.Provider value={link}>{children}</MirrorLinkContext.Provider>;
}

const noSubscription = () => () => undefined;
const nothing = () => undefined;

/** The mirror's link, or undefined when this cockpit neither serves nor watches one. */
export function useMirrorLink(): MirrorLink | undefined {
  const store = useContext(MirrorLinkContext);
  return useSyncExternalStore(store ? store.subscribe : noSubscription, store ? store.getState : nothing);
}
