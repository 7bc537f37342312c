import { guessEnvironments, pickPpcProject, pickSdkVariable, type EnvironmentGuess } from './init-guess.js';

/** What `cockpit init` read of the repository, before anyone was asked anything. */
export interface InitFindings {
  readonly defaultBranch: string;
  readonly branches: readonly string[];
  readonly ppcProjects: readonly string[];
  readonly sdkVariables: readonly string[];
  /** The branch Gopkg.lock and .travis.yml were read at (the top environment's). */
  readonly filesAt: string;
  /** The machine's IANA time zone, offered beside UTC (the caller reads it: this module has no clock). */
  readonly localZone?: string | undefined;
}

export interface InitChoice {
  readonly label: string;
  readonly value: string;
}

/** One question init asks in a terminal, for something the repository did not settle. */
export interface InitQuestion {
  readonly id: string;
  readonly title: string;
  /** Why it is asked: what init found, or did not. */
  readonly why: string;
  readonly choices: readonly InitChoice[];
  /** Preselected; Enter (or --yes, or no terminal) takes it. Always one of `choices`. */
  readonly defaultValue: string;
}

/** Question id -> the chosen value. A question without an entry takes its default. */
export type InitChoices = Readonly<Record<string, string>>;

export interface InitSchedule {
  readonly timezone: string;
  readonly nightly: string;
  readonly weekly: { readonly day: string; readonly time: string };
}

/** What the answers decide; the rest of the file comes from the repository or the demo world. */
export interface InitDecisions {
  readonly environments: readonly EnvironmentGuess[];
  readonly ppcProject: string;
  readonly sdkVariable: string;
  readonly schedule: InitSchedule;
  /** One line per decision that is a default no one chose (--yes, no terminal), for the file and the terminal. */
  readonly defaults: readonly string[];
}

const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const WEEKLY_TIMES = ['09:00', '10:00', '11:00', '13:00', '14:00', '15:00', '16:00'];
const NIGHTLY_TIMES = ['00:00', '01:00', '02:00', '03:00', '04:00', '05:00', '22:00', '23:00'];
const ZONES = ['UTC', 'Europe/London', 'Europe/Berlin', 'America/New_York', 'America/Chicago', 'America/Los_Angeles', 'Asia/Kolkata', 'Asia/Tokyo', 'Australia/Sydney'];
export const DEFAULT_SCHEDULE: InitSchedule = { timezone: 'UTC', nightly: '02:00', weekly: { day: 'tuesday', time: '14:00' } };
const FALLBACK_PPC = 'github.com/OWNER/ppc';
const FALLBACK_SDK = 'SDK_VERSION';

const plain = (values: readonly string[]): InitChoice[] => values.map((value) => ({ label: value, value }));
/** The choices with `value` among them, first when it is not one of the repository's own. */
function withDefault(values: readonly string[], value: string, missing: string): InitChoice[] {
  return values.includes(value) ? plain(values) : [{ label: `${value} (${missing})`, value }, ...plain(values)];
}

const envDefault = (f: InitFindings) => guessEnvironments(f.branches, f.defaultBranch);
const ppcDefault = (f: InitFindings) => pickPpcProject(f.ppcProjects) ?? f.ppcProjects[0] ?? FALLBACK_PPC;
const sdkDefault = (f: InitFindings) => pickSdkVariable(f.sdkVariables) ?? FALLBACK_SDK;
const named = (list: readonly string[], pattern: RegExp) => list.filter((x) => pattern.test(x));

/**
 * Asked first, since the pinned files are read at the top environment's branch: each environment's branch, when
 * the branch names did not say which is which.
 */
export function ladderQuestions(branches: readonly string[], defaultBranch: string): InitQuestion[] {
  const ladder = guessEnvironments(branches, defaultBranch);
  if (!ladder.guessed) return [];
  return ladder.environments.map((env) => ({
    id: `env:${env.name}`,
    title: `Which branch does ${env.name} deploy from?`,
    why: `No branch is named like ${env.name}; each environment promotes into the next, lowest first.`,
    choices: withDefault(branches, env.branch, 'no such branch yet'),
    defaultValue: env.branch,
  }));
}

/** The environments, the ladder's answers applied. */
export function chosenEnvironments(branches: readonly string[], defaultBranch: string, choices: InitChoices): EnvironmentGuess[] {
  return guessEnvironments(branches, defaultBranch).environments.map((e) => ({ name: e.name, branch: choices[`env:${e.name}`] ?? e.branch }));
}

