import { afterAll, beforeAll } from 'vitest';
import { startSim, type SimHandle, type SimOptions } from '../../src/sim/index.js';

/**
 * Starts one demo world for the test file (beforeAll) and closes it (afterAll). Call the returned getter inside
 * tests or hooks. Each file gets its own sim on an ephemeral port.
 */
export function useSim(options: SimOptions = {}): () => SimHandle {
  let handle: SimHandle | undefined;
  beforeAll(async () => {
    handle = await startSim(options);
  });
  afterAll(async () => {
    await handle?.close();
  });
  return () => {
    if (!handle) throw new Error('the sim is not started yet: call the getter inside a test or hook');
    return handle;
  };
}

/** Jumps the sim clock forward (instead of sleeping). Works for a sim in another process too, given its URL. */
export async function advanceSim(sim: SimHandle | string, ms: number): Promise<void> {
  if (typeof sim !== 'string') {
    sim.clock.advance(ms);
    return;
  }
  const res = await fetch(`${sim}/_sim/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceMs: ms }) });
  if (!res.ok) throw new Error(`advancing the sim clock failed: ${res.status}`);
}

/** Injects a fault (see POST /_sim/faults); returns the rule as the sim stored it. */
export async function injectFault(url: string, rule: Record<string, unknown>): Promise<Record<string, unknown>> {
  const res = await fetch(`${url}/_sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(rule) });
  if (!res.ok) throw new Error(`injecting a fault failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

export async function clearFaults(url: string): Promise<void> {
  await fetch(`${url}/_sim/faults`, { method: 'DELETE' });
}

/** GET /_sim/state: branches, pulls, builds, sites, PPCs and the scenario's `facts`. */
export async function simState(url: string): Promise<Record<string, unknown>> {
  return (await (await fetch(`${url}/_sim/state`)).json()) as Record<string, unknown>;
}
