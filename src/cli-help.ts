import { readFileSync } from 'node:fs';
import { COMMAND_DOCS } from './cli-docs.js';

/** The slice of cli.ts's command table that help and completion read. */
export interface CommandInfo {
  readonly summary: string;
  readonly usage: string;
  readonly options: Readonly<Record<string, { readonly type: 'string' | 'boolean'; readonly short?: string }>>;
}

/** `cockpit help COMMAND`: usage, summary, every flag with its meaning, and an example. */
export function commandHelp(name: string, command: CommandInfo): string {
  const docs = COMMAND_DOCS[name];
  const flags = Object.entries(command.options).map(([flag, o]) => {
    const left = `${o.short ? `-${o.short}, ` : '    '}--${flag}${o.type === 'string' ? ' VALUE' : ''}`;
    return { left, text: docs?.flags[flag] ?? '' };
  });
  const width = Math.max(0, ...flags.map((f) => f.left.length));
  const lines = [`usage: ${command.usage}`, '', `  ${command.summary}`, ''];
  if (flags.length > 0) lines.push('Flags:', ...flags.map((f) => `  ${f.left.padEnd(width)}  ${f.text}`.trimEnd()), '');
  lines.push(`  -h, --help${' '.repeat(Math.max(0, width - 10))}  this help`, '');
  if (docs) lines.push('Example:', `  ${docs.example}`, '');
  return lines.join('\n');
}

let version: string | undefined;

/** The package's version, read from the package.json above this file (dist/ or dist/bundle/ alike). */
export function packageVersion(): string {
  if (version) return version;
  for (const up of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'release-cockpit' && typeof pkg.version === 'string') return (version = pkg.version);
    } catch {
      // Not this one; try the next level up.
    }
  }
  return (version = 'unknown');
}

/**
 * NO_COLOR (no-color.org) for the Ink screens: chalk honours FORCE_COLOR but not NO_COLOR, so NO_COLOR becomes
 * FORCE_COLOR=0 before chalk loads. An explicit FORCE_COLOR wins: whoever set it asked for colour by name.
 */
export function applyColorPreference(env: NodeJS.ProcessEnv): void {
  if (env['NO_COLOR'] && env['FORCE_COLOR'] === undefined) env['FORCE_COLOR'] = '0';
}
