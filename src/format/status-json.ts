/**
 * `cockpit status --json`: the same facts as the text, with stable snake_case keys. Schema version 1:
 *
 * {
 *   "schema": 1,
 *   "repo": "acme/service",
 *   "generated_at": ISO 8601,
 *   "exit_code": 0 | 1 | 3 | 8,
 *   "verdict": "ok" | "in_progress" | "needs_human" | "unreachable",
 *   "reasons": [string],                       // the sentences that decided the verdict
 *   "facts": { "unreachable": [string], "failures": [string], "in_progress": [string] },
 *   "sources": [{ "source": "github"|"travis"|"sites"|"ppcs", "state": "ok"|"degraded"|"down"|"unknown", "detail": string|null }],
 *   "github_quota": { "limit": int, "remaining": int, "reset_at": ISO } | null,
 *   "environments": [{                         // lowest first; null when GitHub could not be read
 *     "name", "branch",
 *     "head": { "sha", "headline", "author", "date" },
 *     "head_ci": "success"|"failure"|"pending"|"none",
 *     "site": { "version": string|null, "healthy": bool, "matches_head": bool, "detail": string|null },
 *     "components": { "service": sha, "ppc_revision": string|null, "sdk_version": string|null, "problems": [string] }
 *   }] | null,
 *   "sites": [{ "name", "branch", "version": string|null, "healthy": bool, "detail": string|null }],
 *                                              // what each site reports; read even when GitHub is not
 *   "diffs": [{ "from", "to", "ahead_by", "behind_by",      // what promoting `from` into `to` would change
 *               "ppc": { "from", "to", "changed" }, "sdk": { "from", "to", "changed" } }],
 *   "promotion": {
 *     "from": env name, "to": env name,
 *     "pull": { "number", "title", "url", "state", "merged", "head_ref", "head_sha", "base_ref", "created_at" } | null,
 *     "pr_build": build | null, "deploy_build": build | null,
 *     "read": { "github": bool, "travis": bool }  // false: that part could not be read (null above means unknown)
 *   },
 *   "candidate": {                             // null when not read; only commits `to` lacks count
 *     "branch": string,
 *     "head": { "sha", "headline", "ci" } | null,   // null when `to` already has the branch's head
 *     "latest_green": { "sha", "headline", "author", "date" } | null,
 *     "head_is_latest_green": bool,
 *     "newer_than_latest_green": int          // commits above the latest green (not promotable)
 *   } | null,
 *   "ppcs": { "target": string|null, "total": int, "counts": { pending, queued, updating, verifying, done, failed, skipped },
 *             "failed": [id], "not_answering": [id] } | null,   // null when the config lists no customers
 *   "windows": { "timezone": string, "nightly": ISO, "weekly": ISO }
 * }
 *
 * build = { "id", "number", "state" (Travis spelling), "event", "sha", "pull_request_number": int|null,
 *           "started_at": ISO|null, "finished_at": ISO|null, "url": string|null,
 *           "jobs": [{ "id", "number", "name", "state", "allow_failure", "started_at", "finished_at" }] }
 *
 * Keys are never removed or renamed within a schema version; new keys may be added.
 */
import type { Build } from '../domain/ci.js';
import { headline } from '../domain/commit.js';
import { countPpcs } from '../domain/ppc.js';
import type { StatusReport } from './status-text.js';

export const STATUS_SCHEMA = 1;

const VERDICT = { 0: 'ok', 8: 'in_progress', 1: 'needs_human', 3: 'unreachable' } as const;

