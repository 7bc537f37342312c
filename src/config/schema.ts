import * as z from '../zod-mini.js';

const repo = z.string().check(z.regex(/^[\w.-]+\/[\w.-]+$/, 'expected "owner/name"'));
const url = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' });
export const clock = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a 24-hour time "HH:MM"'));
const weekday = z.enum(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);
export const shortDay = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
const nonEmpty = () => z.string().check(z.minLength(1));
const login = nonEmpty();

/** How an HTTP endpoint reports a version: a JSON field, or the whole (trimmed) text body. */
const versionReport = z.strictObject({
  format: z._default(z.enum(['json', 'text']), 'json'),
  /** Dotted path of the field in a JSON body. */
  field: z._default(nonEmpty(), 'version'),
});

const site = z.strictObject({
  url,
  format: z._default(z.enum(['json', 'text']), 'json'),
  field: z._default(nonEmpty(), 'version'),
  /** A separate health endpoint; without it, a readable version endpoint counts as healthy. */
  health_url: z.optional(url),
});

const environment = z.strictObject({
  name: z.string().check(z.regex(/^[a-z][a-z0-9-]*$/, 'expected a lower-case name like "staging"')),
  branch: nonEmpty(),
  site,
});

const customer = z.strictObject({
  id: z.string().check(z.regex(/^[a-z0-9][a-z0-9-_.]*$/, 'expected a lower-case id like "acme"')),
  name: z.optional(nonEmpty()),
  url,
  /** A maintenance window in the schedule's time zone; updates wait for it. `from` may be later than `to` (overnight). */
  window: z.optional(z.strictObject({ days: z.optional(z.array(shortDay).check(z.minLength(1))), from: clock, to: clock })),
});

const wave = z.strictObject({
  name: nonEmpty(),
  /** Customer ids in this wave; a wave without them takes every customer not named by an earlier wave. */
  customers: z.optional(z.array(nonEmpty()).check(z.minLength(1))),
});

export const configSchema = z.strictObject({
  service: z.strictObject({ repo }),
  github: z._default(z.strictObject({ api_url: z._default(url, 'https://api.github.com') }), { api_url: 'https://api.github.com' }),
  ci: z._default(
    z.strictObject({
      provider: z._default(z.literal('travis', 'only "travis" is supported'), 'travis'),
      api_url: z._default(url, 'https://api.travis-ci.com'),
      web_url: z._default(url, 'https://app.travis-ci.com'),
      /**
       * Checks that gate besides what GitHub's branch rules require: a check run's name or a status context,
       * optionally from one app (its slug), for pull requests, pushes or both (default both).
       */
      required: z._default(
        z.array(z.strictObject({ name: nonEmpty(), app: z.optional(nonEmpty()), on: z.optional(z.array(z.enum(['pull_request', 'push'])).check(z.minLength(1))) })),
        [],
      ),
      /** A head with no gating check reported after this many minutes: CI never started. */
      start_within_minutes: z._default(z.int().check(z.minimum(1), z.maximum(24 * 60)), 10),
    }),
    { provider: 'travis', api_url: 'https://api.travis-ci.com', web_url: 'https://app.travis-ci.com', required: [], start_within_minutes: 10 },
  ),
  /** Lowest first: testing, staging, production. Each promotes into the next. */
  environments: z.array(environment).check(z.minLength(2, 'expected at least two environments, lowest first')),
  components: z.strictObject({
    ppc: z.strictObject({ file: z._default(nonEmpty(), 'Gopkg.lock'), project: nonEmpty() }),
    sdk: z.strictObject({
      file: z._default(nonEmpty(), '.travis.yml'),
      variable: z.string().check(z.regex(/^[A-Z_][A-Z0-9_]*$/, 'expected an environment variable name like SDK_VERSION')),
    }),
  }),
  schedule: z._default(
    z.strictObject({
      timezone: z._default(nonEmpty(), 'UTC'),
      nightly: z._default(clock, '02:00'),
      weekly: z._default(z.strictObject({ day: z._default(weekday, 'tuesday'), time: z._default(clock, '14:00') }), { day: 'tuesday', time: '14:00' }),
    }),
    { timezone: 'UTC', nightly: '02:00', weekly: { day: 'tuesday', time: '14:00' } },
  ),
  roles: z._default(z.strictObject({ primary: z.optional(login), secondary: z.optional(login) }), {}),
  /** How the promotion PR is merged; without it, the first method the repository allows (merge, squash, rebase). */
  merge: z._default(z.strictObject({ method: z.optional(z.enum(['merge', 'squash', 'rebase'], 'expected "merge", "squash" or "rebase"')) }), {}),
  hotfix: z._default(z.strictObject({ approvers: z._default(z.array(login), []) }), { approvers: [] }),
  ppcs: z.optional(
    z.strictObject({
      /** Updates run as Travis API requests on this repo, several customers per request. */
      trigger: z.strictObject({
        repo,
        branch: z._default(nonEmpty(), 'master'),
        per_request: z._default(z.int().check(z.minimum(1), z.maximum(100)), 5),
        // The fleet repo's api_builds_rate_limit when it is not Travis's default; a 429's max_requests overrides it.
        hourly_limit: z.optional(z.int().check(z.minimum(1), z.maximum(10_000))),
      }),
      version: z._default(versionReport, { format: 'json', field: 'revision' }),
      customers: z._default(z.array(customer), []),
    }),
  ),
  rollout: z._default(
    z.strictObject({
      concurrency: z._default(z.int().check(z.minimum(1), z.maximum(500)), 4),
      waves: z._default(z.array(wave), []),
    }),
    { concurrency: 4, waves: [] },
  ),
  /** The read-only feed `run --mirror` serves to `cockpit watch`. */
  mirror: z._default(
    z.strictObject({
      /** More watchers than this are turned away (HTTP 503). */
      max_watchers: z._default(z.int().check(z.minimum(1), z.maximum(10_000)), 100),
    }),
    { max_watchers: 100 },
  ),
});

export type Config = z.output<typeof configSchema>;
export type EnvironmentConfig = Config['environments'][number];
export type CustomerConfig = NonNullable<Config['ppcs']>['customers'][number];
