// A cockpit under benchmark, in a process of its own: wired exactly as `cockpit run` wires it (services, the
// release's journal and lease, the store, every poller, the engine, the real <App> rendered by Ink), against a
// demo world in another process, driven by the keys a person presses. Forked by figures 5 and 6; it says what
// happened over IPC and exits.
//
// Options (the first IPC message): url, speed, compress (the whole process on the world's clock), concurrency,
// perRequest, columns, rows, jumpBudget (jump the world over Travis's hour), untilSimMs (run at least this long
// in world time), baselineSimMs (when to take the memory baseline, in world time), sampleMs, maxRealMs, stateDir.
import { real, worldClock, compressTime } from './rollout-clock.mjs';
import { BenchKeyboard, BenchTerminal } from './rollout-terminal.mjs';
import { driveRelease } from './rollout-driver.mjs';
import { memorySampler } from './rollout-memory.mjs';

const unhandled = [];
const uncaught = [];
process.on('unhandledRejection', (reason) => unhandled.push(describe(reason)));
process.on('uncaughtException', (error) => uncaught.push(describe(error)));
const say = (message) => process.send?.(message);
const log = (line) => say({ type: 'log', line });

function describe(value) {
  return value instanceof Error ? `${value.name}: ${value.message}` : String(value);
}

