import type { Config } from '../config/schema.js';
import type { Build } from '../domain/ci.js';
import type { Commit } from '../domain/commit.js';
import type { AllowedMethods, MergeMethod } from '../domain/merge-method.js';
import type { PullRequest } from '../domain/pull.js';
import type { RefreshTarget } from '../domain/steps/behaviour.js';
import type { JournalPort } from '../journal/port.js';
import type { NotifyKind } from '../format/notify.js';
import type { CockpitStoreApi } from '../store/create-cockpit-store.js';

// Exactly what the engine asks of the outside world. The real services (src/services) satisfy these
// structurally; every method rejects with a SourceError.

export interface GitHubPort {
  getHead(branch: string): Promise<Commit>;
  findOpenPull(head: string, base: string): Promise<PullRequest | null>;
  createPull(pull: { readonly head: string; readonly base: string; readonly title: string; readonly body: string }): Promise<PullRequest>;
  createBranch(name: string, sha: string): Promise<'created' | 'exists'>;
  getPull(n: number): Promise<PullRequest>;
  mergePull(n: number, options: { readonly sha: string; readonly method?: MergeMethod }): Promise<{ readonly sha: string }>;
  isMerged(n: number): Promise<boolean>;
  /** Which merge methods the repository allows; fields GitHub leaves out are undefined. */
  getMergeMethods(): Promise<AllowedMethods>;
  /** PUT update-branch with expected_head_sha: a moved head or a conflict is a SourceError 'conflict'. */
  updateBranch(n: number, expectedHeadSha: string): Promise<{ readonly message: string }>;
}

export interface TravisPort {
  triggerRequest(
    repo: string,
    trigger: {
      readonly branch: string;
      readonly message: string;
      readonly config: Readonly<Record<string, unknown>>;
      readonly mergeMode: 'deep_merge_append';
    },
  ): Promise<{ readonly requestId: number; readonly remaining: number | undefined }>;
  /** The builds a triggered request created (empty until Travis has processed it). */
  getRequest(repo: string, id: number): Promise<{ readonly result: string | null; readonly buildIds: readonly number[] }>;
  getBuild(id: number): Promise<Build>;
  restartJob(id: number): Promise<void>;
  /** The newest requests of a repo, newest first: how a trigger whose answer was lost is found again. */
  listRequests(
    repo: string,
    limit: number,
  ): Promise<readonly { readonly id: number; readonly message: string | null; readonly configText: string; readonly result: string | null; readonly buildIds: readonly number[] }[]>;
}

// Declared by the journal, which implements it (journal/port.ts); the engine only uses it.
export type { JournalPort } from '../journal/port.js';

export interface EnginePorts {
  readonly github: GitHubPort;
  readonly travis: TravisPort;
}

export type { NotifyKind } from '../format/notify.js';

/** The pollers the engine may ask for a fresh read (start-pollers' names); a step names those it waits on. */
export type { RefreshTarget } from '../domain/steps/behaviour.js';

export interface EngineOptions {
  readonly store: CockpitStoreApi;
  readonly services: EnginePorts;
  /** `rollout` and `schedule` (waves, concurrency, windows' time zone) are optional: without them, one wave of four at a time, in UTC. */
  readonly config: Pick<Config, 'environments' | 'ppcs'> & Partial<Pick<Config, 'rollout' | 'schedule' | 'merge' | 'service'>>;
  /** Epoch ms; tests pass a fake clock. */
  readonly now: () => number;
  /** Called when a wait ends (CI green or red, deploy done, a PPC failed): the caller rings the bell. */
  readonly notify: (kind: NotifyKind, text: string) => void;
  /**
   * Asks a poller for a fresh read now: after opening or merging the PR, after a PPC's update build passed, and
   * when a gate starts waiting on what that poller reads (so a gate never waits a whole idle interval).
   */
  readonly refresh?: (what: RefreshTarget) => void;
  /** How often an in-flight PPC update's Travis build is checked. @default 3000 */
  readonly watchMs?: number;
  /** How long to wait when Travis refuses a request for its hourly limit without saying until when. @default 60000 */
  readonly rateLimitWaitMs?: number;
  /** How long a write whose answer was lost is looked for before it is put to the user (real ms). @default 180000 */
  readonly lookForMs?: number;
  /** The waits between those looks (real ms; the last repeats). @default LOOK_DELAYS_MS: 1 s, 2 s, 4 s ... 30 s */
  readonly lookDelaysMs?: readonly number[];
  /** The release journal; absent in tests and in a read-only cockpit. */
  readonly journal?: JournalPort;
}
