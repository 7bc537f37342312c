import type { Config } from '../config/schema.js';
import { UsageError } from '../exit-codes.js';
import { createClock, type SimClock } from './clock.js';
import { simConfig } from './config.js';
import { controlRoutes } from './control.js';
import { Faults } from './faults.js';
import { githubRoutes } from './github/index.js';
import { RateLimit } from './github/rate-limit.js';
import { createRandom } from './random.js';
import { Router } from './router.js';
import { DEFAULT_SCENARIO, SCENARIOS, type Scenario } from './scenarios/index.js';
import { SimServer } from './server.js';
import { siteRoutes } from './sites.js';
import { StatsRecorder, type SimStats } from './stats.js';
import { travisRoutes } from './travis/routes.js';
import type { World } from './world/world.js';
import type { TeamShape } from './team.js';

export type { SimStats } from './stats.js';
export type { World } from './world/world.js';
export type { AcmeFacts } from './scenarios/history.js';
export { SCENARIOS, DEFAULT_SCENARIO } from './scenarios/index.js';
export { DELAYS, LIVE_TIMING } from './world/timings.js';
export { teamShapeOf, type TeamShape } from './team.js';

export interface SimOptions {
  /** 0 or undefined: an ephemeral port. */
  readonly port?: number;
  readonly scenario?: string;
  /** Sim time runs this many times faster than real time (default 1). */
  readonly speed?: number;
  /** Same seed, same world (default 1). */
  readonly seed?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Sim epoch milliseconds to start at (default: now, so commit ages look right at --speed 1). */
  readonly startAt?: number;
  /** A team's own environments, pinned files, customers, waves and schedule for the world to wear. */
  readonly team?: TeamShape;
}

export interface SimHandle {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  readonly url: string;
  /** A full cockpit config whose every URL points at this server. */
  readonly config: Config;
  readonly scenario: string;
  /** The world itself, for inspection in tests: `world.facts` holds the scenario's generated shas and names. */
  readonly world: World;
  readonly clock: SimClock;
  close(): Promise<void>;
  stats(): SimStats;
}

/**
 * The config a scenario's world would serve, without starting it: for checking a demo's flags (its playbook)
 * before a world process exists. Throws UsageError for an unknown scenario.
 */
export function scenarioConfig(scenarioName: string = DEFAULT_SCENARIO, seed = 1, team?: TeamShape): Config {
  const scenario = pickScenario(scenarioName, team);
  return simConfig(scenario.create({ random: createRandom(seed), now: Date.now(), ...(team ? { team } : {}) }), 'http://127.0.0.1:1');
}

function pickScenario(name: string, team: TeamShape | undefined): Scenario {
  const scenario = SCENARIOS[name];
  if (!scenario) throw new UsageError(`unknown scenario "${name}"; expected one of: ${Object.keys(SCENARIOS).join(', ')}`);
  if (team && !scenario.acceptsTeam) throw new UsageError(`--config works with the ${Object.values(SCENARIOS).filter((s) => s.acceptsTeam).map((s) => s.name).join(', ')} scenario, not "${name}"`);
  return scenario;
}

/** Starts the demo world on loopback. Throws UsageError for an unknown scenario or a bad number. */
export async function startSim(options: SimOptions = {}): Promise<SimHandle> {
  const scenarioName = options.scenario ?? DEFAULT_SCENARIO;
  const scenario = pickScenario(scenarioName, options.team);
  const speed = options.speed ?? 1;
  if (!Number.isFinite(speed) || speed <= 0) throw new UsageError(`speed must be a positive number, got ${speed}`);
  const seed = options.seed ?? 1;
  if (!Number.isSafeInteger(seed)) throw new UsageError(`seed must be an integer, got ${seed}`);
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new UsageError(`port must be an integer from 0 to 65535, got ${port}`);
  const host = options.host ?? '127.0.0.1';

  const random = createRandom(seed);
  const startAt = options.startAt ?? Math.floor(Date.now() / 1000) * 1000;
  const clock = createClock({ startAt, speed });
  const world = scenario.create({ random, now: startAt, ...(options.team ? { team: options.team } : {}) });
  const stats = new StatsRecorder();
  const faults = new Faults(random.fork('faults'));
  const rate = new RateLimit();
  const router = new Router();
  let url = '';
  let config: Config | undefined;
  const currentConfig = (): Config => {
    config ??= simConfig(world, url);
    return config;
  };
  githubRoutes(router, { world, stats });
  travisRoutes(router, { world, stats });
  siteRoutes(router, world);
  controlRoutes(router, { world, clock, faults, stats, rate, scenario: scenarioName, config: currentConfig });
  const server = new SimServer({ router, clock, faults, stats, rate, baseUrl: () => url, beforeAnswer: (now) => world.runDue(now) });
  let boundPort: number;
  try {
    boundPort = await server.listen(port, host);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UsageError(`port ${port} is already in use; pick another with --port, or 0 for any free port`);
    if (code === 'EACCES') throw new UsageError(`not allowed to listen on port ${port}; pick one above 1023`);
    throw error;
  }
  url = `http://${host.includes(':') ? `[${host}]` : host}:${boundPort}`;
  return {
    url,
    config: currentConfig(),
    scenario: scenarioName,
    world,
    clock,
    close: () => server.close(),
    stats: () => stats.snapshot(rate.remaining()),
  };
}
