import type { Build } from './ci.js';
import { travisStateToCi } from './ci-verdict.js';
import { currentIndex } from './checklist.js';
import type { Playbook, StepProgress, StepType } from './playbook.js';
import type { CustomerPpc } from './ppc.js';
import type { PullRequest } from './pull.js';

/** What the team hears about when a human must act (or may stop watching): see services/webhook.ts. */
export type TeamEventKind = 'ci-red' | 'approval-needed' | 'ready-to-merge' | 'deploy-failed' | 'ppc-failed' | 'release-complete';

export interface TeamEvent {
  readonly kind: TeamEventKind;
  /** One line for a person, from release facts only: names, numbers and shas, never a path or a token. */
  readonly text: string;
}

/** The slice of the cockpit's state the events are read from. */
export interface TeamView {
  readonly releaseName: string;
  readonly repo: string;
  readonly playbook: Playbook;
  readonly steps: readonly StepProgress[];
  readonly pull: PullRequest | null;
  readonly prBuild: Build | null;
  readonly deployBuild: Build | null;
  readonly ppcs: readonly CustomerPpc[];
}

const failedBuild = (build: Build | null): number | undefined => (build && travisStateToCi(build.state) === 'failure' ? build.id : undefined);

function becameActive(prev: TeamView, next: TeamView, type: StepType): boolean {
  const at = currentIndex(next.steps);
  const step = next.playbook.steps[at];
  if (!step || step.type !== type || next.steps[at]?.status !== 'active') return false;
  const before = currentIndex(prev.steps);
  return before !== at || prev.steps[before]?.status !== 'active';
}

/**
 * The events between two views of the release: each is said once, when it starts to be true (a build that turns
 * red, a step that becomes the one to act on, a PPC that fails, the last step settling). Pure.
 */
export function teamEvents(prev: TeamView, next: TeamView): TeamEvent[] {
  const out: TeamEvent[] = [];
  const name = `${next.releaseName} (${next.repo})`;
  const pr = next.pull ? `PR #${next.pull.number}` : 'the promotion PR';
  const red = failedBuild(next.prBuild);
  if (red !== undefined && red !== failedBuild(prev.prBuild)) out.push({ kind: 'ci-red', text: `${name}: CI red on ${pr} (build #${next.prBuild?.number}, ${next.prBuild?.state})` });
  if (becameActive(prev, next, 'await-approval')) out.push({ kind: 'approval-needed', text: `${name}: ${pr} needs an approving review` });
  if (becameActive(prev, next, 'merge-promotion-pr')) out.push({ kind: 'ready-to-merge', text: `${name}: ${pr} is green and ready to merge` });
  const deploy = failedBuild(next.deployBuild);
  if (deploy !== undefined && deploy !== failedBuild(prev.deployBuild)) out.push({ kind: 'deploy-failed', text: `${name}: the deploy failed (build #${next.deployBuild?.number}, ${next.deployBuild?.state})` });
  const failedBefore = new Set(prev.ppcs.filter((p) => p.state === 'failed').map((p) => p.id));
  for (const ppc of next.ppcs) if (ppc.state === 'failed' && !failedBefore.has(ppc.id)) out.push({ kind: 'ppc-failed', text: `${name}: the PPC of ${ppc.name} failed to update${ppc.target ? ` to ${ppc.target.slice(0, 7)}` : ''}` });
  if (currentIndex(next.steps) === -1 && currentIndex(prev.steps) !== -1) out.push({ kind: 'release-complete', text: `${name}: release complete` });
  return out;
}
