import type { Config } from '../config/schema.js';
import type { SimClock } from './clock.js';
import type { Faults } from './faults.js';
import type { RateLimit } from './github/rate-limit.js';
import { bodyObject, json, noContent } from './http.js';
import type { Router } from './router.js';
import type { StatsRecorder } from './stats.js';
import type { ReviewRecord } from './world/pulls.js';
import { pushCommit } from './world/github-ops.js';
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

  /**
   * {"requestLimit": 3}: the repos' api_builds_rate_limit (Travis's default is 10 an hour).
   * {"state": "booting", "build": 12} or {"job": 34}: the API reports that state for it, as a newer or an
   * Enterprise Travis may report a state the cockpit does not know ({"state": null} clears it).
   */
  router.add('POST', '/_sim/travis', (req) => {
    const b = bodyObject(req.body);
    const limit = b['requestLimit'];
    if (limit !== undefined) {
      if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > 10_000) return bad('"requestLimit" must be a whole number from 1 to 10000');
      world.requestLimit = limit;
    }
    if (b['state'] !== undefined) {
      const key = typeof b['build'] === 'number' ? `build:${b['build']}` : typeof b['job'] === 'number' ? `job:${b['job']}` : undefined;
      if (!key) return bad('name a "build" or a "job" id for "state"');
      if (b['state'] === null) world.stateShown.delete(key);
      else if (typeof b['state'] === 'string' && b['state']) world.stateShown.set(key, b['state']);
      else return bad('"state" must be a state name or null');
    }
    return json(200, { requestLimit: world.requestLimit, states: Object.fromEntries(world.stateShown) });
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
    const commit = pushCommit(world, branch, typeof b['message'] === 'string' && b['message'] ? b['message'] : 'A later change', by, req.now, edits as Record<string, string> | undefined);
    return json(201, { sha: commit?.sha, branch });
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
