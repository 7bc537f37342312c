import { teamEvents, type TeamView } from '../domain/team-events.js';
import type { Webhook } from '../services/webhook.js';
import type { CockpitStoreApi } from '../store/create-cockpit-store.js';
import type { CockpitState } from '../store/state.js';

const viewOf = (s: CockpitState): TeamView => ({
  releaseName: s.meta.releaseName,
  repo: s.meta.repo,
  playbook: s.checklist.playbook,
  steps: s.checklist.steps,
  pull: s.promotion.pull,
  prBuild: s.promotion.prBuild,
  deployBuild: s.promotion.deployBuild,
  ppcs: s.rollout.ppcs,
});

/**
 * Tells the team's webhook what the driving cockpit sees happen. Only a cockpit that drives says anything (a
 * read-only one, or one whose release was taken over, would repeat the driver's news). Returns the unsubscriber.
 */
export function watchForTeam(store: CockpitStoreApi, webhook: Webhook): () => void {
  let prev = viewOf(store.getState());
  return store.subscribe((state) => {
    const next = viewOf(state);
    // The clock ticks every second: nothing to compare when none of the slices moved.
    if (next.steps === prev.steps && next.prBuild === prev.prBuild && next.deployBuild === prev.deployBuild && next.ppcs === prev.ppcs) return;
    const events = teamEvents(prev, next);
    prev = next;
    if (state.meta.mode !== 'driving' && state.meta.mode !== 'demo') return;
    for (const event of events) webhook.send(event, { release: state.meta.releaseId, repo: state.meta.repo });
  });
}
