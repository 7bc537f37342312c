import type { Config } from '../config/schema.js';
import type { SimClock } from './clock.js';
import type { Faults } from './faults.js';
import type { RateLimit } from './github/rate-limit.js';
import { bodyObject, json, noContent } from './http.js';
import type { Router } from './router.js';
import type { StatsRecorder } from './stats.js';
import type { ReviewRecord } from './world/pulls.js';
import { branchMoved } from './world/github-ops.js';
import { RULES, applyRules } from './world/rules.js';
import { summarize } from './world/summary.js';
import type { World } from './world/world.js';

export interface ControlContext {
  readonly world: World;
  readonly clock: SimClock;
  readonly faults: Faults;
  readonly stats: StatsRecorder;
  readonly rate: RateLimit;
  readonly scenario: string;
  readonly config: () => Config;
}

const REVIEW_STATES: readonly ReviewRecord['state'][] = ['APPROVED', 'CHANGES_REQUESTED', 'COMMENTED', 'DISMISSED', 'PENDING'];
const bad = (message: string) => json(400, { error: message });

/** /_sim: what tests and people use to look at and steer the world from any process. */
export function controlRoutes(router: Router, ctx: ControlContext): void {
  const { world, clock } = ctx;
  router.add('GET', '/_sim/stats', () => json(200, ctx.stats.snapshot(ctx.rate.remaining())));
  router.add('GET', '/_sim/state', (req) => json(200, { scenario: ctx.scenario, speed: clock.speed, ...summarize(world, req.now), faults: ctx.faults.list() }));
  router.add('GET', '/_sim/config', () => json(200, ctx.config()));
  router.add('GET', '/_sim/clock', (req) => json(200, { now: new Date(req.now).toISOString(), nowMs: req.now, speed: clock.speed, startedAt: new Date(clock.startedAt).toISOString() }));
  router.add('POST', '/_sim/clock', (req) => {
    const ms = bodyObject(req.body)['advanceMs'];
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) return bad('"advanceMs" must be a non-negative number of milliseconds');
    clock.advance(ms);
    const now = clock.now();
    return json(200, { now: new Date(now).toISOString(), nowMs: now });
  });

  router.add('GET', '/_sim/rules', () => json(200, { rules: world.rules, known: RULES }));
  router.add('POST', '/_sim/rules', (req) => {
    const problem = applyRules(world.rules, req.body);
    return problem ? bad(problem) : json(200, { rules: world.rules });
  });

  router.add('GET', '/_sim/faults', () => json(200, { faults: ctx.faults.list() }));
  router.add('POST', '/_sim/faults', (req) => {
    const rule = ctx.faults.add(req.body);
    return typeof rule === 'string' ? bad(rule) : json(201, rule);
  });
  router.add('DELETE', '/_sim/faults', () => {
    ctx.faults.clear();
    return noContent();
  });

  /** {"site": "staging", "healthy": false} or {"ppc": "acme", "healthy": false}: a 503 until set back. */
  router.add('POST', '/_sim/health', (req) => {
    const b = bodyObject(req.body);
    if (typeof b['healthy'] !== 'boolean') return bad('"healthy" must be true or false');
    const site = typeof b['site'] === 'string' ? world.environments.find((e) => e.name === b['site']) : undefined;
    const ppc = typeof b['ppc'] === 'string' ? world.customers.find((c) => c.id === b['ppc']) : undefined;
    if (!site && !ppc) return bad('name a known "site" (environment) or "ppc" (customer id)');
    world.health.set(site ? `site:${site.name}` : `ppc:${ppc?.id}`, b['healthy']);
    return noContent();
  });

  /** Someone pushes a commit to a branch: its open pull requests follow (a new head, a new PR build). */
  router.add('POST', '/_sim/push', (req) => {
    const b = bodyObject(req.body);
    const branch = typeof b['branch'] === 'string' ? b['branch'] : '';
    const head = world.git.head(branch);
    if (!head) return bad('name an existing "branch"');
    const by = typeof b['user'] === 'string' && b['user'] ? b['user'] : 'priya-n';
    const edits = b['files'];
    if (edits !== undefined && (edits === null || typeof edits !== 'object' || Array.isArray(edits) || Object.values(edits).some((v) => typeof v !== 'string'))) return bad('"files" must map paths to their new content');
    // Changed tracked files: with rule mergeConflicts, a pull whose other side changed them too is "dirty".
    const files = edits ? new Map([...head.files, ...Object.entries(edits as Record<string, string>)]) : undefined;
    const changes = edits ? Object.keys(edits).map((filename) => ({ filename, status: 'modified' as const, additions: 1, deletions: 1 })) : undefined;
    const commit = world.commit({ parents: [head.sha], message: typeof b['message'] === 'string' && b['message'] ? b['message'] : 'A later change', author: by, at: req.now, ...(files ? { files } : {}), ...(changes ? { changes } : {}) });
    world.git.branches.set(branch, commit.sha);
    branchMoved(world, branch, req.now, by);
    return json(201, { sha: commit.sha, branch });
  });

  /** Someone reviews a pull request (the hotfix playbook waits for a manager's approval). */
  router.add('POST', '/_sim/pulls/:number/reviews', (req) => {
    const pull = world.pulls.get(Number(req.params['number']));
    if (!pull) return json(404, { error: 'no such pull request' });
    const b = bodyObject(req.body);
    const state = b['state'] ?? 'APPROVED';
    if (typeof b['user'] !== 'string' || !b['user']) return bad('"user" must be a login');
    if (!REVIEW_STATES.includes(state as ReviewRecord['state'])) return bad(`"state" must be one of ${REVIEW_STATES.join(', ')}`);
    const review: ReviewRecord = { id: world.nextReviewId, user: b['user'], state: state as ReviewRecord['state'], body: typeof b['body'] === 'string' ? b['body'] : '', commitId: pull.headSha, submittedAt: req.now };
    world.nextReviewId += 1;
    pull.reviews.push(review);
    pull.updatedAt = req.now;
    return json(201, review);
  });
}
