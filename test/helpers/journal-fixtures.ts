import type { JournalEvent, UnstampedEvent } from '../../src/journal/events.js';
import { WEEKLY_PLAYBOOK } from '../../src/domain/weekly-playbook.js';

/** 2026-11-24 14:00 UTC: the fixture release's opening. */
export const T0 = Date.UTC(2026, 10, 24, 14, 0, 0);
export const MIN = 60_000;

/** A journal as the cockpit writes it: each event stamped `minutes` after T0 by `actor`. */
export function journal(...entries: readonly (readonly [number, UnstampedEvent, string?])[]): JournalEvent[] {
  return entries.map(([minutes, event, actor]) => ({ at: new Date(T0 + minutes * MIN).toISOString(), actor: actor ?? 'dana-w', ...event }) as JournalEvent);
}

export const RELEASE: UnstampedEvent = {
  type: 'release',
  version: 1,
  id: '2026-11-24-weekly',
  name: 'Weekly release 2026-11-24',
  repo: 'acme/service',
  playbook: { name: WEEKLY_PLAYBOOK.name, from: 'staging', to: 'production', steps: WEEKLY_PLAYBOOK.steps.map((s) => ({ id: s.id, title: s.title, type: s.type })) },
};

export const at = (minutes: number) => T0 + minutes * MIN;

/** A step line as the store diff writes it. */
export function step(id: string, status: 'active' | 'running' | 'done' | 'skipped' | 'failed', started: number, extra: { finished?: number; reason?: string; outcome?: string } = {}): UnstampedEvent {
  return {
    type: 'step',
    step: id,
    status,
    startedAt: at(started),
    ...(extra.finished !== undefined ? { finishedAt: at(extra.finished) } : {}),
    ...(extra.reason ? { reason: extra.reason } : {}),
    ...(extra.outcome ? { outcome: extra.outcome } : {}),
  };
}

export const CANDIDATE = 'cb0f4950d6d4bea62740ec6bed6d25a82087c6a9';
export const TARGET = '909c6a9963393c5c601dc614b43cee06094f6d4c';
export const MERGE = 'd0b739a00000000000000000000000000000000a';

/** A whole release up to the rollout, in order: review, choose, open the PR, CI, merge, deploy, verify. */
export function throughVerify(): (readonly [number, UnstampedEvent, string?])[] {
  return [
    [0, RELEASE],
    [0, { type: 'driver', host: 'lap-7', pid: 4242, resumed: false }],
    [2, step('review-changes', 'done', 0, { finished: 2, outcome: 'confirmed' })],
    [2, step('choose-candidate', 'active', 2)],
    [3, { type: 'candidate', sha: CANDIDATE, headline: 'Refactor the export worker' }],
    [3, { type: 'components', service: { from: 'aaaaaaa1111111', to: CANDIDATE }, ppc: { from: 'bfdf45f', to: TARGET }, sdk: { from: '0.11.2', to: '0.11.3' } }],
    [3, step('choose-candidate', 'done', 2, { finished: 3, outcome: 'cb0f495' })],
    [3, step('open-promotion-pr', 'active', 3)],
    [4, step('open-promotion-pr', 'running', 3)],
    [4, { type: 'intent', id: 'open-1', action: 'open-pr', head: 'release/2026-11-24-cb0f495', base: 'production', sha: CANDIDATE }],
    [4, { type: 'outcome', id: 'open-1', ok: true, number: 307, url: 'https://github.com/acme/service/pull/307' }],
    [4, { type: 'pull', number: 307, url: 'https://github.com/acme/service/pull/307', head: 'release/2026-11-24-cb0f495', base: 'production', headSha: CANDIDATE }],
    [4, step('open-promotion-pr', 'done', 3, { finished: 4, outcome: 'PR #307 opened' })],
    [4, step('wait-pr-ci', 'active', 4)],
    [10, step('wait-pr-ci', 'done', 4, { finished: 10, outcome: 'CI green: 4 of 4 jobs passed' })],
    [10, step('merge-promotion-pr', 'active', 10)],
    [11, step('merge-promotion-pr', 'running', 10)],
    [11, { type: 'intent', id: 'merge-1', action: 'merge-pr', number: 307, sha: CANDIDATE }],
    [11, { type: 'outcome', id: 'merge-1', ok: true, number: 307, sha: MERGE }],
    [11, { type: 'merged', number: 307, sha: MERGE }],
    [11, step('merge-promotion-pr', 'done', 10, { finished: 11, outcome: 'PR #307 merged as d0b739a' })],
    [11, step('wait-deploy', 'active', 11)],
    [17, step('wait-deploy', 'done', 11, { finished: 17, outcome: 'deployed' })],
    [17, step('verify-environment', 'active', 17)],
    [18, step('verify-environment', 'done', 17, { finished: 18, outcome: 'production serves d0b739a (healthy)' })],
    [18, step('update-ppcs', 'active', 18)],
  ];
}
