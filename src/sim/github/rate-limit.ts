/**
 * GitHub's primary limit for a token: 5000 an hour. The window runs on real time, because clients compare
 * `x-ratelimit-reset` with their own wall clock.
 */
export class RateLimit {
  readonly limit = 5000;
  private used = 0;
  private resetAt: number;

  constructor(private readonly realNow: () => number = () => Date.now()) {
    this.resetAt = this.seconds() + 3600;
  }

  spend(): void {
    this.roll();
    this.used += 1;
  }

  remaining(): number {
    this.roll();
    return Math.max(0, this.limit - this.used);
  }

  headers(): Record<string, string> {
    this.roll();
    return {
      'x-ratelimit-limit': String(this.limit),
      'x-ratelimit-remaining': String(this.remaining()),
      'x-ratelimit-used': String(this.used),
      'x-ratelimit-reset': String(this.resetAt),
      'x-ratelimit-resource': 'core',
    };
  }

  /** Headers of an exhausted limit that resets `afterSeconds` from now (the rate-limit fault). */
  exhaustedHeaders(afterSeconds: number): Record<string, string> {
    return {
      'x-ratelimit-limit': String(this.limit),
      'x-ratelimit-remaining': '0',
      'x-ratelimit-used': String(this.limit),
      'x-ratelimit-reset': String(this.seconds() + afterSeconds),
      'x-ratelimit-resource': 'core',
    };
  }

  private seconds(): number {
    return Math.floor(this.realNow() / 1000);
  }

  private roll(): void {
    if (this.seconds() >= this.resetAt) {
      this.used = 0;
      this.resetAt = this.seconds() + 3600;
    }
  }
}