/**
 * What to ask once the pinned files are read: the PPC project and the SDK variable when none or several look
 * like one, and the schedule, which no repository says.
 */
export function initQuestions(f: InitFindings): InitQuestion[] {
  const questions: InitQuestion[] = [];
  const ppcLike = named(f.ppcProjects, /ppc/i);
  if (f.ppcProjects.length > 0 && ppcLike.length !== 1) {
    questions.push({
      id: 'ppc',
      title: "Which Gopkg.lock project is the customers' PPC?",
      why: ppcLike.length ? `Several projects are named like a PPC: ${ppcLike.join(', ')}.` : 'No Gopkg.lock project is named like a PPC.',
      choices: plain(f.ppcProjects),
      defaultValue: ppcDefault(f),
    });
  }
  const sdkLike = named(f.sdkVariables, /SDK/);
  if (f.sdkVariables.length > 0 && sdkLike.length !== 1) {
    questions.push({
      id: 'sdk',
      title: 'Which .travis.yml env variable holds the SDK version?',
      why: sdkLike.length ? `Several variables name the SDK: ${sdkLike.join(', ')}.` : 'No .travis.yml env variable names the SDK.',
      choices: withDefault(f.sdkVariables, sdkDefault(f), 'not in .travis.yml'),
      defaultValue: sdkDefault(f),
    });
  }
  const zones = f.localZone && !ZONES.includes(f.localZone) ? [f.localZone, ...ZONES] : ZONES;
  questions.push(
    { id: 'timezone', title: 'Which time zone is the schedule in?', why: 'No repository says when the team releases.', choices: zones.map((z) => ({ label: z === f.localZone ? `${z} (this machine)` : z, value: z })), defaultValue: DEFAULT_SCHEDULE.timezone },
    { id: 'weekly-day', title: 'Which day is the weekly release?', why: 'The header counts down to the weekly window.', choices: plain(DAYS), defaultValue: DEFAULT_SCHEDULE.weekly.day },
    { id: 'weekly-time', title: 'At what time does the weekly release start?', why: 'In the time zone chosen above.', choices: plain(WEEKLY_TIMES), defaultValue: DEFAULT_SCHEDULE.weekly.time },
    { id: 'nightly', title: 'At what time is the nightly promotion?', why: 'In the same time zone.', choices: plain(NIGHTLY_TIMES), defaultValue: DEFAULT_SCHEDULE.nightly },
  );
  return questions;
}

/**
 * The decisions from the answers. `asked` says whether a person answered (a terminal): then nothing is a default
 * anyone must check; otherwise each default is listed, in the words init has always used.
 */
export function initDecisions(f: InitFindings, choices: InitChoices, asked: boolean): InitDecisions {
  const ladder = envDefault(f);
  const pick = (id: string, fallback: string) => choices[id] ?? fallback;
  const environments = chosenEnvironments(f.branches, f.defaultBranch, choices);
  const ppcProject = pick('ppc', ppcDefault(f));
  const sdkVariable = pick('sdk', sdkDefault(f));
  const schedule: InitSchedule = {
    timezone: pick('timezone', DEFAULT_SCHEDULE.timezone),
    nightly: pick('nightly', DEFAULT_SCHEDULE.nightly),
    weekly: { day: pick('weekly-day', DEFAULT_SCHEDULE.weekly.day), time: pick('weekly-time', DEFAULT_SCHEDULE.weekly.time) },
  };
  const defaults: string[] = [];
  if (!asked) {
    if (ladder.guessed) defaults.push(`environments testing/staging/production on ${environments.map((e) => e.branch).join(', ')}: the branches did not say`);
    if (!pickPpcProject(f.ppcProjects)) defaults.push(`components.ppc.project ${ppcProject}: no Gopkg.lock project named like a PPC at ${f.filesAt}`);
    if (!pickSdkVariable(f.sdkVariables)) defaults.push(`components.sdk.variable ${sdkVariable}: no SDK variable in .travis.yml at ${f.filesAt}`);
    defaults.push(`schedule: ${schedule.timezone}, nightly ${schedule.nightly}, weekly ${schedule.weekly.day} ${schedule.weekly.time}`);
  }
  return { environments, ppcProject, sdkVariable, schedule, defaults };
}
