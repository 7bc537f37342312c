import type { Random } from '../random.js';
import type { Timing } from '../world/ci.js';
import { gopkgLock, gopkgToml, otherProjects, readme, serviceTravisYml } from '../world/files.js';
import { GitRepo, type CommitRecord } from '../world/git.js';
import { pinsOf, sdkVersionIn, serviceJobs } from '../world/service-jobs.js';
import { HISTORY_TIMING } from '../world/timings.js';
import { triggerRequest } from '../world/travis-ops.js';
import { World, type BuildSpec } from '../world/world.js';
import { ACME_TEAM, type TeamShape } from '../team.js';
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
 * With a team's shape, the same history wears the team's names: its lowest environment's branch plays master,
 * its top two play staging and production, its pinned files, customers and waves replace acme's.
 */
export function buildAcmeWorld(random: Random, now: number, team: TeamShape = ACME_TEAM): { world: World; facts: AcmeFacts } {
  const h = random.fork('history');
  const envs = team.environments;
  const productionEnv = envs.at(-1) as TeamShape['environments'][number];
  const stagingEnv = envs.at(-2) as TeamShape['environments'][number];
  const lower = envs.slice(0, -2);
  const taken = new Set(envs.map((e) => e.branch));
  // With only two environments, master's commits still need a branch of their own.
  const dev = lower[0]?.branch ?? (taken.has('master') ? 'develop' : 'master');
  const ppcFile = team.ppc.file;
  const sdkFile = team.sdk.file;
  const travisPins = { variable: team.sdk.variable, branches: [...new Set([dev, ...envs.map((e) => e.branch)])], deploying: pinsOf(team).deploying };
  const stagingCount = h.int(6, 14);
  const masterCount = h.int(3, 6);
  const ppcOld = h.hex(40);
  const ppcNew = h.hex(40);
  const others = otherProjects(h);
  const lockOld = gopkgLock({ revision: ppcOld, version: 'v2.14.0', digest: `1:${h.hex(64)}` }, others, team.ppc.project);
  const lockNew = gopkgLock({ revision: ppcNew, version: 'v2.15.0', digest: `1:${h.hex(64)}` }, others, team.ppc.project);
  const git = new GitRepo('acme', 'service', dev);
  const serviceId = 25_000_000 + h.int(0, 900_000);
  const world = new World({
    random: random.fork('runtime'),
    git,
    service: { id: serviceId, slug: 'acme/service', defaultBranch: dev, headSha: '', headMessage: '' },
    fleet: { id: serviceId + 17, slug: 'acme/ppc-fleet', defaultBranch: 'master', headSha: h.hex(40), headMessage: 'Pin acme-sdk to 0.11.3 in the update job' },
    environments: [],
    customers: [],
    ciBranches: new Set(travisPins.branches),
    protectedBranches: new Set([stagingEnv.branch, productionEnv.branch]),
    people: [...AUTHORS, ...STAFF],
    roles: { primary: 'dana-w', secondary: 'eli-r' },
    approvers: ['maria-s'],
    waves: [],
    ids: { pull: 300 + h.int(0, 120), build: 81_000_000 + h.int(0, 900_000), job: 560_000_000 + h.int(0, 9_000_000), request: 7_000_000 + h.int(0, 900_000), buildNumber: 3_000 + h.int(0, 2_000), fleetBuildNumber: 600 + h.int(0, 300) },
  });

  world.team = team;
  const pool = shuffle(h, CHANGES);
  const nextChange = (): Change => pool.shift() ?? { message: 'Small fixes', files: ['internal/api/util.go'] };
  const ppcBumpAt = h.int(0, stagingCount - 3);
  const sdkBumpAt = (ppcBumpAt + 1 + h.int(0, stagingCount - 4)) % (stagingCount - 2);
  let files = new Map([
    [sdkFile, serviceTravisYml('0.11.2', travisPins)],
    [ppcFile, lockOld],
    [ppcFile.endsWith('Gopkg.lock') ? ppcFile.replace(/Gopkg\.lock$/, 'Gopkg.toml') : 'Gopkg.toml', gopkgToml(team.ppc.project)],
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
    else if (i === ppcBumpAt) add(at, { message: `Bump ${team.ppc.project} to ${ppcNew.slice(0, 7)} (v2.15.0)`, files: [ppcFile, `vendor/${team.ppc.project}/client/client.go`] }, [ppcFile, lockNew]);
    else if (i === sdkBumpAt) add(at, { message: 'Update acme-sdk to 0.11.3', files: [sdkFile] }, [sdkFile, serviceTravisYml('0.11.3', travisPins)]);
    else add(at, nextChange());
  });
  const stagingHead = commits.at(-1) as CommitRecord;
  const stagingGreen = commits.at(-2) as CommitRecord;
  spread(h, now - 10 * HOUR, now - 25 * MIN, masterCount).forEach((at, i) => add(at, i === 0 ? FIX : nextChange()));
  const masterHead = commits.at(-1) as CommitRecord;
  git.branches.set(productionEnv.branch, productionHead.sha);
  git.branches.set(stagingEnv.branch, stagingHead.sha);
  for (const branch of new Set([dev, ...lower.map((e) => e.branch)])) git.branches.set(branch, masterHead.sha);

  // CI history: every commit was pushed to master; staging and production got push builds when promoted.
  const oldRed = h.int(3, PRODUCTION_COMMITS - 4);
  commits.forEach((c, i) => {
    const failing = c === stagingHead ? ({ task: 'integration', attempts: Number.MAX_SAFE_INTEGER } as const) : i === oldRed ? ({ task: 'lint', attempts: 1 } as const) : undefined;
    pastBuild(world, h, dev, c, c.committedAt + h.int(30, 180) * 1000, i < LEGACY_COMMITS ? 'status' : 'checks', failing);
  });
  pastBuild(world, h, productionEnv.branch, productionHead, now - 7 * DAY, 'checks');
  pastBuild(world, h, stagingEnv.branch, stagingGreen, Math.min(stagingGreen.committedAt + 40 * MIN, stagingHead.committedAt - MIN), 'checks');
  pastBuild(world, h, stagingEnv.branch, stagingHead, now - 12 * HOUR, 'checks', { task: 'integration', attempts: Number.MAX_SAFE_INTEGER });

  const environments = [
    ...lower.map((e) => ({ ...e, initialSha: masterHead.sha })),
    { ...stagingEnv, initialSha: stagingGreen.sha },
    { ...productionEnv, initialSha: productionHead.sha },
  ];
  world.environments = environments;
  const { customers, canary, failingCustomer } = team.customers.length > 0 ? teamFleet(world, h, team, ppcOld) : acmeFleet(world, h, ppcOld);

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

/** acme's twelve customers in three waves: initech the canary, three early adopters, everyone else. */
function acmeFleet(world: World, h: Random, revision: string): { customers: World['customers']; canary: string; failingCustomer: string } {
  const customers = CUSTOMERS.map((c) => ({ ...c, initialRevision: revision }));
  const canary = 'initech';
  const failingCustomer = h.pick(customers.filter((c) => c.id !== canary)).id;
  const early = shuffle(h, customers.filter((c) => c.id !== canary)).slice(0, 3).map((c) => c.id);
  world.customers = customers;
  world.waves = [{ name: 'canary', customers: [canary] }, { name: 'early adopters', customers: early }, { name: 'everyone else' }];
  return { customers, canary, failingCustomer };
}

/** A team's customers and waves; the one failing its first update is outside the first wave when it can be. */
function teamFleet(world: World, h: Random, team: TeamShape, revision: string): { customers: World['customers']; canary: string; failingCustomer: string } {
  const customers = team.customers.map((c) => ({ id: c.id, name: c.name, initialRevision: revision }));
  const first = team.waves[0]?.customers ?? [];
  const canary = first[0] ?? (customers[0] as (typeof customers)[number]).id;
  const later = customers.filter((c) => !first.includes(c.id));
  const failingCustomer = h.pick(later.length > 0 ? later : customers).id;
  world.customers = customers;
  world.waves = team.waves.map((w) => ({ name: w.name, ...(w.customers ? { customers: [...w.customers] } : {}) }));
  return { customers, canary, failingCustomer };
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
      jobs: serviceJobs('push', branch, sdkVersionIn(commit.files, world.team), failing, pinsOf(world.team)),
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
