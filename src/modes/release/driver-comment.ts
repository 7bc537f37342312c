import { isLaterDriver, leaseComment, parseDriverComment, type DriverComment, type Lease, type TakeOver } from '../../journal/lease.js';
import type { Services } from '../../services/index.js';

type Comments = Pick<Services['github'], 'listComments' | 'addComment' | 'updateComment'>;

export interface FoundDriver extends DriverComment {
  readonly commentId: number;
  readonly user: string;
  readonly body: string;
}

/**
 * The release's driver comments on a PR, newest driver last. Normally there is one (it is edited in place);
 * more appear only where GitHub refused an edit of someone else's comment.
 */
export async function readDrivers(github: Pick<Comments, 'listComments'>, number: number, release: string): Promise<FoundDriver[]> {
  const comments = await github.listComments(number);
  const found = comments.flatMap((c) => {
    const parsed = parseDriverComment(c.body, release);
    return parsed ? [{ ...parsed, commentId: c.id, user: c.user, body: c.body }] : [];
  });
  return found.sort((a, b) => Date.parse(a.since) - Date.parse(b.since));
}

/** Who the PR says drives now: the driver comment naming the latest start. */
export async function readDriver(github: Pick<Comments, 'listComments'>, number: number, release: string): Promise<FoundDriver | undefined> {
  return (await readDrivers(github, number, release)).at(-1);
}

/**
 * Makes the PR's driver comment name `lease`: found by its marker and edited in place, posted only when there
 * is none (so an answer to the POST that got lost is found on the next look, never posted twice). Returns
 * what was done, or the later driver the comment names instead (then nothing is written: they took it over).
 */
export async function showDriver(github: Comments, number: number, lease: Lease, takeOver?: TakeOver): Promise<'posted' | 'updated' | 'unchanged' | { readonly later: FoundDriver }> {
  const drivers = await readDrivers(github, number, lease.release);
  const latest = drivers.at(-1);
  if (latest && isLaterDriver(latest, lease)) return { later: latest };
  const body = leaseComment(lease, takeOver);
  const own = [...drivers].reverse().find((d) => d.user === lease.driver) ?? latest;
  if (!own) {
    await github.addComment(number, body);
    return 'posted';
  }
  if (own.body === body) return 'unchanged';
  try {
    await github.updateComment(own.commentId, body);
    return 'updated';
  } catch (error) {
    // Someone else's comment this token may not edit: ours beside it, named by the same marker.
    if (own.user === lease.driver) throw error;
    await github.addComment(number, body);
    return 'posted';
  }
}
