import { statSync } from 'node:fs';
import { notAFile } from '../text-file.js';
import { isAbsolute, join, resolve } from 'node:path';
import { UsageError } from '../exit-codes.js';

export interface LocateOptions {
  /** The `--config FILE` value, if given; relative to `cwd`. */
  readonly flag?: string | undefined;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly home: string;
  /** Whether a regular file exists at the path; the file system unless a test says otherwise. */
  readonly isFile?: (path: string) => boolean;
}

const NAMES = ['cockpit.yaml', 'cockpit.yml'] as const;

function fileExists(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function kindOf(path: string): string | undefined {
  try {
    return notAFile(statSync(path));
  } catch {
    return undefined;
  }
}

/** The user's config directory for us, per the XDG base directory spec (a relative XDG_CONFIG_HOME is ignored). */
export function userConfigDir(env: NodeJS.ProcessEnv, home: string): string {
  const xdg = env['XDG_CONFIG_HOME'];
  return join(xdg && isAbsolute(xdg) ? xdg : join(home, '.config'), 'release-cockpit');
}

/**
 * Where the config is: `--config FILE` if given, else `cockpit.yaml` (or `.yml`) in the working directory,
 * else in the user's config directory. Throws a UsageError saying where it looked when there is none.
 */
export function locateConfig(options: LocateOptions): string {
  const isFile = options.isFile ?? fileExists;
  if (options.flag !== undefined) {
    const path = resolve(options.cwd, options.flag);
    if (isFile(path)) return path;
    // A directory or /dev/null is there, just not a config: "not found" would send the user looking elsewhere.
    const kind = kindOf(path);
    throw new UsageError(kind ? `the config file ${path} ${kind} (given with --config)` : `config file not found: ${path} (given with --config)`);
  }
  const dirs = [options.cwd, userConfigDir(options.env, options.home)];
  for (const dir of dirs) {
    for (const name of NAMES) {
      const path = join(dir, name);
      if (isFile(path)) return path;
    }
  }
  const looked = dirs.map((dir) => `    ${join(dir, NAMES[0])} (or ${NAMES[1]})`);
  throw new UsageError(
    [
      'no configuration found; looked for:',
      ...looked,
      '  Name one with --config FILE, or try the demo world: `cockpit sim --config-out cockpit.yaml`',
      '  runs it and writes a config that points at it (or `cockpit demo` runs everything in one go).',
    ].join('\n'),
  );
}
