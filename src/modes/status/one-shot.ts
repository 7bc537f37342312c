import type { Commit } from '../../domain/commit.js';
import type { Services } from '../../services/index.js';

/**
 * The services for one `cockpit status` run, where several reads ask GitHub the same question: each
 * distinct read is sent once (a sha's CI, a file at a sha, a site's version, a build list), and a branch head comes from the branch's
 * commit list when that list was asked for first. Only for a single glance: the refresh loops must see
 * changes, and rely on the services' conditional requests instead.
 */
export function oneShotServices(services: Services): Services {
  const memo = new Map<string, Promise<unknown>>();
  const once =
    <A extends unknown[], R>(name: string, fn: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> => {
      const key = `${name} ${JSON.stringify(args)}`;
      let hit = memo.get(key) as Promise<R> | undefined;
      if (!hit) {
        hit = fn(...args);
        memo.set(key, hit);
      }
      return hit;
    };
  const gh = services.github;
  const lists = new Map<string, Promise<Commit[]>>();
  const getHead = once('getHead', gh.getHead);
  const github: Services['github'] = {
    ...gh,
    listCommits: (branch: string, limit: number) => {
      const listed = once('listCommits', gh.listCommits)(branch, limit);
      if (!lists.has(branch)) lists.set(branch, listed);
      return listed;
    },
    getHead: (branch: string) => {
      const listed = lists.get(branch);
      return listed ? listed.then((commits) => commits[0] ?? getHead(branch)) : getHead(branch);
    },
    getCiSignals: once('getCiSignals', gh.getCiSignals),
    getFile: once('getFile', gh.getFile),
    compare: once('compare', gh.compare),
  };
  const probe: Services['probe'] = {
    readVersion: once('readVersion', services.probe.readVersion),
    checkHealth: once('checkHealth', services.probe.checkHealth),
  };
  const travis: Services['travis'] = { ...services.travis, listBuilds: once('listBuilds', services.travis.listBuilds) };
  return { github, travis, probe };
}
