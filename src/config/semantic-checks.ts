import { IANAZone } from 'luxon';
import { isLoopbackUrl } from './loopback.js';
import { closest } from './suggest.js';
import type { ConfigPath, Problem } from './problems.js';

type Raw = Record<string, unknown>;

function record(value: unknown): Raw | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Raw) : undefined;
}

function list(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/**
 * Checks the schema cannot express, run on the raw document so that they are reported together with the
 * schema's own problems. Values of the wrong type are skipped here: the schema already complains about them.
 */
export function semanticProblems(raw: unknown): Problem[] {
  const root = record(raw);
  if (!root) return [];
  return [
    ...uniqueField(list(root['environments']), ['environments'], 'name', 'environment name'),
    ...uniqueField(list(root['environments']), ['environments'], 'branch', 'branch'),
    ...uniqueField(list(record(root['ppcs'])?.['customers']), ['ppcs', 'customers'], 'id', 'customer id'),
    ...uniqueField(list(record(root['rollout'])?.['waves']), ['rollout', 'waves'], 'name', 'wave name'),
    ...timezoneProblems(record(root['schedule'])?.['timezone']),
    ...waveProblems(root),
    ...plainHttpProblems(root, 'github', 'GitHub'),
    ...plainHttpProblems(root, 'ci', 'Travis'),
  ];
}

/** A token in clear text is a token anyone on the path can read: plain http only for the demo world on loopback. */
function plainHttpProblems(root: Raw, section: string, who: string): Problem[] {
  const url = record(root[section])?.['api_url'];
  if (typeof url !== 'string' || !/^http:\/\//i.test(url) || isLoopbackUrl(url)) return [];
  let host = url;
  try {
    host = new URL(url).host;
  } catch {
    return [];
  }
  return [{ path: [section, 'api_url'], message: `would send the ${who} token unencrypted (http://) to ${host}, which is not this machine; use https://` }];
}

function uniqueField(items: readonly unknown[], at: ConfigPath, field: string, what: string): Problem[] {
  const firstSeen = new Map<string, number>();
  const problems: Problem[] = [];
  items.forEach((item, i) => {
    const value = record(item)?.[field];
    if (typeof value !== 'string') return;
    const earlier = firstSeen.get(value);
    if (earlier === undefined) firstSeen.set(value, i);
    else problems.push({ path: [...at, i, field], message: `duplicate ${what} "${value}"; ${at.join('.')}[${earlier}] already uses it` });
  });
  return problems;
}

let zoneNames: readonly string[] | undefined;

function timezoneProblems(zone: unknown): Problem[] {
  if (typeof zone !== 'string' || zone === '' || IANAZone.isValidZone(zone)) return [];
  zoneNames ??= Intl.supportedValuesOf('timeZone');
  const guess = closest(zone, zoneNames);
  const hint = guess ? `did you mean "${guess}"?` : 'expected an IANA time zone like "Europe/Berlin" or "UTC"';
  return [{ path: ['schedule', 'timezone'], message: `unknown time zone ${JSON.stringify(zone)}; ${hint}` }];
}

function waveProblems(root: Raw): Problem[] {
  const rollout = record(root['rollout']);
  const waves = list(rollout?.['waves']);
  const customers = list(record(root['ppcs'])?.['customers'])
    .map((c) => record(c)?.['id'])
    .filter((id): id is string => typeof id === 'string');
  const known = new Set(customers);
  const placed = new Map<string, string>();
  const problems: Problem[] = [];
  waves.forEach((wave, w) => {
    const name = String(record(wave)?.['name'] ?? `#${w + 1}`);
    const members = record(wave)?.['customers'];
    if (members === undefined && w < waves.length - 1) {
      problems.push({ path: ['rollout', 'waves', w], message: `wave "${name}" lists no customers, so it takes all the rest; it must be the last wave` });
    }
    list(members).forEach((id, c) => {
      if (typeof id !== 'string') return;
      const path = ['rollout', 'waves', w, 'customers', c];
      if (!known.has(id)) {
        const guess = closest(id, customers);
        const hint = customers.length === 0 ? 'ppcs.customers lists none' : guess ? `did you mean "${guess}"?` : 'see ppcs.customers';
        problems.push({ path, message: `unknown customer "${id}"; ${hint}` });
      } else if (placed.has(id)) {
        problems.push({ path, message: `customer "${id}" is already in wave "${placed.get(id)}"; a customer belongs to one wave` });
      } else {
        placed.set(id, name);
      }
    });
  });
  return problems;
}
