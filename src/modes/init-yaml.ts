import type { EnvironmentGuess } from '../domain/init-guess.js';
import type { InitSchedule } from '../domain/init-questions.js';

/** Everything init decided, and for each choice whether it was found in the repository or defaulted. */
export interface InitAnswers {
  readonly repo: string;
  readonly apiUrl: string;
  readonly ciApiUrl: string;
  readonly ciWebUrl: string;
  readonly environments: readonly (EnvironmentGuess & { readonly siteUrl: string; readonly healthUrl?: string })[];
  readonly ppcProject: string;
  readonly ppcProjects: readonly string[];
  readonly sdkVariable: string;
  readonly sdkVariables: readonly string[];
  readonly schedule: InitSchedule;
  readonly checks: readonly string[];
  readonly defaults: readonly string[];
}

const q = (s: string): string => JSON.stringify(s);

/** A cockpit.yaml with a comment on each part saying where its value came from and what to check. */
export function initYaml(a: InitAnswers, now: Date): string {
  const lines = [
    `# release-cockpit configuration, written by \`cockpit init\` on ${now.toISOString().slice(0, 10)} from ${a.repo}.`,
    '# Check it with `cockpit config check`, then try every source with `cockpit doctor`.',
    '# Tokens never go here: GITHUB_TOKEN (or `gh auth login`) and TRAVIS_TOKEN come from the environment.',
    ...(a.defaults.length ? ['#', '# Taken as defaults (nothing in the repository said otherwise); check each:', ...a.defaults.map((d) => `#   - ${d}`)] : []),
    '',
    'service:',
    `  repo: ${q(a.repo)}`,
    '',
    'github:',
    `  api_url: ${q(a.apiUrl)}`,
    '',
    `# ${a.checks.length ? `Check runs on the default branch come from: ${a.checks.join(', ')}.` : 'No check runs were found on the default branch.'}`,
    'ci:',
    '  provider: travis',
    `  api_url: ${q(a.ciApiUrl)}`,
    `  web_url: ${q(a.ciWebUrl)}`,
    '',
    '# Lowest first; each promotes into the next. Each site must say which version it serves.',
    'environments:',
    ...a.environments.flatMap((e) => [
      `  - name: ${e.name}`,
      `    branch: ${q(e.branch)}`,
      '    site:',
      `      url: ${q(e.siteUrl)}`,
      '      format: json',
      '      field: version',
      ...(e.healthUrl ? [`      health_url: ${q(e.healthUrl)}`] : []),
    ]),
    '',
    'components:',
    `  # Gopkg.lock's [[projects]]: ${a.ppcProjects.length ? a.ppcProjects.join(', ') : 'none found'}`,
    '  ppc:',
    '    file: Gopkg.lock',
    `    project: ${q(a.ppcProject)}`,
    `  # .travis.yml's env variables: ${a.sdkVariables.length ? a.sdkVariables.join(', ') : 'none found'}`,
    '  sdk:',
    '    file: .travis.yml',
    `    variable: ${a.sdkVariable}`,
    '',
    '# When the nightly promotion and the weekly release happen, in this time zone.',
    'schedule:',
    `  timezone: ${q(a.schedule.timezone)}`,
    `  nightly: ${q(a.schedule.nightly)}`,
    '  weekly:',
    `    day: ${a.schedule.weekly.day}`,
    `    time: ${q(a.schedule.weekly.time)}`,
    '',
    '# Customer PPCs (their Travis trigger repository, version endpoints and rollout waves) are not in the service',
    '# repository; add them as README\'s example shows when the release should roll out to customers:',
    '# ppcs:',
    '#   trigger: { repo: OWNER/FLEET, branch: master, per_request: 5 }',
    '#   customers:',
    '#     - { id: acme, url: "https://acme.example.com/ppc/version" }',
    '',
  ];
  return lines.join('\n');
}
