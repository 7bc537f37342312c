import { z } from 'zod';

const repo = z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'expected "owner/name"');
const url = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' });
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a 24-hour time "HH:MM"');
const weekday = z.enum(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);
const shortDay = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
const login = z.string().min(1);

/** How an HTTP endpoint reports a version: a JSON field, or the whole (trimmed) text body. */
const versionReport = z.strictObject({
  format: z.enum(['json', 'text']).default('json'),
  /** Dotted path of the field in a JSON body. */
  field: z.string().min(1).default('version'),
});

const site = z.strictObject({
  url,
  format: z.enum(['json', 'text']).default('json'),
  field: z.string().min(1).default('version'),
  /** A separate health endpoint; without it, a readable version endpoint counts as healthy. */
  health_url: url.optional(),
});

const environment = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected a lower-case name like "staging"'),
  branch: z.string().min(1),
  site,
});

const customer = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-_.]*$/, 'expected a lower-case id like "acme"'),
  name: z.string().min(1).optional(),
  url,
  /** A maintenance window in the schedule's time zone; updates wait for it. `from` may be later than `to` (overnight). */
  window: z
    .strictObject({ days: z.array(shortDay).min(1).optional(), from: clock, to: clock })
    .optional(),
});

const wave = z.strictObject({
  name: z.string().min(1),
  /** Customer ids in this wave; a wave without them takes every customer not named by an earlier wave. */
  customers: z.array(z.string().min(1)).min(1).optional(),
});

export const configSchema = z.strictObject({
  service: z.strictObject({ repo }),
  github: z.strictObject({ api_url: url.default('https://api.github.com') }).default({ api_url: 'https://api.github.com' }),
  ci: z
    .strictObject({
      provider: z.literal('travis', 'only "travis" is supported').default('travis'),
      api_url: url.default('https://api.travis-ci.com'),
      web_url: url.default('https://app.travis-ci.com'),
    })
    .default({ provider: 'travis', api_url: 'https://api.travis-ci.com', web_url: 'https://app.travis-ci.com' }),
  /** Lowest first: testing, staging, production. Each promotes into the next. */
  environments: z.array(environment).min(2, 'expected at least two environments, lowest first'),
  components: z.strictObject({
    ppc: z.strictObject({ file: z.string().min(1).default('Gopkg.lock'), project: z.string().min(1) }),
    sdk: z.strictObject({ file: z.string().min(1).default('.travis.yml'), variable: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'expected an environment variable name like SDK_VERSION') }),
  }),
  schedule: z
    .strictObject({
      timezone: z.string().min(1).default('UTC'),
      nightly: clock.default('02:00'),
      weekly: z.strictObject({ day: weekday.default('tuesday'), time: clock.default('14:00') }).default({ day: 'tuesday', time: '14:00' }),
    })
    .default({ timezone: 'UTC', nightly: '02:00', weekly: { day: 'tuesday', time: '14:00' } }),
  roles: z.strictObject({ primary: login.optional(), secondary: login.optional() }).default({}),
  hotfix: z.strictObject({ approvers: z.array(login).default([]) }).default({ approvers: [] }),
  ppcs: z
    .strictObject({
      /** Updates run as Travis API requests on this repo, several customers per request. */
      trigger: z.strictObject({
        repo,
        branch: z.string().min(1).default('master'),
        per_request: z.number().int().min(1).max(100).default(5),
      }),
      version: versionReport.default({ format: 'json', field: 'revision' }),
      customers: z.array(customer).default([]),
    })
    .optional(),
  rollout: z
    .strictObject({
      concurrency: z.number().int().min(1).max(500).default(4),
      waves: z.array(wave).default([]),
    })
    .default({ concurrency: 4, waves: [] }),
  /** The read-only feed `run --mirror` serves to `cockpit watch`. */
  mirror: z
    .strictObject({
      /** More watchers than this are turned away (HTTP 503). */
      max_watchers: z.number().int().min(1).max(10_000).default(100),
    })
    .default({ max_watchers: 100 }),
});

export type Config = z.output<typeof configSchema>;
export type EnvironmentConfig = Config['environments'][number];
export type CustomerConfig = NonNullable<Config['ppcs']>['customers'][number];
