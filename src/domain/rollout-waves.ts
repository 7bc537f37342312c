/** A wave of the rollout: its customers in config order. */
export interface Wave {
  readonly name: string;
  readonly ids: readonly string[];
}

/** A configured wave (`Config['rollout']['waves']`): a list of customer ids, or none for "everyone else". */
export interface WaveConfig {
  readonly name: string;
  readonly customers?: readonly string[];
}

/**
 * The rollout's waves from the config, each in config order: the first configured wave (the canary) goes first.
 * A wave without `customers` takes everyone not named by an earlier wave; a customer named twice stays in the
 * first wave naming it. With no waves, one wave of everyone. Customers no wave takes (every wave names its own,
 * and some are left out) still have to be updated: they go last, in a wave of their own. Ids that name no
 * customer are ignored, and a wave left empty is dropped.
 */
export function resolveWaves(customers: readonly string[], waves: readonly WaveConfig[]): Wave[] {
  if (waves.length === 0) return customers.length > 0 ? [{ name: 'everyone', ids: [...customers] }] : [];
  const known = new Set(customers);
  const taken = new Set<string>();
  const out: Wave[] = [];
  for (const wave of waves) {
    const claimed = new Set(wave.customers ? wave.customers.filter((id) => known.has(id) && !taken.has(id)) : customers.filter((id) => !taken.has(id)));
    for (const id of claimed) taken.add(id);
    const ids = customers.filter((id) => claimed.has(id));
    if (ids.length > 0) out.push({ name: wave.name, ids });
  }
  const rest = customers.filter((id) => !taken.has(id));
  if (rest.length > 0) out.push({ name: 'not in any wave', ids: rest });
  return out;
}
