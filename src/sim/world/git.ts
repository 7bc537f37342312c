/** A person as git and GitHub know them. */
export interface Person {
  readonly name: string;
  readonly email: string;
  readonly login: string;
}

/** A file touched by a commit, for compare's `files` (the tracked files below hold real content). */
export interface FileChange {
  readonly filename: string;
  readonly status: 'added' | 'modified' | 'removed';
  readonly additions: number;
  readonly deletions: number;
}

export interface CommitRecord {
  readonly sha: string;
  readonly treeSha: string;
  readonly parents: readonly string[];
  readonly message: string;
  readonly author: Person;
  readonly committer: Person;
  readonly authoredAt: number;
  readonly committedAt: number;
  /** A full snapshot of the files the sim serves through contents (Gopkg.lock, .travis.yml, ...). */
  readonly files: ReadonlyMap<string, string>;
  readonly changes: readonly FileChange[];
}

export interface Comparison {
  readonly status: 'ahead' | 'behind' | 'identical' | 'diverged';
  /** Commits in head missing from base, oldest first. */
  readonly ahead: readonly CommitRecord[];
  readonly behindBy: number;
  readonly mergeBase: CommitRecord | undefined;
}

const SHA = /^[0-9a-f]{7,40}$/i;

/** An in-memory git repository: immutable commits, movable branches. */
export class GitRepo {
  readonly commits = new Map<string, CommitRecord>();
  readonly branches = new Map<string, string>();
  private readonly ancestry = new Map<string, ReadonlySet<string>>();

  constructor(
    readonly owner: string,
    readonly name: string,
    readonly defaultBranch: string,
  ) {}

  get fullName(): string {
    return `${this.owner}/${this.name}`;
  }

  add(commit: CommitRecord): CommitRecord {
    for (const p of commit.parents) if (!this.commits.has(p)) throw new Error(`unknown parent ${p}`);
    this.commits.set(commit.sha, commit);
    return commit;
  }

  /** A branch name, a full sha or a unique abbreviated sha (7+ hex), as GitHub resolves `{ref}`. */
  resolve(ref: string): CommitRecord | undefined {
    const bare = ref.replace(/^refs\/heads\//, '').replace(/^heads\//, '');
    const branchSha = this.branches.get(bare);
    if (branchSha) return this.commits.get(branchSha);
    if (!SHA.test(ref)) return undefined;
    const lower = ref.toLowerCase();
    const exact = this.commits.get(lower);
    if (exact) return exact;
    const hits = [...this.commits.keys()].filter((sha) => sha.startsWith(lower));
    return hits.length === 1 ? this.commits.get(hits[0] as string) : undefined;
  }

  head(branch: string): CommitRecord | undefined {
    const sha = this.branches.get(branch);
    return sha ? this.commits.get(sha) : undefined;
  }

  /** Every commit reachable from `sha`, itself included. Commits never change, so this is memoised. */
  ancestors(sha: string): ReadonlySet<string> {
    const known = this.ancestry.get(sha);
    if (known) return known;
    const seen = new Set<string>();
    const stack = [sha];
    while (stack.length > 0) {
      const s = stack.pop() as string;
      if (seen.has(s)) continue;
      seen.add(s);
      for (const p of this.commits.get(s)?.parents ?? []) stack.push(p);
    }
    this.ancestry.set(sha, seen);
    return seen;
  }

  /** `git log` order: newest committer date first. */
  log(sha: string): CommitRecord[] {
    return this.sortNewestFirst(this.ancestors(sha));
  }

  compare(baseSha: string, headSha: string): Comparison {
    const base = this.ancestors(baseSha);
    const head = this.ancestors(headSha);
    const ahead = [...head].filter((s) => !base.has(s));
    const behindBy = [...base].filter((s) => !head.has(s)).length;
    const common = [...head].filter((s) => base.has(s));
    const mergeBase = this.sortNewestFirst(new Set(common))[0];
    const status = ahead.length === 0 && behindBy === 0 ? 'identical' : behindBy === 0 ? 'ahead' : ahead.length === 0 ? 'behind' : 'diverged';
    return { status, ahead: this.sortNewestFirst(new Set(ahead)).reverse(), behindBy, mergeBase };
  }

  private sortNewestFirst(shas: ReadonlySet<string>): CommitRecord[] {
    const list = [...shas].map((s) => this.commits.get(s)).filter((c): c is CommitRecord => c !== undefined);
    // A parent is never newer than its child here, and ties keep insertion order, which is creation order.
    const order = new Map([...this.commits.keys()].map((s, i) => [s, i]));
    return list.sort((a, b) => b.committedAt - a.committedAt || (order.get(b.sha) ?? 0) - (order.get(a.sha) ?? 0));
  }
}
