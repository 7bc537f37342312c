import type { Components } from './environment.js';
import { readPpcRevision } from './gopkg-lock.js';
import { readSdkVersion } from './travis-env.js';

export { readPpcRevision } from './gopkg-lock.js';
export { readSdkVersion, envPairs } from './travis-env.js';

/** Where the components are pinned; `Config['components']` fits this shape. */
export interface ComponentsConfig {
  readonly ppc: { readonly file: string; readonly project: string };
  readonly sdk: { readonly file: string; readonly variable: string };
}

/**
 * The three components at one commit. `lockText`/`travisText` are the files' contents at `sha`, or
 * undefined when the file does not exist there (or could not be fetched); each unreadable pin adds one
 * sentence to `problems` and leaves its component undefined.
 */
export function componentsOf(
  sha: string,
  lockText: string | undefined,
  travisText: string | undefined,
  cfg: ComponentsConfig,
): Components {
  const problems: string[] = [];
  const at = sha.slice(0, 7);

  let ppcRevision: string | undefined;
  if (lockText === undefined) {
    problems.push(`${cfg.ppc.file} was not found at ${at}`);
  } else {
    const r = readPpcRevision(lockText, cfg.ppc.project, cfg.ppc.file);
    ppcRevision = r.revision;
    if (r.problem) problems.push(r.problem);
  }

  let sdkVersion: string | undefined;
  if (travisText === undefined) {
    problems.push(`${cfg.sdk.file} was not found at ${at}`);
  } else {
    const r = readSdkVersion(travisText, cfg.sdk.variable, cfg.sdk.file);
    sdkVersion = r.version;
    if (r.problem) problems.push(r.problem);
  }

  return { service: sha, ppcRevision, sdkVersion, problems };
}
