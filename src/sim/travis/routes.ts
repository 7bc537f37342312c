import { intParam, json, text, type SimRequest, type SimResponse } from '../http.js';
import type { Router } from '../router.js';
import type { StatsRecorder } from '../stats.js';
import { buildView, type BuildRecord, type JobRecord, type TravisRepo } from '../world/ci.js';
import { logText, visibleParts } from '../world/logs.js';
import { cancelBuild, cancelJob, restartBuild, restartJob, triggerRequest } from '../world/travis-ops.js';
import { WorldError, type World } from '../world/world.js';
import { HREF, buildMinimal, buildStandard, includesOf, jobStandard, pagination, repoMinimal, repoStandard, requestStandard } from './shapes.js';

export interface TravisContext {
  readonly world: World;
  readonly stats: StatsRecorder;
}

export function travisError(status: number, type: string, message: string, extra: Record<string, unknown> = {}): SimResponse {
  return json(status, { '@type': 'error', error_type: type, error_message: message, ...extra });
}

const notFound = (resource: string): SimResponse => travisError(404, 'not_found', `${resource} not found (or insufficient access)`, { resource_type: resource });
const split = (v: string | null): string[] | undefined => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined);

/** Travis CI API v3 under /travis. No ETags: Travis v3 has no conditional requests. */
export function travisRoutes(router: Router, ctx: TravisContext): void {
  const { world } = ctx;
  const withRepo = (fn: (req: SimRequest, repo: TravisRepo) => SimResponse) => (req: SimRequest): SimResponse => {
    const repo = world.travisRepo(req.params['slug'] ?? '');
    return repo ? fn(req, repo) : notFound('repository');
  };
  const withBuild = (fn: (req: SimRequest, build: BuildRecord) => SimResponse) => (req: SimRequest): SimResponse => {
    const build = world.build(Number(req.params['id']), req.now);
    return build ? fn(req, build) : notFound('build');
  };
  const withJob = (fn: (req: SimRequest, job: JobRecord, build: BuildRecord) => SimResponse) => (req: SimRequest): SimResponse => {
    const job = world.job(Number(req.params['id']), req.now);
    const build = job ? world.build(job.buildId, req.now) : undefined;
    return job && build ? fn(req, job, build) : notFound('job');
  };
  const refused = (error: unknown, resource: 'job' | 'build' = 'build'): SimResponse => {
    if (!(error instanceof WorldError)) throw error;
    if (error.code === 'request_limit') return travisError(429, 'request_limit_reached', 'request limit reached for resource', { max_requests: world.requestLimit, per_seconds: 3600 });
    if (error.code === 'validation') return travisError(400, 'wrong_params', error.message);
    if (error.code === 'not_found') return notFound('branch');
    const type = error.code === 'not_cancelable' ? `${resource}_not_cancelable` : error.code;
    return travisError(409, type, error.message);
  };

  router.add('GET', '/travis/repo/:slug', withRepo((_req, repo) => json(200, repoStandard(repo))));

  router.add('GET', '/travis/repo/:slug/builds', withRepo((req, repo) => {
    const branches = split(req.query.get('branch.name'));
    const events = split(req.query.get('build.event_type') ?? req.query.get('event_type'));
    const states = split(req.query.get('build.state') ?? req.query.get('state'));
    const sort = req.query.get('sort_by') ?? 'number:desc';
    const all = world
      .visibleBuilds(req.now)
      .filter((b) => b.repo === repo && (!branches || branches.includes(b.branch)) && (!events || events.includes(b.event)) && (!states || states.includes(buildView(b, req.now).state)));
    const desc = !sort.endsWith(':asc') && (sort.includes(':desc') || sort.startsWith('number') || sort.startsWith('id'));
    all.sort((a, b) => (desc ? b.id - a.id : a.id - b.id));
    const limit = intParam(req.query, 'limit', 25, 100, 1);
    const offset = intParam(req.query, 'offset', 0);
    const inc = includesOf(req.query);
    return json(200, {
      '@type': 'builds',
      '@href': `${req.path}${req.query.size ? `?${req.query}` : ''}`,
      '@representation': 'standard',
      '@pagination': pagination(`${HREF}/repo/${repo.id}/builds`, req.query, limit, offset, all.length),
      builds: all.slice(offset, offset + limit).map((b) => buildStandard(world, b, req.now, inc)),
    });
  }));

  router.add('GET', '/travis/repo/:slug/branch/:name', withRepo((req, repo) => {
    const name = req.params['name'] ?? '';
    const last = world.visibleBuilds(req.now).filter((b) => b.repo === repo && b.branch === name).at(-1);
    if (!last && !(repo === world.service && world.git.branches.has(name))) return notFound('branch');
    return json(200, { '@type': 'branch', '@href': `${HREF}/repo/${repo.id}/branch/${name}`, '@representation': 'standard', name, repository: repoMinimal(repo), default_branch: name === repo.defaultBranch, exists_on_github: true, last_build: last ? buildMinimal(world, last, req.now) : null });
  }));

  router.add('GET', '/travis/build/:id', withBuild((req, b) => json(200, buildStandard(world, b, req.now, includesOf(req.query)))));
  router.add('GET', '/travis/build/:id/jobs', withBuild((req, b) => json(200, { '@type': 'jobs', '@href': `${HREF}/build/${b.id}/jobs`, '@representation': 'standard', jobs: b.jobs.map((j) => jobStandard(b, j, req.now, includesOf(req.query), world.stateShown)) })));
  router.add('GET', '/travis/job/:id', withJob((req, j, b) => json(200, jobStandard(b, j, req.now, includesOf(req.query), world.stateShown))));

  router.add('GET', '/travis/job/:id/log.txt', withJob((req, j, b) => text(200, logText(b, j, req.now))));
  router.add('GET', '/travis/job/:id/log', withJob((req, j, b) => {
    const content = logText(b, j, req.now);
    // Travis has no log for a job that has not started: its log service answers "log not found".
    if (world.rules.noLogParts && visibleParts(b, j, req.now).parts.length === 0) return travisError(404, 'not_found', 'log not found');
    if ((req.headers.accept ?? '') === 'text/plain') return text(200, content);
    return json(200, { '@type': 'log', '@href': `${HREF}/job/${j.id}/log`, '@representation': 'standard', id: j.id + 1_000_000_000, content, log_parts: visibleParts(b, j, req.now).parts, '@raw_log_href': `${HREF}/v3/job/${j.id}/log.txt` });
  }));
  router.add('GET', '/travis/job/:id/log_parts', withJob((req, j, b) => {
    if (world.rules.noLogParts) return travisError(404, 'not_found', 'resource not found (or insufficient access)');
    const after = intParam(req.query, 'after', -1, Number.MAX_SAFE_INTEGER, -1);
    const withContent = req.query.get('content') !== 'false';
    const { parts, aggregated } = visibleParts(b, j, req.now);
    const shown = aggregated ? parts : parts.filter((p) => p.number > after);
    return json(200, { '@type': 'log_parts', log_parts: shown.map((p) => (withContent ? p : { number: p.number, final: p.final })) });
  }));

  const pending = (kind: 'job' | 'build', body: Record<string, unknown>, change: string): SimResponse => json(202, { '@type': 'pending', [kind]: body, state_change: change, resource_type: kind });
  router.add('POST', '/travis/job/:id/restart', withJob((req, j, b) => {
    try {
      restartJob(world, j, req.now);
      return pending('job', jobStandard(b, j, req.now, { jobConfig: false }), 'restart');
    } catch (e) {
      return refused(e, 'job');
    }
  }));
  router.add('POST', '/travis/job/:id/cancel', withJob((req, j, b) => {
    try {
      cancelJob(j, req.now);
      return pending('job', jobStandard(b, j, req.now, { jobConfig: false }), 'cancel');
    } catch (e) {
      return refused(e, 'job');
    }
  }));
  router.add('POST', '/travis/build/:id/restart', withBuild((req, b) => {
    try {
      restartBuild(world, b, req.now);
      return pending('build', buildMinimal(world, b, req.now), 'restart');
    } catch (e) {
      return refused(e);
    }
  }));
  router.add('POST', '/travis/build/:id/cancel', withBuild((req, b) => {
    try {
      cancelBuild(b, req.now);
      return pending('build', buildMinimal(world, b, req.now), 'cancel');
    } catch (e) {
      return refused(e);
    }
  }));

  router.add('POST', '/travis/repo/:slug/requests', withRepo((req, repo) => {
    try {
      const { request, remaining, customers } = triggerRequest(world, repo, req.body, req.now, world.viewer);
      ctx.stats.travisRequests += 1;
      for (const c of customers) ctx.stats.ppcTrigger(c);
      return json(202, {
        '@type': 'pending',
        remaining_requests: remaining,
        repository: repoMinimal(repo),
        request: { repository: { id: repo.id, owner_name: repo.slug.split('/')[0], name: repo.slug.split('/')[1] }, user: { id: 1 }, id: request.id, message: request.message, branch: request.branch, config: request.config, merge_mode: request.mergeMode },
        resource_type: 'request',
      });
    } catch (e) {
      return refused(e);
    }
  }));

  router.add('GET', '/travis/repo/:slug/requests', withRepo((req, repo) => {
    const all = world.requests.filter((r) => r.repo === repo && r.createdAt <= req.now).reverse();
    const limit = intParam(req.query, 'limit', 25, 100, 1);
    const offset = intParam(req.query, 'offset', 0);
    return json(200, {
      '@type': 'requests',
      '@href': `${HREF}/repo/${repo.id}/requests`,
      '@representation': 'standard',
      '@pagination': pagination(`${HREF}/repo/${repo.id}/requests`, req.query, limit, offset, all.length),
      requests: all.slice(offset, offset + limit).map((r) => requestStandard(world, r, req.now)),
    });
  }));

  router.add('GET', '/travis/repo/:slug/request/:id', withRepo((req, repo) => {
    const r = world.requests.find((x) => x.repo === repo && x.id === Number(req.params['id']) && x.createdAt <= req.now);
    return r ? json(200, requestStandard(world, r, req.now)) : notFound('request');
  }));
}