/** The report as the JSON document above (an object; the caller stringifies it). */
export function statusJson(report: StatusReport): Record<string, unknown> {
  const { promotion: p } = report;
  const rows = report.candidates;
  const green = rows?.find((r) => r.isLatestGreen);
  const head = rows?.[0];
  return {
    schema: STATUS_SCHEMA,
    repo: report.repo,
    generated_at: new Date(report.now).toISOString(),
    exit_code: report.verdict.code,
    verdict: VERDICT[report.verdict.code],
    reasons: report.verdict.reasons,
    facts: { unreachable: report.facts.unreachable, failures: report.facts.failures, in_progress: report.facts.inProgress },
    sources: report.sources.map((s) => ({ source: s.source, state: s.state, detail: s.detail ?? null })),
    github_quota: report.quota ? { limit: report.quota.limit, remaining: report.quota.remaining, reset_at: new Date(report.quota.resetAt).toISOString() } : null,
    environments:
      report.environments?.map((e) => ({
        name: e.name,
        branch: e.branch,
        head: { sha: e.head.sha, headline: headline(e.head.message), author: e.head.author, date: e.head.date },
        head_ci: e.headCi,
        ...(e.ciUnreadable ? { head_ci_unreadable: e.ciUnreadable } : {}),
        site: { version: e.site.version ?? null, healthy: e.site.healthy, matches_head: e.siteMatchesHead, detail: e.site.detail ?? null },
        components: { service: e.components.service, ppc_revision: e.components.ppcRevision ?? null, sdk_version: e.components.sdkVersion ?? null, problems: e.components.problems },
      })) ?? null,
    sites: report.sites.map((x) => ({ name: x.name, branch: x.branch, version: x.site.version ?? null, healthy: x.site.healthy, detail: x.site.detail ?? null })),
    diffs: report.diffs.map((d) => ({
      from: d.from,
      to: d.to,
      ahead_by: d.aheadBy,
      behind_by: d.behindBy,
      ppc: { from: d.ppc.from ?? null, to: d.ppc.to ?? null, changed: d.ppc.changed },
      sdk: { from: d.sdk.from ?? null, to: d.sdk.to ?? null, changed: d.sdk.changed },
    })),
    promotion: {
      from: p.from,
      to: p.to,
      pull: p.pull
        ? {
            number: p.pull.number,
            title: p.pull.title,
            url: p.pull.url,
            state: p.pull.state,
            merged: p.pull.merged,
            head_ref: p.pull.headRef,
            head_sha: p.pull.headSha,
            base_ref: p.pull.baseRef,
            created_at: p.pull.createdAt,
          }
        : null,
      pr_build: p.prBuild ? buildJson(p.prBuild) : null,
      deploy_build: p.deployBuild ? buildJson(p.deployBuild) : null,
      read: { github: p.pull !== undefined, travis: p.deployBuild !== undefined },
    },
    candidate: rows
      ? {
          branch: p.from,
          head: head ? { sha: head.commit.sha, headline: headline(head.commit.message), ci: head.ci } : null,
          latest_green: green ? { sha: green.commit.sha, headline: headline(green.commit.message), author: green.commit.author, date: green.commit.date } : null,
          head_is_latest_green: head?.isLatestGreen ?? false,
          newer_than_latest_green: green ? rows.indexOf(green) : rows.length,
        }
      : null,
    ppcs: report.fleet
      ? {
          target: report.fleet.target ?? null,
          total: report.fleet.ppcs.length,
          counts: countPpcs(report.fleet.ppcs),
          failed: report.fleet.ppcs.filter((x) => x.state === 'failed').map((x) => x.id),
          not_answering: report.fleet.ppcs.filter((x) => x.detail?.startsWith('unreachable')).map((x) => x.id),
        }
      : null,
    windows: { timezone: report.windows.timezone, nightly: report.windows.nightly.toISOString(), weekly: report.windows.weekly.toISOString() },
  };
}

function buildJson(b: Build): Record<string, unknown> {
  return {
    id: b.id,
    number: b.number,
    state: b.state,
    event: b.event,
    sha: b.sha,
    pull_request_number: b.pullRequestNumber,
    started_at: b.startedAt,
    finished_at: b.finishedAt,
    url: b.url ?? null,
    jobs: b.jobs.map((j) => ({ id: j.id, number: j.number, name: j.name, state: j.state, allow_failure: j.allowFailure, started_at: j.startedAt, finished_at: j.finishedAt })),
  };
}
