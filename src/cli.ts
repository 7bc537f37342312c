import { parseArgs, type ParseArgsConfig } from 'node:util';
import { EXIT, NeedsHumanError, UsageError } from './exit-codes.js';
import { SourceError } from './domain/source.js';
import { applyColorPreference, commandHelp, packageVersion } from './cli-help.js';

/** What every mode gets: its parsed options and where to write. Streams are injectable for tests. */
export interface ModeContext {
  readonly values: Record<string, string | boolean | undefined>;
  readonly positionals: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
  readonly stdin: NodeJS.ReadStream;
}

type Options = NonNullable<ParseArgsConfig['options']>;

interface Command {
  readonly summary: string;
  readonly usage: string;
  readonly options: Options;
  /** Imported only when the command runs, so `status` never loads Ink. */
  readonly load: () => Promise<{ run: (ctx: ModeContext) => Promise<number> }>;
}

const config: Options = { config: { type: 'string', short: 'c' } };

const COMMANDS: Record<string, Command> = {
  run: {
    summary: "the on-call primary's interactive cockpit (the default)",
    usage: 'cockpit [run] [--config FILE] [--playbook weekly|nightly|hotfix|FILE] [--mirror HOST:PORT] [--take-over [--reason TEXT]]',
    options: { ...config, playbook: { type: 'string' }, mirror: { type: 'string' }, 'take-over': { type: 'boolean' }, reason: { type: 'string' } },
    load: () => import('./modes/run.js'),
  },
  demo: {
    summary: 'the cockpit against a built-in simulated world: no credentials, no network',
    usage: 'cockpit demo [--scenario weekly|nightly|hotfix|fleet | --config FILE] [--playbook NAME|FILE] [--speed N] [--seed N] [--mirror HOST:PORT] [--fresh] [--take-over]',
    options: {
      ...config,
      scenario: { type: 'string' },
      playbook: { type: 'string' },
      speed: { type: 'string' },
      seed: { type: 'string' },
      mirror: { type: 'string' },
      fresh: { type: 'boolean' },
      'take-over': { type: 'boolean' },
    },
    load: () => import('./modes/demo.js'),
  },
  watch: {
    summary: "the on-call secondary's read-only mirror of the primary's cockpit (run --mirror)",
    usage: 'cockpit watch URL [--config FILE]  (token in COCKPIT_MIRROR_TOKEN, or --token-file FILE; --token TOKEN also works; --config is what T, the take-over, runs with)',
    options: { ...config, token: { type: 'string' }, 'token-file': { type: 'string' } },
    load: () => import('./modes/watch.js'),
  },
  status: {
    summary: 'one quick glance at the release, then exit (text or --json)',
    usage: 'cockpit status [--config FILE | --from URL [--token-file FILE | --token TOKEN]] [--json]',
    options: { ...config, json: { type: 'boolean' }, from: { type: 'string' }, token: { type: 'string' }, 'token-file': { type: 'string' } },
    load: () => import('./modes/status.js'),
  },
  sim: {
    summary: 'run the demo world alone and write a config that points at it',
    usage: 'cockpit sim [--port N] [--scenario NAME | --config FILE] [--speed N] [--seed N] [--config-out FILE]',
    options: { ...config, port: { type: 'string' }, scenario: { type: 'string' }, speed: { type: 'string' }, seed: { type: 'string' }, 'config-out': { type: 'string' } },
    load: () => import('./modes/sim.js'),
  },
  report: {
    summary: 'a release as Markdown from its journal: candidate, components, PR and builds, steps, PPCs',
    usage: 'cockpit report [RELEASE] [--config FILE]',
    options: config,
    load: () => import('./modes/report.js'),
  },
  config: {
    summary: 'validate the configuration and print a summary (cockpit config check)',
    usage: 'cockpit config check [--config FILE] [--playbook NAME|FILE]',
    options: { ...config, playbook: { type: 'string' } },
    load: () => import('./modes/config-check.js'),
  },
  doctor: {
    summary: 'check every source with the credentials the cockpit would use: one line each, with the fix',
    usage: 'cockpit doctor [--config FILE]',
    options: config,
    load: () => import('./modes/doctor.js'),
  },
  init: {
    summary: 'write a commented cockpit.yaml from what the GitHub repository shows',
    usage: 'cockpit init [--repo OWNER/NAME] [--api-url URL] [--out FILE] [--yes]',
    options: { repo: { type: 'string' }, 'api-url': { type: 'string' }, out: { type: 'string' }, yes: { type: 'boolean', short: 'y' } },
    load: () => import('./modes/init.js'),
  },
  completion: {
    summary: 'print a shell completion script (bash, zsh or fish)',
    usage: 'cockpit completion bash|zsh|fish',
    options: {},
    load: () => import('./modes/completion.js'),
  },
};

