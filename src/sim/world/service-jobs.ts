import type { BuildEvent, ServiceTask } from './ci.js';
import type { TeamShape } from '../team.js';
import type { JobSpec } from './world.js';

const TASKS: readonly { readonly task: ServiceTask; readonly name: string; readonly script: string }[] = [
  { task: 'lint', name: 'lint', script: 'make lint' },
  { task: 'unit', name: 'unit tests', script: 'make test' },
  { task: 'integration', name: 'integration tests', script: 'make integration' },
  { task: 'image', name: 'docker image', script: 'make image' },
];

/**
 * The jobs .travis.yml expands to: three in the test stage, plus the docker image job on pull requests and on
 * the deploying branches (its `if:` condition). `failing` scripts a job to fail for that many attempts.
 */
export function serviceJobs(event: BuildEvent, branch: string, sdkVersion: string | undefined, failing?: { readonly task: ServiceTask; readonly attempts: number }, pins: Pins = ACME_PINS): JobSpec[] {
  const withImage = event === 'pull_request' || pins.deploying.includes(branch);
  return TASKS.filter((t) => t.task !== 'image' || withImage).map((t) => ({
    name: t.name,
    stage: 'test',
    kind: { type: 'service', task: t.task },
    ...(failing?.task === t.task ? { failAttempts: failing.attempts } : {}),
    config: {
      language: 'go',
      go: '1.21.x',
      os: 'linux',
      dist: 'jammy',
      name: t.name,
      stage: 'test',
      script: [t.script],
      env: [`${pins.variable}=${sdkVersion ?? 'unknown'}`],
    },
  }));
}

/** What a team's .travis.yml calls its SDK pin, and which branches deploy (the release's top two). */
export interface Pins {
  readonly variable: string;
  readonly deploying: readonly string[];
}

const ACME_PINS: Pins = { variable: 'SDK_VERSION', deploying: ['staging', 'production'] };

export function pinsOf(team: TeamShape): Pins {
  return { variable: team.sdk.variable, deploying: team.environments.slice(-2).map((e) => e.branch) };
}

/** The SDK pin in a commit's CI config (the team's file and variable), for job configs. */
export function sdkVersionIn(files: ReadonlyMap<string, string> | undefined, team?: TeamShape): string | undefined {
  const variable = team?.sdk.variable ?? 'SDK_VERSION';
  return files?.get(team?.sdk.file ?? '.travis.yml')?.match(new RegExp(`${variable}=([^\\s"']+)`))?.[1];
}
