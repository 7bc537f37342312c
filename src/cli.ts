import { parseArgs } from 'node:util';
import { EXIT, NeedsHumanError, UsageError } from './exit-codes.js';
import { SourceError } from './domain/source.js';
import { applyColorPreference, commandHelp, packageVersion } from './cli-help.js';
import { COMMANDS, type Command } from './modes/commands.js';
import type { ModeContext } from './modes/context.js';

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
