import type { Random } from '../random.js';
import { planAttempt, type BuildEvent, type BuildRecord, type JobRecord, type Timing, type TravisRepo } from './ci.js';
import type { CommitRecord, FileChange, GitRepo, Person } from './git.js';
import type { CommentRecord, PullRecord } from './pulls.js';
import { kindRules, type WorldRules } from './rules.js';
import { ACME_TEAM, type TeamShape } from '../team.js';
import { REQUESTS_PER_WINDOW } from './timings.js';
import type { BuildSpec, CustomerSpec, EnvironmentSpec, RequestRecord, ScriptedFailure, WorldSetup } from './types.js';

// The records apart from the reads: World (world.ts) extends this class with what the services report from
// them, so every caller keeps its one `world` and the id counters stay private to where records are made.

/** Everything the demo world holds. State that moves with time is derived from the clock when asked. */
export class WorldRecords {
  readonly pulls = new Map<number, PullRecord>();
  readonly comments = new Map<number, CommentRecord[]>();
  readonly builds: BuildRecord[] = [];
  readonly buildsById = new Map<number, BuildRecord>();
  readonly jobs = new Map<number, JobRecord>();
  readonly requests: RequestRecord[] = [];
  readonly people = new Map<string, Person>();
  readonly health = new Map<string, boolean>();
  /** Customers whose next update job fails once (the scenario's scripted trouble). */
  readonly ppcFailOnce = new Set<string>();
  /** Scenario facts for tests and /_sim/state (generated shas, which customer fails, ...). */
  readonly facts: Record<string, unknown> = {};
  readonly travisRepos: TravisRepo[];
  nextPullNumber = 1;
  private nextBuildId = 1;
  private nextJobId = 1;
  private nextCheckRunId = 1;
  private nextRequestId = 1;
  nextCommentId = 1;
  nextReviewId = 1;
  private readonly buildNumbers = new Map<number, number>();

  readonly random: Random;
  readonly git: GitRepo;
  readonly service: TravisRepo;
  readonly fleet: TravisRepo;
  /** Settable so a scenario can name them once its history (and so the deployed shas) exists. */
  environments: readonly EnvironmentSpec[];
  customers: readonly CustomerSpec[];
  readonly ciBranches: ReadonlySet<string>;
  readonly protectedBranches: ReadonlySet<string>;
  readonly viewer: string;
  readonly roles: WorldSetup['roles'];
  readonly approvers: readonly string[];
  waves: WorldSetup['waves'];
  /** Which of the real services' harder behaviours this world reproduces (see rules.ts); a scenario or /_sim/rules sets them. */
  readonly rules: WorldRules = kindRules();
  /** API-triggered requests per repository per rolling hour (a repository's api_builds_rate_limit); POST /_sim/travis sets it. */
  requestLimit: number = REQUESTS_PER_WINDOW;
  /** States the Travis API reports instead of the real one ("build:12", "job:34"): one the cockpit does not know. */
  readonly stateShown = new Map<string, string>();
  /** Failures the scenario scripted for the next build of a kind (consumed once). */
  readonly scripted: ScriptedFailure[] = [];
  /** Whose environments, pinned files and schedule this world wears (a team's own with `cockpit demo --config`). */
  team: TeamShape = ACME_TEAM;

  constructor(setup: WorldSetup) {
    this.random = setup.random;
    this.git = setup.git;
    this.service = setup.service;
    this.fleet = setup.fleet;
    this.environments = setup.environments;
    this.customers = setup.customers;
    this.ciBranches = setup.ciBranches;
    this.protectedBranches = setup.protectedBranches;
    this.viewer = setup.roles.primary;
    this.roles = setup.roles;
    this.approvers = setup.approvers;
    this.waves = setup.waves;
    this.travisRepos = [setup.service, setup.fleet];
    this.nextPullNumber = setup.ids.pull;
    this.nextBuildId = setup.ids.build;
    this.nextJobId = setup.ids.job;
    this.nextCheckRunId = setup.ids.build * 3 + 7;
    this.nextRequestId = setup.ids.request;
    this.buildNumbers.set(setup.service.id, setup.ids.buildNumber);
    this.buildNumbers.set(setup.fleet.id, setup.ids.fleetBuildNumber);
    for (const p of setup.people) this.people.set(p.login, p);
  }

