import { hashString } from '../random.js';

/** Where GitHub-shaped URLs point: the API under /github, the "web" pages under /web/github. */
export interface GithubLinks {
  readonly api: string;
  readonly web: string;
  /** Travis's web UI, for check-run details_url and status target_url. */
  readonly travisWeb: string;
}

export function githubLinks(baseUrl: string): GithubLinks {
  return { api: `${baseUrl}/github`, web: `${baseUrl}/web/github`, travisWeb: `${baseUrl}/web/travis` };
}

/** A stable numeric id for a login or any other name. */
export const idOf = (name: string): number => 100_000 + (hashString(name) % 9_000_000);

/** GitHub's node ids are opaque base64; this one is stable per kind and id. */
export const nodeId = (kind: string, id: number | string): string => Buffer.from(`0:${kind}${id}`).toString('base64').replace(/=+$/, '');

export const DOCS = 'https://docs.github.com/rest';
