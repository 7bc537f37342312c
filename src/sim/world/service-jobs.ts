import type { BuildEvent, ServiceTask } from './ci.js';
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
export function serviceJobs(event: BuildEvent, branch: string, sdkVersion: string | undefined, failing?: { readonly task: ServiceTask; readonly attempts: number }): JobSpec[] {
  const withImage = event === 'pull_request' || branch === 'staging' || branch === 'production';
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
      env: [`SDK_VERSION=${sdkVersion ?? 'unknown'}`],
    },
  }));
}

/** The SDK pin in a .travis.yml text, for job configs. */
export function sdkVersionIn(travisYml: string | undefined): string | undefined {
  return travisYml?.match(/SDK_VERSION=([^\s"']+)/)?.[1];
}