  /** Takes the scripted failure for the next build of this event on this branch, if any. */
  takeScripted(event: BuildEvent, branch: string): ScriptedFailure | undefined {
    const i = this.scripted.findIndex((s) => s.event === event && s.branch === branch);
    return i < 0 ? undefined : this.scripted.splice(i, 1)[0];
  }

  person(login: string): Person {
    return this.people.get(login) ?? { login, name: login, email: `${login}@users.noreply.github.com` };
  }

  /** Adds a commit with a fresh sha and tree; `files` defaults to the first parent's snapshot. */
  commit(spec: {
    readonly parents: readonly string[];
    readonly message: string;
    readonly author: string;
    readonly at: number;
    readonly files?: ReadonlyMap<string, string>;
    readonly changes?: readonly FileChange[];
    readonly random?: Random;
  }): CommitRecord {
    const random = spec.random ?? this.random;
    const parent = spec.parents[0] ? this.git.commits.get(spec.parents[0]) : undefined;
    const author = this.person(spec.author);
    return this.git.add({
      sha: random.hex(40),
      treeSha: random.hex(40),
      parents: spec.parents,
      message: spec.message,
      author,
      committer: spec.parents.length > 1 ? { login: 'web-flow', name: 'GitHub', email: 'noreply@github.com' } : author,
      authoredAt: spec.at,
      committedAt: spec.at,
      files: spec.files ?? parent?.files ?? new Map(),
      changes: spec.changes ?? [],
    });
  }

  createBuild(spec: BuildSpec, random: Random = this.random): BuildRecord {
    const id = this.nextBuildId;
    this.nextBuildId += 1;
    const number = String((this.buildNumbers.get(spec.repo.id) ?? 0) + 1);
    this.buildNumbers.set(spec.repo.id, Number(number));
    const jobs = spec.jobs.map((j, i): JobRecord => {
      const failAttempts = j.failAttempts ?? 0;
      const job: JobRecord = {
        id: this.nextJobId + i,
        buildId: id,
        number: `${number}.${i + 1}`,
        name: j.name,
        stage: j.stage,
        config: j.config,
        allowFailure: j.allowFailure ?? false,
        kind: j.kind,
        failAttempts,
        attempts: [planAttempt(random, spec.createdAt, spec.timing, failAttempts > 0 ? 'failed' : 'passed')],
      };
      this.jobs.set(job.id, job);
      return job;
    });
    this.nextJobId += jobs.length;
    const checkRunId = this.nextCheckRunId;
    this.nextCheckRunId += 3;
    const build: BuildRecord = {
      id,
      number,
      repo: spec.repo,
      event: spec.event,
      branch: spec.branch,
      commit: spec.commit,
      headSha: spec.headSha,
      ...(spec.pullRequest ? { pullRequest: spec.pullRequest } : {}),
      createdAt: spec.createdAt,
      createdBy: spec.createdBy,
      jobs,
      reporting: spec.reporting,
      checkRunId,
      checkSuiteId: checkRunId + 1,
      ...(spec.requestId !== undefined ? { requestId: spec.requestId } : {}),
    };
    this.builds.push(build);
    this.buildsById.set(id, build);
    return build;
  }

  takeRequestId(): number {
    const id = this.nextRequestId;
    this.nextRequestId += 1;
    return id;
  }

  /** Restarts one attempt of a job now; the attempt fails while the job's scripted failures last. */
  restartAttempt(job: JobRecord, now: number, timing: Timing): void {
    const index = job.attempts.length;
    job.attempts.push(planAttempt(this.random, now, timing, index < job.failAttempts ? 'failed' : 'passed'));
    job.restartedAt = now;
  }

  /** Things that happen on their own once their time has come (a late push); run before every answer. */
  readonly due: { at: (now: number) => boolean; run: (now: number) => void }[] = [];

  runDue(now: number): void {
    for (const event of [...this.due]) {
      if (!event.at(now)) continue;
      this.due.splice(this.due.indexOf(event), 1);
      event.run(now);
    }
  }
}
