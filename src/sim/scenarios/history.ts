import type { Random } from '../random.js';
import type { Timing } from '../world/ci.js';
import { gopkgLock, gopkgToml, otherProjects, readme, serviceTravisYml } from '../world/files.js';
import { GitRepo, type CommitRecord } from '../world/git.js';
import { serviceJobs } from '../world/service-jobs.js';
import { HISTORY_TIMING } from '../world/timings.js';
import { triggerRequest } from '../world/travis-ops.js';
import { World, type BuildSpec } from '../world/world.js';
import { AUTHORS, BREAKING, CHANGES, CUSTOMERS, FIX, STAFF, fileChanges, type Change } from './story.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** How many of the oldest commits predate Travis's GitHub App and report through a legacy commit status. */
const LEGACY_COMMITS = 8;
const PRODUCTION_COMMITS = 18;

/** The generated facts of the acme world that tests and people want to look up (GET /_sim/state `facts`). */
export interface AcmeFacts {
  readonly masterHead: string;
  readonly stagingHead: string;
  /** The commit before staging's head: green, and what the staging site serves. */
  readonly stagingGreen: string;
  readonly productionHead: string;
  readonly stagingAheadOfProduction: number;
  readonly masterAheadOfStaging: number;
  readonly ppcRevision: { readonly production: string; readonly staging: string };
  readonly sdkVersion: { readonly production: string; readonly staging: string };
  /** Commits whose CI reports through the combined status (context continuous-integration/travis-ci/push). */
  readonly legacyStatusShas: readonly string[];
  /** The older commit whose lint job failed (fixed by the next commit). */
  readonly oldRedSha: string;
  readonly customers: readonly string[];
  readonly canary: string;
  /** The customer whose first update job fails; a restart or a new request succeeds. */
  readonly failingCustomer: string;
}

/**
 * acme/service with master ahead of staging, staging's head red and the commit before it green, production
 * several commits behind with an older PPC revision and SDK; and a fleet of customer PPCs on production's PPC.
 */