const options = await new Promise((resolve) => process.once('message', resolve));
let report;
try {
  report = { type: 'result', result: await run(options) };
} catch (error) {
  report = { type: 'error', error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}
// Exits on its own (a CPU profile is written on the way out); the parent kills it only if it hangs.
process.send?.(report, () => process.exit(0));

async function run(o) {
  const clock = await worldClock(o.url, o.speed);
  if (o.compress) compressTime(clock);
  // Imported only now: with time compressed, every module sees the world's clock from its first line.
  const dist = (path) => import(new URL(`../../../dist/${path}`, import.meta.url).href);
  const [{ configSchema }, { currentIndex }, { WEEKLY_PLAYBOOK }, { createEngine, WATCH_MS, RATE_LIMIT_WAIT_MS }, { startPollers }, { createServices }, { createCockpitStore }, { openReleaseSession }, { render }, { createElement }, { App }] =
    await Promise.all([
      dist('config/schema.js'),
      dist('domain/checklist.js'),
      dist('domain/weekly-playbook.js'),
      dist('engine/engine.js'),
      dist('pollers/start-pollers.js'),
      dist('services/index.js'),
      dist('store/create-cockpit-store.js'),
      dist('modes/release/session.js'),
      import('ink'),
      import('react'),
      dist('ui/app.js'),
    ]);

  const base = configSchema.parse(await (await fetch(`${o.url}/_sim/config`)).json());
  const config = {
    ...base,
    ppcs: { ...base.ppcs, trigger: { ...base.ppcs.trigger, per_request: o.perRequest } },
    rollout: { ...base.rollout, concurrency: o.concurrency },
  };
  // Without compression only the rollout's own cadences follow the world, through the engine's seams for exactly
  // this (its watch of update builds, its wait for Travis's budget); the refresh loops and the 1 s clock tick keep
  // their real cadences. With it, the process's clock is the world's already and every cadence keeps its value.
  const now = o.compress ? Date.now : clock.now;
  const scaled = (ms) => (o.compress ? ms : Math.max(1, Math.round(ms / o.speed)));
  const services = createServices(config, {});
  const release = await openReleaseSession({
    config,
    services,
    playbook: WEEKLY_PLAYBOOK,
    mode: 'demo',
    stateDir: o.stateDir,
    takeOver: false,
    secrets: [],
    now: Date.now,
  });
  const store = createCockpitStore({
    playbook: WEEKLY_PLAYBOOK,
    now: now(),
    meta: { mode: release.mode, releaseId: release.id, releaseName: release.name, repo: config.service.repo, roles: config.roles, timezone: config.schedule.timezone },
  });
  release.attach(store);
  const pollers = startPollers(store, services, config, { now });
  const notes = [];
  const engine = createEngine({
    store,
    services,
    config,
    now,
    notify: (kind, text) => notes.push(`${kind}: ${text}`),
    refresh: (what) => void pollers.refresh(what),
    watchMs: scaled(WATCH_MS),
    rateLimitWaitMs: scaled(RATE_LIMIT_WAIT_MS),
    ...(release.journal ? { journal: release.journal } : {}),
  });
  release.begin({ engine, pollers });

  const terminal = new BenchTerminal(o.columns, o.rows);
  const keyboard = new BenchKeyboard();
  const instance = render(createElement(App, { store, deps: { perform: (action) => release.perform(action), quit() {}, now } }), {
    stdout: terminal,
    stdin: keyboard,
    stderr: terminal,
    // Twelve frames a second of real time, as `cockpit run`: a compressed clock would otherwise make it more.
    maxFps: o.compress ? 12 / o.speed : 12,
    patchConsole: false,
    exitOnCtrlC: false,
  });

  const startedSim = now();
  const startedReal = real.now();
  const rollout = { startReal: undefined, startSim: undefined, endReal: undefined, endSim: undefined, jumpedBefore: 0, jumpedAfter: 0 };
  const ppcStep = () => store.getState().checklist.steps.find((s) => s.id === 'update-ppcs');
  let storeUpdates = 0;
  let mostInFlight = 0;
  let jumping = false;
  let jumps = 0;
  store.subscribe((s) => {
    storeUpdates += 1;
    const c = s.rollout.counts;
    mostInFlight = Math.max(mostInFlight, c.queued + c.updating + c.verifying);
    if (rollout.startReal !== undefined && rollout.endReal === undefined && ppcStep()?.status === 'done') {
      rollout.endReal = real.now();
      rollout.endSim = now();
      rollout.jumpedAfter = clock.jumped();
    }
    // Travis's hour is dead time for the cockpit and for the ideal alike: jump the world over it. The engine's own
    // wake-up for it is on a timer that knows nothing of the jump; a clock tick at once stands in for it.
    if (o.jumpBudget && !jumping && c.queued > 0 && c.updating + c.verifying + c.failed === 0 && ppcStep()?.status === 'running') {
      jumping = true;
      jumps += 1;
      void clock.jump(3_600_000).then(() => {
        jumping = false;
        store.getState().clockTicked(now());
      });
    }
  });

  const driver = driveRelease({
    store,
    keyboard,
    currentIndex,
    timers: { now: real.now, setImmediate: real.setImmediate, setInterval: real.setInterval, clearInterval: real.clearInterval },
    onKey: (key, state) => {
      const dialog = state.ui.dialog;
      if (key === 'y' && dialog?.kind === 'confirm' && dialog.action.type === 'update-ppcs' && rollout.startReal === undefined) {
        rollout.startReal = real.now();
        rollout.startSim = now();
        rollout.jumpedBefore = clock.jumped();
        log(`rollout confirmed at ${((rollout.startReal - startedReal) / 1000).toFixed(1)} s`);
      }
    },
  });

  const simElapsed = () => now() - startedSim - clock.jumped();
  const memory = memorySampler({ at: () => ({ real: real.now() - startedReal, sim: simElapsed() }), sleep: (ms) => new Promise((resolve) => real.setTimeout(resolve, ms)) });
  let baseline;
  let settling = false;
  const isComplete = () => currentIndex(store.getState().checklist.steps) === -1;
  let reported = 0;
  const sampler = real.setInterval(() => {
    // Every ten minutes of world time, where the release stands: a soak that hangs says where.
    if (o.compress && simElapsed() >= reported + 600_000) {
      reported += 600_000;
      const s = store.getState();
      const c = s.rollout.counts;
      const at = currentIndex(s.checklist.steps);
      log(`${reported / 60_000} world minutes: step ${at + 1} ${s.checklist.steps[at]?.status ?? 'settled'}; PPCs ${c.done} done, ${c.queued + c.updating + c.verifying} moving, ${c.failed} failed; RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`);
    }
    if (o.baselineSimMs !== undefined && baseline === undefined && !settling && simElapsed() >= o.baselineSimMs) {
      settling = true;
      void memory.settled('baseline').then((entry) => (baseline = entry));
    } else memory.sample('tick');
  }, o.sampleMs ?? 1_000);

  await new Promise((resolve) => {
    const check = real.setInterval(() => {
      const waited = o.untilSimMs === undefined || simElapsed() >= o.untilSimMs;
      const realElapsed = real.now() - startedReal;
      if ((isComplete() && waited && (o.baselineSimMs === undefined || baseline)) || realElapsed > o.maxRealMs) {
        real.clearInterval(check);
        resolve();
      }
    }, 50);
  });
  real.clearInterval(sampler);
  const end = await memory.settled('end');
  driver.stop();

  const state = store.getState();
  const result = {
    complete: isComplete(),
    steps: state.checklist.steps.map((s) => `${s.id}:${s.status}${s.reason ? ` (${s.reason})` : ''}`),
    counts: state.rollout.counts,
    rollout,
    jumps,
    realMs: real.now() - startedReal,
    simMs: simElapsed(),
    startedSim,
    storeUpdates,
    mostInFlight,
    presses: driver.presses(),
    frames: terminal.frames,
    notes: notes.length,
    unhandled,
    uncaught,
    baseline,
    end,
    samples: memory.samples,
  };
  instance.unmount();
  engine.stop();
  pollers.stop();
  await release.stop();
  return result;
}
