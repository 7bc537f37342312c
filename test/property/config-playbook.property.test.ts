import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseConfig } from '../../src/config/load.js';
import { parsePlaybook } from '../../src/config/playbook-file.js';
import { UsageError } from '../../src/exit-codes.js';
import { decodeStrict } from '../../src/text-file.js';

// Config and playbook loading over arbitrary input: a clean value or one UsageError whose every listed problem
// names a field path and a line, never another exception, never a control character, within a bound.

const valid = readFileSync(fileURLToPath(new URL('../fixtures/configs/valid.yaml', import.meta.url)), 'utf8');
const config = parseConfig(valid, 'valid.yaml');
// ESC, BEL, C1 and DEL: any of them printed back would drive the user's terminal.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** What loading `load` does with one input: the value, or the checked message of its UsageError. */
function outcome(load: () => unknown): { readonly ok: true } | { readonly ok: false; readonly message: string } {
  const started = performance.now();
  try {
    load();
    return { ok: true };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    expect(error.message).not.toMatch(CONTROL);
    const [first, ...rest] = error.message.split('\n');
    expect(first).toMatch(/^\S/);
    // A list of problems names a field and a line for each (the caret excerpt of a syntax error aside).
    if (/problems? in the/.test(first ?? '')) for (const line of rest) expect(line).toMatch(/^ {2}(- .+ \(line \d+\): \S.*|\.\.\. and \d+ more)$/);
    return { ok: false, message: error.message };
  } finally {
    expect(performance.now() - started).toBeLessThan(2_000);
  }
}

/** Keys a config might have, or nearly: real ones, typos, strangers, and strings no key should be. */
const key = fc.oneof(fc.constantFrom('service', 'repo', 'environments', 'name', 'branch', 'site', 'url', 'components', 'ppc', 'schedule', 'timezone', 'servcie', 'weekly', 'steps', 'type', 'id', 'title'), fc.string({ maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 6 }));
const value = fc.letrec((tie) => ({
  any: fc.oneof({ depthSize: 'small' }, fc.string({ maxLength: 20 }), fc.integer(), fc.boolean(), fc.constant(null), fc.array(tie('any'), { maxLength: 4 }), fc.dictionary(key, tie('any'), { maxKeys: 5 })),
})).any;

describe('config loading, property-tested', () => {
  it('any bytes: UTF-8 text that parses to a config or one usage error, never a throw of another kind', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => void outcome(() => parseConfig(decodeStrict(bytes, 'c.yaml'), 'c.yaml'))), { numRuns: 100 });
  });

  it('any YAML value: a config, or problems that each name a field path and a line', () => {
    fc.assert(fc.property(value, (doc) => void outcome(() => parseConfig(stringify(doc), 'c.yaml'))), { numRuns: 100 });
  });

  it('the valid config with a line dropped, doubled or cut: a config, or a usage error', () => {
    const lines = valid.split('\n');
    const edit = fc.tuple(fc.nat(lines.length - 1), fc.constantFrom('drop', 'double', 'cut', 'indent'), fc.nat(40));
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        const text = [...lines];
        for (const [at, how, n] of edits) {
          const line = text[at] ?? '';
          if (how === 'drop') text.splice(at, 1);
          else if (how === 'double') text.splice(at, 0, line);
          else if (how === 'cut') text[at] = line.slice(0, n);
          else text[at] = ` ${line}`;
        }
        outcome(() => parseConfig(text.join('\n'), 'c.yaml'));
      }),
      { numRuns: 30 },
    );
  });

  it('a field with a wrong value is named by its path', () => {
    fc.assert(
      fc.property(fc.constantFrom('service.repo', 'schedule.timezone', 'schedule.nightly', 'rollout.concurrency'), fc.oneof(fc.integer({ min: -5, max: -1 }), fc.constant(''), fc.constant([]), fc.constant('not a time/zone')), (path, bad) => {
        const doc = parseConfig(valid, 'c.yaml') as unknown as Record<string, Record<string, unknown>>;
        const [section, field] = path.split('.') as [string, string];
        const broken = { ...doc, [section]: { ...doc[section], [field]: bad } };
        const said = outcome(() => parseConfig(stringify(broken), 'c.yaml'));
        if (!said.ok) expect(said.message).toContain(`  - ${path} (line `);
        else expect(path === 'schedule.timezone' || path === 'rollout.concurrency').toBe(false);
      }),
      { numRuns: 15 },
    );
  });
});

describe('playbook loading, property-tested', () => {
  const stepType = fc.constantFrom('review-changes', 'choose-candidate', 'open-promotion-pr', 'wait-pr-ci', 'merge-promotion-pr', 'wait-deploy', 'verify-environment', 'manual', 'release-complete', 'bogus');
  const step = fc.record({ type: stepType, title: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }), id: fc.option(fc.string({ maxLength: 10 }), { nil: undefined }) }, { requiredKeys: ['type'] });
  const playbook = fc.record({ name: fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('weekly', 'Weekly release', 'NIGHTLY', 'hotfix-2')), steps: fc.array(step, { maxLength: 8 }), to: fc.option(fc.constantFrom('production', 'staging', 'prod'), { nil: undefined }) }, { requiredKeys: [] });

  it('any playbook-shaped YAML: a playbook, or problems naming field paths and lines', () => {
    fc.assert(fc.property(fc.oneof(playbook, value), (doc) => void outcome(() => parsePlaybook(stringify(doc), 'p.yaml', config))), { numRuns: 60 });
  });

  it('any bytes as a playbook: never a throw of another kind', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => void outcome(() => parsePlaybook(decodeStrict(bytes, 'p.yaml'), 'p.yaml', config))), { numRuns: 60 });
  });

  it('a name that reads as a built-in one is refused, whatever its case and spacing', () => {
    fc.assert(
      fc.property(fc.constantFrom('weekly', 'nightly', 'hotfix'), fc.array(fc.boolean(), { minLength: 6, maxLength: 7 }), fc.constantFrom('', ' release', '  Release ', '-2', ' 3'), (id, upper, tail) => {
        const name = [...id].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join('') + tail;
        const said = outcome(() => parsePlaybook(`name: "${name}"\nsteps:\n  - type: manual\n    title: Sign off\n`, 'p.yaml', config));
        expect(said.ok ? '' : said.message).toContain(`reads as the built-in ${id} playbook's name`);
      }),
      { numRuns: 40 },
    );
  });
});