export function buildAcmeWorld(random: Random, now: number): { world: World; facts: AcmeFacts } {
  const h = random.fork('history');
  const stagingCount = h.int(6, 14);
  const masterCount = h.int(3, 6);
  const ppcOld = h.hex(40);
  const ppcNew = h.hex(40);
  const others = otherProjects(h);
  const lockOld = gopkgLock({ revision: ppcOld, version: 'v2.14.0', digest: `1:${h.hex(64)}` }, others);
  const lockNew = gopkgLock({ revision: ppcNew, version: 'v2.15.0', digest: `1:${h.hex(64)}` }, others);
  const git = new GitRepo('acme', 'service', 'master');
  const serviceId = 25_000_000 + h.int(0, 900_000);
  const world = new World({
    random: random.fork('runtime'),
    git,
    service: { id: serviceId, slug: 'acme/service', defaultBranch: 'master', headSha: '', headMessage: '' },
    fleet: { id: serviceId + 17, slug: 'acme/ppc-fleet', defaultBranch: 'master', headSha: h.hex(40), headMessage: 'Pin acme-sdk to 0.11.3 in the update job' },
    environments: [],
    customers: [],
    ciBranches: new Set(['master', 'staging', 'production']),
    protectedBranches: new Set(['staging', 'production']),
    people: [...AUTHORS, ...STAFF],
    roles: { primary: 'dana-w', secondary: 'eli-r' },
    approvers: ['maria-s'],
    waves: [],
    ids: { pull: 300 + h.int(0, 120), build: 81_000_000 + h.int(0, 900_000), job: 560_000_000 + h.int(0, 9_000_000), request: 7_000_000 + h.int(0, 900_000), buildNumber: 3_000 + h.int(0, 2_000), fleetBuildNumber: 600 + h.int(0, 300) },
  });

  const pool = shuffle(h, CHANGES);
  const nextChange = (): Change => pool.shift() ?? { message: 'Small fixes', files: ['internal/api/util.go'] };
  const ppcBumpAt = h.int(0, stagingCount - 3);
  const sdkBumpAt = (ppcBumpAt + 1 + h.int(0, stagingCount - 4)) % (stagingCount - 2);
  let files = new Map([
    ['.travis.yml', serviceTravisYml('0.11.2')],
    ['Gopkg.lock', lockOld],
    ['Gopkg.toml', gopkgToml()],
    ['README.md', readme()],
    // A file in a directory, so `contents/docs` is a directory as in a real repository.
    ['docs/releasing.md', '# Releasing\n\nEvery Tuesday the on-call primary promotes staging to production with release-cockpit.\n'],
  ]);
  const commits: CommitRecord[] = [];
  const add = (at: number, change: Change, edit?: readonly [string, string]): CommitRecord => {
    if (edit) files = new Map(files).set(edit[0], edit[1]);
    const parent = commits.at(-1);
    const c = world.commit({ parents: parent ? [parent.sha] : [], message: change.message, author: h.pick(AUTHORS).login, at, files, changes: fileChanges(change.files, () => h.int(2, 120)), random: h });
    commits.push(c);
    return c;
  };

  for (const at of spread(h, now - 21 * DAY, now - 7 * DAY - 2 * HOUR, PRODUCTION_COMMITS)) add(at, nextChange());
  const productionHead = commits.at(-1) as CommitRecord;
  spread(h, now - 7 * DAY + 3 * HOUR, now - 16 * HOUR, stagingCount).forEach((at, i) => {
    if (i === stagingCount - 1) add(at, BREAKING);
    else if (i === ppcBumpAt) add(at, { message: `Bump github.com/acme/ppc to ${ppcNew.slice(0, 7)} (v2.15.0)`, files: ['Gopkg.lock', 'vendor/github.com/acme/ppc/client/client.go'] }, ['Gopkg.lock', lockNew]);
    else if (i === sdkBumpAt) add(at, { message: 'Update acme-sdk to 0.11.3', files: ['.travis.yml'] }, ['.travis.yml', serviceTravisYml('0.11.3')]);
    else add(at, nextChange());
  });
  const stagingHead = commits.at(-1) as CommitRecord;
  const stagingGreen = commits.at(-2) as CommitRecord;
  spread(h, now - 10 * HOUR, now - 25 * MIN, masterCount).forEach((at, i) => add(at, i === 0 ? FIX : nextChange()));
  const masterHead = commits.at(-1) as CommitRecord;
  git.branches.set('production', productionHead.sha);
  git.branches.set('staging', stagingHead.sha);
  git.branches.set('master', masterHead.sha);

  // CI history: every commit was pushed to master; staging and production got push builds when promoted.
  const oldRed = h.int(3, PRODUCTION_COMMITS - 4);
  commits.forEach((c, i) => {
    const failing = c === stagingHead ? ({ task: 'integration', attempts: Number.MAX_SAFE_INTEGER } as const) : i === oldRed ? ({ task: 'lint', attempts: 1 } as const) : undefined;
    pastBuild(world, h, 'master', c, c.committedAt + h.int(30, 180) * 1000, i < LEGACY_COMMITS ? 'status' : 'checks', failing);
  });
  pastBuild(world, h, 'production', productionHead, now - 7 * DAY, 'checks');
  pastBuild(world, h, 'staging', stagingGreen, Math.min(stagingGreen.committedAt + 40 * MIN, stagingHead.committedAt - MIN), 'checks');
  pastBuild(world, h, 'staging', stagingHead, now - 12 * HOUR, 'checks', { task: 'integration', attempts: Number.MAX_SAFE_INTEGER });

  const environments = [
    { name: 'testing', branch: 'master', initialSha: masterHead.sha },
    { name: 'staging', branch: 'staging', initialSha: stagingGreen.sha },
    { name: 'production', branch: 'production', initialSha: productionHead.sha },
  ];
  const customers = CUSTOMERS.map((c) => ({ ...c, initialRevision: ppcOld }));
  const canary = 'initech';
  const failingCustomer = h.pick(customers.filter((c) => c.id !== canary)).id;
  const early = shuffle(h, customers.filter((c) => c.id !== canary)).slice(0, 3).map((c) => c.id);
  world.environments = environments;
  world.customers = customers;
  world.waves = [{ name: 'canary', customers: [canary] }, { name: 'early adopters', customers: early }, { name: 'everyone else' }];

  // Last week's rollout, so the fleet repo has a past and every PPC provably runs production's revision.
  triggerRequest(world, world.fleet, { request: { branch: 'master', message: 'Weekly PPC rollout', merge_mode: 'deep_merge_append', config: { env: { jobs: customers.map((c) => `CUSTOMER=${c.id} PPC_REVISION=${ppcOld}`) } } } }, now - 7 * DAY + 4 * HOUR, 'dana-w');
  world.ppcFailOnce.add(failingCustomer);

  const facts: AcmeFacts = {
    masterHead: masterHead.sha,
    stagingHead: stagingHead.sha,
    stagingGreen: stagingGreen.sha,
    productionHead: productionHead.sha,
    stagingAheadOfProduction: stagingCount,
    masterAheadOfStaging: masterCount,
    ppcRevision: { production: ppcOld, staging: ppcNew },
    sdkVersion: { production: '0.11.2', staging: '0.11.3' },
    legacyStatusShas: commits.slice(0, LEGACY_COMMITS).map((c) => c.sha),
    oldRedSha: (commits[oldRed] as CommitRecord).sha,
    customers: customers.map((c) => c.id),
    canary,
    failingCustomer,
  };
  Object.assign(world.facts, facts);
  return { world, facts };
}

function pastBuild(world: World, random: Random, branch: string, commit: CommitRecord, at: number, reporting: BuildSpec['reporting'], failing?: { readonly task: 'lint' | 'integration'; readonly attempts: number }, timing: Timing = HISTORY_TIMING): void {
  world.createBuild(
    {
      repo: world.service,
      event: 'push',
      branch,
      commit: { sha: commit.sha, ref: `refs/heads/${branch}`, message: commit.message, committedAt: commit.committedAt },
      headSha: commit.sha,
      createdAt: at,
      createdBy: commit.author.login,
      reporting,
      jobs: serviceJobs('push', branch, commit.files.get('.travis.yml')?.match(/SDK_VERSION=(\S+)/)?.[1], failing),
      timing,
    },
    random,
  );
}

/** `count` increasing instants between `from` and `to`, at least a minute apart. */
function spread(random: Random, from: number, to: number, count: number): number[] {
  const points = Array.from({ length: count }, () => from + random.next() * (to - from)).sort((a, b) => a - b);
  for (let i = 1; i < points.length; i += 1) points[i] = Math.max(points[i] as number, (points[i - 1] as number) + MIN);
  return points.map((p) => Math.floor(p / 1000) * 1000);
}

function shuffle<T>(random: Random, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = random.int(0, i);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