/** Command names with their flags, for `cockpit completion`. */
export function commandTable(): Readonly<Record<string, Pick<Command, 'summary' | 'options'>>> {
  return COMMANDS;
}

export function helpText(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  const rows = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  const usages = Object.values(COMMANDS).map((c) => `  ${c.usage}`);
  return ['release-cockpit: run a weekly release from the terminal', '', 'Commands:', ...rows, '', 'Usage:', ...usages, '', 'Run `cockpit help COMMAND` for its flags and an example; `cockpit --version` for the version.', '', 'Exit codes: 0 green and idle, 8 in progress, 1 needs a human, 3 a source unreachable, 2 bad usage or config.', ''].join('\n');
}

/** Runs the command line and returns the exit code; never throws, never prints a stack trace. */
export async function main(argv: readonly string[], io: Partial<Pick<ModeContext, 'stdout' | 'stderr' | 'stdin' | 'env'>> = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const stdin = io.stdin ?? process.stdin;
  const env = io.env ?? process.env;
  applyColorPreference(env);
  if (argv[0] === '--version' || argv[0] === '-V' || argv[0] === 'version') {
    stdout.write(`release-cockpit ${packageVersion()}\n`);
    return EXIT.ok;
  }
  if (argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    const about = argv[0] === 'help' ? argv[1] : undefined;
    if (about === undefined) {
      stdout.write(helpText());
      return EXIT.ok;
    }
    const described = COMMANDS[about];
    if (!described) return report(new UsageError(`no command "${about}"; expected one of: ${Object.keys(COMMANDS).join(', ')}`), stderr);
    stdout.write(commandHelp(about, described as Parameters<typeof commandHelp>[1]));
    return EXIT.ok;
  }
  const named = argv[0] !== undefined && !argv[0].startsWith('-') ? argv[0] : undefined;
  const name = named ?? 'run';
  const command = COMMANDS[name];
  try {
    if (!command) throw new UsageError(`unknown command "${name}"; expected one of: ${Object.keys(COMMANDS).join(', ')} (see cockpit --help)`);
    const rest = named ? argv.slice(1) : argv;
    if (rest.includes('--help') || rest.includes('-h')) {
      stdout.write(commandHelp(name, command as Parameters<typeof commandHelp>[1]));
      return EXIT.ok;
    }
    const parsed = parseCommandLine(command, rest);
    const mode = await command.load();
    return await mode.run({ ...parsed, env, stdout, stderr, stdin });
  } catch (error) {
    return report(error, stderr);
  }
}

function parseCommandLine(command: Command, args: readonly string[]): Pick<ModeContext, 'values' | 'positionals'> {
  try {
    const { values, positionals } = parseArgs({ args: [...args], options: command.options, allowPositionals: true, strict: true });
    return { values: values as ModeContext['values'], positionals };
  } catch (error) {
    // parseArgs's own messages name the option; we add the usage line so the fix is one glance away.
    const message = error instanceof Error ? oneLine(error.message) : String(error);
    throw new UsageError(`${message}\nusage: ${command.usage}`);
  }
}

/** parseArgs's message as one line: its advice for a value starting with a dash, in our words. */
function oneLine(message: string): string {
  const [first = message] = message.split(/\n|\. To specify/);
  const dashed = /^Option '(--[\w-]+)' argument is ambiguous/.exec(first);
  if (dashed) return `${dashed[1]} needs a value, and one starting with a dash must be written ${dashed[1]}=VALUE (e.g. ${dashed[1]}=-1)`;
  return first.replace(/\.$/, '');
}

function report(error: unknown, stderr: NodeJS.WritableStream): number {
  if (error instanceof UsageError) {
    stderr.write(`cockpit: ${error.message}\n`);
    return EXIT.usage;
  }
  if (error instanceof NeedsHumanError) {
    stderr.write(`cockpit: ${error.message}\n`);
    return EXIT.needsHuman;
  }
  if (error instanceof SourceError) {
    stderr.write(`cockpit: ${error.source} unreachable: ${error.message}\n`);
    return EXIT.unreachable;
  }
  // Anything else is our bug: one line for the user; the stack only when they ask for it.
  const message = error instanceof Error ? error.message : String(error);
  stderr.write(`cockpit: unexpected error: ${message}\n`);
  if (process.env['COCKPIT_DEBUG'] && error instanceof Error && error.stack) stderr.write(`${error.stack}\n`);
  return EXIT.needsHuman;
}
