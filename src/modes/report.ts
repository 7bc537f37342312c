import { existsSync } from 'node:fs';
import type { ModeContext } from './context.js';
import { loadConfig } from '../config/load.js';
import { EXIT, UsageError } from '../exit-codes.js';
import { formatReport } from '../journal/report-md.js';
import { isReleaseId, releasesDir, stateDir } from '../journal/paths.js';
import { listReleaseFiles, readReleaseFile, type ReleaseFile } from '../journal/releases.js';

/**
 * `cockpit report [RELEASE] [--config FILE]`: a release as Markdown, from its journal. RELEASE is an id
 * (`2026-11-24-weekly`) or a journal file; without it, the latest release in the state directory. The config,
 * when there is one, only gives the time zone for clock times.
 */
export async function run(ctx: ModeContext): Promise<number> {
  if (ctx.positionals.length > 1) throw new UsageError(`expected at most one release, got ${ctx.positionals.length}: ${ctx.positionals.join(' ')}`);
  const timeZone = await reportZone(ctx);
  const dir = releasesDir(stateDir(ctx.env));
  const file = pick(ctx.positionals[0], dir);
  if (!file.snapshot) throw new UsageError(`${file.path} is not a release journal (it has no release line)`);
  const warnings = file.problems.map((p) => p.text);
  for (const warning of warnings) ctx.stderr.write(`cockpit: warning: ${file.path}: ${warning}\n`);
  ctx.stdout.write(formatReport(file.snapshot, { timeZone, now: Date.now(), warnings }));
  return EXIT.ok;
}

function pick(release: string | undefined, dir: string): ReleaseFile {
  if (release !== undefined && (release.endsWith('.jsonl') || release.includes('/'))) {
    if (!existsSync(release)) throw new UsageError(`no journal file ${release}`);
    return readReleaseFile(release);
  }
  const files = listReleaseFiles(dir).filter((f) => f.snapshot);
  if (release === undefined) {
    const latest = files.at(-1);
    if (!latest) throw new UsageError(`no release journal in ${dir} yet: "cockpit run" starts one`);
    return latest;
  }
  if (!isReleaseId(release)) throw new UsageError(`"${release}" is not a release id (like 2026-11-24-weekly) or a journal file`);
  const found = files.find((f) => f.id === release);
  if (found) return found;
  const known = files.slice(-5).map((f) => f.id);
  throw new UsageError(`no release "${release}" in ${dir}${known.length > 0 ? `; the latest: ${known.reverse().join(', ')}` : ''}`);
}

/** The team's time zone: from --config (which must then be valid), else from a config found the usual way, else UTC. */
async function reportZone(ctx: ModeContext): Promise<string> {
  const path = typeof ctx.values['config'] === 'string' ? ctx.values['config'] : undefined;
  try {
    return (await loadConfig({ path, cwd: process.cwd(), env: ctx.env })).config.schedule.timezone;
  } catch (error) {
    if (path !== undefined) throw error;
    return 'UTC';
  }
}
