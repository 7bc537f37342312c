/**
 * What `cockpit help COMMAND` and `COMMAND --help` say beyond the usage line: each flag's meaning and one
 * example a user can paste. Kept apart from cli.ts's parsing table so that table stays a table.
 */
export interface CommandDocs {
  readonly flags: Readonly<Record<string, string>>;
  readonly example: string;
}

const CONFIG = 'the configuration file (default: ./cockpit.yaml, then ~/.config/release-cockpit/cockpit.yaml)';
const MIRROR = 'serve a read-only mirror for the on-call secondary on HOST:PORT';
const TAKE_OVER = "take over a release whose primary's lease is stale (another cockpit crashed or lost its network)";

export const COMMAND_DOCS: Readonly<Record<string, CommandDocs>> = {
  run: {
    flags: { config: CONFIG, playbook: 'weekly (default), nightly, hotfix, or a playbook FILE', mirror: MIRROR, 'take-over': TAKE_OVER },
    example: 'cockpit run --config cockpit.yaml --playbook weekly',
  },
  demo: {
    flags: {
      config: "the team's own cockpit.yaml: the weekly world wears its environments, branches, pinned files, customers, waves and schedule (to rehearse the real checklist; no tokens needed)",
      scenario: 'weekly (default), nightly, hotfix, fleet or strict: the state the demo world starts in',
      playbook: 'the checklist to drive: weekly, nightly, hotfix or a playbook FILE',
      speed: 'how much faster than real time the demo world runs (default 1)',
      seed: 'the seed its random history grows from (default 1)',
      mirror: MIRROR,
      fresh: 'forget the demo journal and start over',
      'take-over': TAKE_OVER,
    },
    example: 'cockpit demo --scenario weekly --speed 20',
  },
  watch: { flags: { token: "the mirror's read token (or COCKPIT_MIRROR_TOKEN)" }, example: 'cockpit watch http://10.0.0.5:7070 --token "$COCKPIT_MIRROR_TOKEN"' },
  status: {
    flags: { config: CONFIG, json: 'print JSON instead of text', from: "read a running cockpit's mirror instead of GitHub and Travis", token: "the mirror's read token, with --from" },
    example: 'cockpit status --json | jq .verdict',
  },
  sim: {
    flags: {
      port: 'the port to listen on (default 0: any free one)',
      scenario: 'weekly (default), nightly, hotfix, fleet or strict',
      speed: 'how much faster than real time it runs',
      seed: 'the seed its random history grows from',
      config: "the team's own cockpit.yaml: the weekly world wears its environments, branches, pinned files, customers, waves and schedule",
      'config-out': 'write a cockpit.yaml that points at it',
    },
    example: 'cockpit sim --port 4010 --config-out sim.yaml',
  },
  report: { flags: { config: CONFIG }, example: 'cockpit report > release.md' },
  config: { flags: { config: CONFIG, playbook: 'also check a playbook: a name or a FILE' }, example: 'cockpit config check --config cockpit.yaml' },
  doctor: {
    flags: { config: CONFIG },
    example: 'cockpit doctor --config cockpit.yaml',
  },
  init: {
    flags: {
      repo: "the service repository as OWNER/NAME (default: this directory's git remote origin)",
      'api-url': 'the GitHub API root (default https://api.github.com; GitHub Enterprise: https://HOST/api/v3)',
      out: 'where to write the configuration (default ./cockpit.yaml; never overwrites)',
      yes: 'take every default and list them, as without a terminal (in one, init asks what the repository does not say)',
    },
    example: 'cockpit init --repo acme/service --out cockpit.yaml',
  },
  completion: { flags: {}, example: 'cockpit completion bash > /etc/bash_completion.d/cockpit' },
};
