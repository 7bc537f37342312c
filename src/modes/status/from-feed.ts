import { travisStateToCi } from '../../domain/ci-verdict.js';
import type { CiState } from '../../domain/ci.js';
import { statusFacts, type EnvironmentFacts, type PromotionFacts, type UnreadPart } from '../../domain/status-verdict.js';
import type { StatusReport } from '../../format/status-text.js';
import type { FeedState } from '../../mirror/protocol.js';
import type { Loadable } from '../../store/state.js';
import { silentPpcs } from './unread.js';
import { verdictWithCode } from './verdict-code.js';

const dataOf = <T>(value: Loadable<T>): T | undefined => (value.status === 'loading' ? undefined : value.data);

/** A part the primary has not read, or whose last read failed (what it shows then may be stale). */
function unreadOf(value: Loadable<unknown>, what: string): UnreadPart[] {
  if (value.status === 'loading') return [{ source: 'github', what, why: 'the primary has not read it yet' }];
  if (value.status === 'error') return [{ source: 'github', what, why: `the primary's last read failed: ${value.message}` }];
  return [];
}

/**
 * The status glance from a mirror's snapshot: the primary's last reads, judged by the same rules as
 * `cockpit status` (statusFacts, statusVerdict). Nothing is read from GitHub, Travis or the sites. A part the
 * primary has not read yet, or could not read the last time, is "not read" (exit 3), as it would be if status could
 * not read it.
 */
export function statusFromFeed(feed: FeedState, now: number): StatusReport {
  const { from, to } = feed.checklist.playbook;
  const environments = dataOf(feed.environments);
  const candidates = dataOf(feed.candidates);
  const sources = (['github', 'travis', 'sites', 'ppcs'] as const).map((name) => feed.sources[name]);
  const isRead = (name: 'github' | 'travis') => feed.sources[name].state !== 'unknown';
  const { pull, prBuild, deployBuild } = feed.promotion;

  const prCi: CiState = prBuild ? travisStateToCi(prBuild.state) : 'pending';
  const promotions: PromotionFacts[] = pull ? [{ pull, ci: prCi }] : [];
  const latestGreen = candidates?.find((r) => r.isLatestGreen)?.commit.sha;
  const envFacts: EnvironmentFacts[] = (environments ?? []).map((status) => ({
    status,
    pushBuild: status.name === to ? (deployBuild ?? undefined) : undefined,
    ...(status.name === from ? { latestGreen } : {}),
  }));
  const ppcs = feed.rollout.ppcs;
  const unread = [...unreadOf(feed.environments, "the environments' heads, CI and pins"), ...unreadOf(feed.candidates, `the ${from} commits ${to} lacks and their CI`)];
  const silent = silentPpcs(ppcs.filter((p) => p.detail?.startsWith('unreachable')).map((p) => p.id));
  if (silent) unread.push(silent);
  if (pull && !isRead('travis')) unread.push({ source: 'travis', what: `pull request #${pull.number}'s build`, why: 'the primary has not read it yet' });
  const facts = statusFacts({ sources, environments: envFacts, promotions, ppcs, unread }, now);
  const windows = feed.meta.windows;

  return {
    repo: feed.meta.repo,
    now,
    environments,
    sites: (environments ?? []).map((env) => ({ name: env.name, branch: env.branch, site: env.site })),
    diffs: feed.diffs,
    promotion: {
      from,
      to,
      pull: isRead('github') ? pull : undefined,
      prBuild: isRead('travis') ? prBuild : undefined,
      deployBuild: isRead('travis') ? deployBuild : undefined,
    },
    candidates,
    // The revision the primary judged each PPC against (the release's, once a rollout started).
    fleet: ppcs.length > 0 ? { target: feed.rollout.target ?? ppcs.find((p) => p.target)?.target, ppcs } : undefined,
    windows: { timezone: feed.meta.timezone, nightly: new Date(windows?.nightly ?? now), weekly: new Date(windows?.weekly ?? now) },
    sources,
    quota: feed.quota,
    facts,
    verdict: verdictWithCode(facts),
  };
}
