import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import * as z from '../zod-mini.js';
import type { Playbook, StepDefinition } from '../domain/playbook.js';
import { stepOrderProblems } from '../domain/playbook-rules.js';
import { BUILT_IN_PLAYBOOK_NAMES, builtInPlaybook, builtInPlaybookNames } from '../domain/playbooks.js';
import { readsReviews } from '../domain/pull-lookup.js';
import { BUILT_IN_STEP_TYPES, builtInStep, type BuiltInStepType } from '../domain/step-catalogue.js';
import { weeklyWaitWindow, type WaitWindow } from '../domain/wait-until.js';
import { UsageError } from '../exit-codes.js';
import { LIMITS } from '../limits.js';
import { readTextFile } from '../text-file.js';
import type { Problem } from './problems.js';
import { clock, shortDay, type Config } from './schema.js';
import { closest } from './suggest.js';
import { parseYamlFile } from './yaml-file.js';

const stepId = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a lower-case id like "tell-support"'));
const text = () => z.optional(z.string().check(z.minLength(1)));

const step = z.strictObject({
  /** A built-in step, or `manual`: a step the user confirms, with the team's own words. */
  type: z.enum<readonly (BuiltInStepType | 'manual')[]>([...BUILT_IN_STEP_TYPES, 'manual']),
  id: z.optional(stepId),
  title: text(),
  who: text(),
  description: text(),
  /** What a `wait-until` step waits for: the weekly window, a customer's maintenance window, or a window of its own. */
  until: z.optional(
    z.union([
      z.literal('weekly-window'),
      z.strictObject({ customer: z.string().check(z.minLength(1)) }),
      z.strictObject({ days: z.optional(z.array(shortDay).check(z.minLength(1))), from: clock, to: clock }),
    ], 'expected weekly-window, { customer: ID } or { days, from, to }'),
  ),
});

/** A team's own playbook: an ordered list of the built-in steps and manual ones, between two environments. */
export const playbookFileSchema = z.strictObject({
  name: z.string().check(z.minLength(1), z.maxLength(80)),
  /** Environment names from the config; default: the two at the top (what the weekly release moves between). */
  from: text(),
  to: text(),
  steps: z.array(step).check(z.minLength(1)),
});

type PlaybookFile = z.output<typeof playbookFileSchema>;
type StepEntry = PlaybookFile['steps'][number];
/** What of a file can be checked while part of it is still wrong: the steps whose own shape is right, in place. */
type Salvaged = Omit<PlaybookFile, 'steps'> & { readonly steps: readonly (StepEntry | undefined)[] };

/** The parts of a file the schema refused as a whole that are right on their own, so every problem is said at once. */
function salvage(raw: unknown): Salvaged | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const r = raw as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  const steps = Array.isArray(r['steps']) ? r['steps'].map((s) => step.safeParse(s).data) : [];
  return { name: text(r['name']) ?? '', from: text(r['from']), to: text(r['to']), steps };
}

/** A manual step without an id is known by its title: "Tell support" -> "tell-support". */
function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'step';
}

/**
 * The built-in playbook a team's name would pass for, if any: its id in any case (`WEEKLY`), its title, "<id>
 * release", or the id of a second release the same day (`weekly-2`). Releases are found and named by these.
 */
function builtInClash(name: string): string | undefined {
  const own = slug(name);
  const titles = builtInPlaybookNames().map(slug);
  return BUILT_IN_PLAYBOOK_NAMES.find((id, i) => own === id || own === `${id}-release` || own === titles[i] || new RegExp(`^${id}-\\d+$`).test(own));
}

const idOf = (entry: StepEntry): string => entry.id ?? (entry.type === 'manual' ? slug(entry.title ?? '') : entry.type);

/** The environments a file's playbook moves between: as named, else the top two of the config. */
function environmentsOf(file: Pick<PlaybookFile, 'from' | 'to'>, config: Config): { readonly from: string; readonly to: string } {
  const names = config.environments.map((e) => e.name);
  return { from: file.from ?? names.at(-2) ?? '', to: file.to ?? names.at(-1) ?? '' };
}

/** What the schema cannot see: names of the config's environments, the order of the steps, approvers. */
function fileProblems(file: Salvaged, config: Config): Problem[] {
  const problems: Problem[] = [];
  const names = config.environments.map((e) => e.name);
  const clash = file.name ? builtInClash(file.name) : undefined;
  if (clash) problems.push({ path: ['name'], message: `"${file.name}" reads as the built-in ${clash} playbook's name (its releases are called YYYY-MM-DD-${clash}); give this one its own, so its releases are not mistaken for that one's` });
  for (const key of ['from', 'to'] as const) {
    const value = file[key];
    if (value === undefined || names.includes(value)) continue;
    const guess = closest(value, names);
    problems.push({ path: [key], message: `no environment named "${value}" in the config; expected one of ${names.join(', ')}${guess ? `; did you mean "${guess}"?` : ''}` });
  }
  const { from, to } = environmentsOf(file, config);
  if (names.includes(from) && names.includes(to) && names.indexOf(to) <= names.indexOf(from)) {
    problems.push({ path: [file.to !== undefined ? 'to' : 'from'], message: `"${to}" is not above "${from}" in the config's environments (${names.join(', ')}); a playbook moves a change up` });
  }
  file.steps.forEach((entry, i) => {
    if (!entry) return;
    if (entry.type === 'manual' && entry.title === undefined) problems.push({ path: ['steps', i, 'title'], message: 'missing; a manual step needs a title that says what to do' });
    problems.push(...untilProblems(entry, i, config));
    if (entry.type === 'await-approval' && config.hotfix.approvers.length === 0) {
      problems.push({ path: ['steps', i, 'type'], message: '"await-approval" needs someone who may approve: hotfix.approvers in the config is empty' });
    }
  });
  problems.push(...stepOrderProblems(file.steps.map((entry) => entry && { type: entry.type, id: idOf(entry) })));
  return problems;
}

