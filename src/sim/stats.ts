/** What the sim has been asked and has done, for tests and benchmarks (GET /_sim/stats). */
export interface SimStats {
  /** Request counts keyed by "METHOD /route/pattern" (e.g. "GET /github/repos/:owner/:repo/git/ref/*"). */
  readonly requests: Readonly<Record<string, number>>;
  /** GitHub 304 answers (they do not spend rate limit). */
  readonly notModified: number;
  readonly prsCreated: number;
  readonly merges: number;
  /** Accepted PUT /pulls/{n}/update-branch. */
  readonly branchUpdates: number;
  readonly refsCreated: number;
  /** Update jobs requested per customer id. */
  readonly ppcTriggers: Readonly<Record<string, number>>;
  /** Accepted POST /repo/{slug}/requests. */
  readonly travisRequests: number;
  /** Requests answered with an injected fault. */
  readonly faultsInjected: number;
  readonly rateLimitRemaining: number;
}

export class StatsRecorder {
  readonly requests: Record<string, number> = {};
  notModified = 0;
  prsCreated = 0;
  merges = 0;
  branchUpdates = 0;
  refsCreated = 0;
  readonly ppcTriggers: Record<string, number> = {};
  travisRequests = 0;
  faultsInjected = 0;

  request(key: string): void {
    this.requests[key] = (this.requests[key] ?? 0) + 1;
  }

  ppcTrigger(customer: string): void {
    this.ppcTriggers[customer] = (this.ppcTriggers[customer] ?? 0) + 1;
  }

  snapshot(rateLimitRemaining: number): SimStats {
    return {
      requests: { ...this.requests },
      notModified: this.notModified,
      prsCreated: this.prsCreated,
      merges: this.merges,
      branchUpdates: this.branchUpdates,
      refsCreated: this.refsCreated,
      ppcTriggers: { ...this.ppcTriggers },
      travisRequests: this.travisRequests,
      faultsInjected: this.faultsInjected,
      rateLimitRemaining,
    };
  }
}
