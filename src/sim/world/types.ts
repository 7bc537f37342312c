import type { Random } from '../random.js';
import type { BuildEvent, BuildRecord, JobKind, ServiceTask, Timing, TravisRepo } from './ci.js';
import type { GitRepo, Person } from './git.js';

export interface EnvironmentSpec {
  readonly name: string;
  readonly branch: string;
  /** What the site served before any build the sim knows of deployed. */
  readonly initialSha: string;
}

export interface CustomerSpec {
  readonly id: string;
  readonly name: string;
  readonly initialRevision: string;
}

export interface RequestRecord {
  readonly id: number;
  readonly repo: TravisRepo;
  readonly createdAt: number;
  /** When Travis has filled in its message and config (the `requestsFilledInLater` rule); createdAt otherwise. */
  readonly filledAt: number;
  readonly branch: string;
  readonly message: string | null;
  readonly config: unknown;
  readonly mergeMode: string;
  readonly by: string;
  readonly build: BuildRecord;
}

export interface JobSpec {
  readonly name: string;
  readonly stage: string;
  readonly config: Readonly<Record<string, unknown>>;
  readonly kind: JobKind;
  readonly failAttempts?: number;
  readonly allowFailure?: boolean;
}

/** What a new build needs: the record's identity fields (id, number and jobs are assigned when it is created). */
export interface BuildSpec
  extends Pick<BuildRecord, 'repo' | 'event' | 'branch' | 'commit' | 'headSha' | 'pullRequest' | 'createdAt' | 'createdBy' | 'reporting' | 'requestId'> {
  readonly jobs: readonly JobSpec[];
  readonly timing: Timing;
}

export interface ScriptedFailure {
  readonly event: BuildEvent;
  readonly branch: string;
  readonly task: ServiceTask;
  readonly attempts: number;
}

/** What a scenario hands the world: repos, people, environments, customers and where ids start. */
export interface WorldSetup {
  readonly random: Random;
  readonly git: GitRepo;
  readonly service: TravisRepo;
  readonly fleet: TravisRepo;
  readonly environments: readonly EnvironmentSpec[];
  readonly customers: readonly CustomerSpec[];
  /** Branches .travis.yml builds (branches.only); pushes elsewhere start nothing. */
  readonly ciBranches: ReadonlySet<string>;
  /** Branches whose protection requires the "Travis CI - Pull Request" check. */
  readonly protectedBranches: ReadonlySet<string>;
  readonly people: readonly Person[];
  /** The primary is who the sim thinks is calling when the token names nobody. */
  readonly roles: { readonly primary: string; readonly secondary: string };
  readonly approvers: readonly string[];
  readonly waves: readonly { readonly name: string; readonly customers?: readonly string[] }[];
  readonly ids: { readonly pull: number; readonly build: number; readonly job: number; readonly request: number; readonly buildNumber: number; readonly fleetBuildNumber: number };
}

export type WorldErrorCode =
  | 'not_found'
  | 'validation'
  | 'pr_exists'
  | 'no_commits'
  | 'ref_exists'
  | 'bad_object'
  | 'sha_mismatch'
  | 'out_of_date'
  | 'merge_conflict'
  | 'not_mergeable'
  | 'job_already_running'
  | 'build_already_running'
  | 'not_cancelable'
  | 'request_limit';

/** A refusal in the world's terms; the GitHub and Travis layers turn it into their own error shapes. */
export class WorldError extends Error {
  constructor(
    readonly code: WorldErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'WorldError';
  }
}