/** A `wait-until` step names its window, and only it names one; a customer's must exist and have a window. */
function untilProblems(entry: StepEntry, i: number, config: Config): Problem[] {
  const path = ['steps', i, 'until'];
  if (entry.type !== 'wait-until') return entry.until === undefined ? [] : [{ path, message: `only a wait-until step waits for a window; "${entry.type}" takes no until` }];
  const { until } = entry;
  if (until === undefined) return [{ path, message: 'missing; a wait-until step needs a window: weekly-window, { customer: ID } or { days, from, to }' }];
  if (typeof until !== 'object' || !('customer' in until)) return [];
  const customers = config.ppcs?.customers ?? [];
  const customer = customers.find((c) => c.id === until.customer);
  if (!customer) {
    const guess = closest(until.customer, customers.map((c) => c.id));
    return [{ path: [...path, 'customer'], message: `no customer "${until.customer}" in the config's ppcs.customers${guess ? `; did you mean "${guess}"?` : ''}` }];
  }
  return customer.window ? [] : [{ path: [...path, 'customer'], message: `customer "${customer.id}" has no maintenance window in the config (ppcs.customers[].window)` }];
}

/** The window a checked `until` names, in the schedule's time zone. */
function waitWindowOf(until: NonNullable<StepEntry['until']>, config: Config): WaitWindow | undefined {
  if (until === 'weekly-window') return weeklyWaitWindow(config.schedule);
  if (!('customer' in until)) return { name: 'the window', window: until };
  const window = config.ppcs?.customers.find((c) => c.id === until.customer)?.window;
  return window && { name: `${until.customer}'s maintenance window`, window };
}

function stepOf(entry: StepEntry, envs: { readonly from: string; readonly to: string }, config: Config): StepDefinition {
  const words = { id: idOf(entry), ...(entry.title ? { title: entry.title } : {}), ...(entry.who ? { who: entry.who } : {}), ...(entry.description ? { description: entry.description } : {}) };
  const until = entry.until && waitWindowOf(entry.until, config);
  if (entry.type !== 'manual') return { ...builtInStep(entry.type, envs, words), ...(until ? { until } : {}) };
  return { id: words.id, type: 'manual', kind: 'manual', title: entry.title ?? words.id, who: entry.who ?? 'primary', description: entry.description ?? 'Press Enter once it is done.' };
}

/** Parses and validates a playbook file's text against the config it runs with; every problem names its field and line. */
export function parsePlaybook(text: string, path: string, config: Config): Playbook {
  const file = parseYamlFile(text, path, {
    schema: playbookFileSchema,
    noun: 'playbook',
    expects: 'a mapping with name and steps',
    check: ({ raw, parsed }) => {
      const file = parsed ?? salvage(raw);
      return { problems: file ? fileProblems(file, config) : [] };
    },
  });
  const envs = environmentsOf(file, config);
  return { name: file.name, id: slug(file.name).slice(0, 32).replace(/-+$/, ''), label: file.name, ...envs, steps: file.steps.map((entry) => stepOf(entry, envs, config)) };
}

/** Checks a built-in playbook can run with this config. */
function checkBuiltIn(playbook: Playbook, config: Config): Playbook {
  if (readsReviews(playbook) && config.hotfix.approvers.length === 0) {
    throw new UsageError(`the ${playbook.id} playbook waits for a manager's approval, and hotfix.approvers in the config names nobody; add the managers' GitHub logins there`);
  }
  return playbook;
}

/**
 * The playbook `--playbook VALUE` names: a built-in one (weekly, nightly, hotfix; weekly when not given) or a
 * team's own file, relative to `cwd`. Throws a UsageError that says what is wrong.
 */
export async function loadPlaybook(value: string | undefined, config: Config, cwd: string): Promise<Playbook> {
  const name = value ?? 'weekly';
  const builtIn = builtInPlaybook(name, config.environments.map((e) => e.name));
  if (typeof builtIn === 'string') throw new UsageError(builtIn);
  if (builtIn) return checkBuiltIn(builtIn, config);
  const path = resolve(cwd, name);
  if (!existsSync(path) && !/[./\\]/.test(name)) {
    const guess = closest(name, BUILT_IN_PLAYBOOK_NAMES);
    throw new UsageError(`unknown playbook "${name}"; expected ${BUILT_IN_PLAYBOOK_NAMES.join(', ')} or a playbook file${guess ? `; did you mean "${guess}"?` : ''}`);
  }
  const text = readTextFile(path, { what: 'playbook file', maxBytes: LIMITS.playbookBytes, strict: true });
  return parsePlaybook(text, path, config);
}
