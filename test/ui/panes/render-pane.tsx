import type { ComponentType } from 'react';
import type { CockpitStoreApi } from '../../../src/store/create-cockpit-store.js';
import { StoreProvider } from '../../../src/store/store-context.js';
import type { PaneFrameProps } from '../../../src/ui/components/pane.js';
import { renderUi } from '../../helpers/ui.js';

/** One pane on its own, at a given outer size, reading `store`. */
export function renderPane(Pane: ComponentType<PaneFrameProps>, store: CockpitStoreApi, size = { width: 60, height: 16 }, isFocused = true) {
  return renderUi(
    <StoreProvider store={store}>
      <Pane width={size.width} height={size.height} isFocused={isFocused} />
    </StoreProvider>,
  );
}
