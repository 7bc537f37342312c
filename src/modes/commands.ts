import type { ParseArgsConfig } from 'node:util';
import type { ModeContext } from './context.js';

// The command table: each command's flags and the mode that runs it. cli.ts parses with it; completion
// prints it. It lives with the modes so that no mode imports cli.ts (README: "Who may import whom").

type Options = NonNullable<ParseArgsConfig['options']>;

export interface Command {
  readonly summary: string;
  readonly usage: string;
  readonly options: Options;
  /** Imported only when the command runs, so `status` never loads Ink. */
  readonly load: () => Promise<{ run: (ctx: ModeContext) => Promise<number> }>;
}

const config: Options = { config: { type: 'string', short: 'c' } };

export const COMMANDS: Record<string, Command> = {
  run: {
    summary: "the on-call primary's interactive cockpit (the default)",
    usage: 'cockpit [run] [--config FILE] [--playbook weekly|nightly|hotfix|FILE] [--mirror HOST:PORT] [--take-over [--reason TEXT]]',
    options: { ...config, playbook: { type: 'string' }, mirror: { type: 'string' }, 'take-over': { type: 'boolean' }, reason: { type: 'string' } },
    load: () => import('./run.js'),
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
    load: () => import('./demo.js'),
  },
  watch: {
    summary: "the on-call secondary's read-only mirror of the primary's cockpit (run --mirror)",
    usage: 'cockpit watch URL [--config FILE]  (token in COCKPIT_MIRROR_TOKEN, or --token-file FILE; --token TOKEN also works; --config is what T, the take-over, runs with)',
    options: { ...config, token: { type: 'string' }, 'token-file': { type: 'string' } },
    load: () => import('./watch.js'),
  },
  status: {
    summary: 'one quick glance at the release, then exit (text or --json)',
    usage: 'cockpit status [--config FILE | --from URL [--token-file FILE | --token TOKEN]] [--json]',
    options: { ...config, json: { type: 'boolean' }, from: { type: 'string' }, token: { type: 'string' }, 'token-file': { type: 'string' } },
    load: () => import('./status.js'),
  },
  sim: {
    summary: 'run the demo world alone and write a config that points at it',
    usage: 'cockpit sim [--port N] [--scenario NAME | --config FILE] [--speed N] [--seed N] [--config-out FILE]',
    options: { ...config, port: { type: 'string' }, scenario: { type: 'string' }, speed: { type: 'string' }, seed: { type: 'string' }, 'config-out': { type: 'string' } },
    load: () => import('./sim.js'),
  },
  report: {
    summary: 'a release as Markdown from its journal: candidate, components, PR and builds, steps, PPCs',
    usage: 'cockpit report [RELEASE] [--config FILE]',
    options: config,
    load: () => import('./report.js'),
  },
  config: {
    summary: 'validate the configuration and print a summary (cockpit config check)',
    usage: 'cockpit config check [--config FILE] [--playbook NAME|FILE]',
    options: { ...config, playbook: { type: 'string' } },
    load: () => import('./config-check.js'),
  },
  doctor: {
    summary: 'check every source with the credentials the cockpit would use: one line each, with the fix',
    usage: 'cockpit doctor [--config FILE]',
    options: config,
    load: () => import('./doctor.js'),
  },
  init: {
    summary: 'write a commented cockpit.yaml from what the GitHub repository shows',
    usage: 'cockpit init [--repo OWNER/NAME] [--api-url URL] [--out FILE] [--yes]',
    options: { repo: { type: 'string' }, 'api-url': { type: 'string' }, out: { type: 'string' }, yes: { type: 'boolean', short: 'y' } },
    load: () => import('./init.js'),
  },
  completion: {
    summary: 'print a shell completion script (bash, zsh or fish)',
    usage: 'cockpit completion bash|zsh|fish',
    options: {},
    load: () => import('./completion.js'),
  },
};

/** Command names with their flags, for `cockpit completion`. */
export function commandTable(): Readonly<Record<string, Pick<Command, 'summary' | 'options'>>> {
  return COMMANDS;
}

