import type { CiState } from './ci.js';
import type { Commit } from './commit.js';

/** The three pinned components a release moves. */
export interface Components {
  /** The service itself: the branch head sha. */
  readonly service: string;
  /** The PPC dependency's `revision` in Gopkg.lock; undefined when it could not be read. */
  readonly ppcRevision: string | undefined;
  /** The SDK version pinned in .travis.yml; undefined when it could not be read. */
  readonly sdkVersion: string | undefined;
  /** Why a component could not be read (a malformed file, a missing entry), for display. */
  readonly problems: readonly string[];
}

/** What an environment's live site reports. */
export interface SiteReport {
  /** The version (a sha, or a prefix of one) the site says it serves. */
  readonly version: string | undefined;
  readonly healthy: boolean;
  /** Why it is unhealthy or unreadable. */
  readonly detail?: string;
}

export interface EnvironmentStatus {
  readonly name: string;
  readonly branch: string;
  readonly head: Commit;
  readonly headCi: CiState;
  /** Why the head's CI could not be read ("no permission: needs Checks: read"); headCi is then 'none'. */
  readonly ciUnreadable?: string;
  readonly site: SiteReport;
  /** Whether the site serves the branch head (prefix match on sha). */
  readonly siteMatchesHead: boolean;
  readonly components: Components;
}

/** What `upper` (e.g. production) lacks that `lower` (e.g. staging) has. */
export interface EnvironmentDiff {
  readonly from: string;
  readonly to: string;
  /** Commits in `from` that `to` does not have. */
  readonly aheadBy: number;
  readonly behindBy: number;
  readonly ppc: { readonly from: string | undefined; readonly to: string | undefined; readonly changed: boolean };
  readonly sdk: { readonly from: string | undefined; readonly to: string | undefined; readonly changed: boolean };
}

/** Does a site's reported version name this sha? Sites often report a short sha. */
export function versionMatches(reported: string | undefined, sha: string): boolean {
  if (!reported) return false;
  const v = reported.trim().toLowerCase();
  return v.length >= 7 && sha.toLowerCase().startsWith(v);
}
