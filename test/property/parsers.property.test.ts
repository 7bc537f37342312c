import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import { readPpcRevision } from '../../src/domain/gopkg-lock.js';
import { readSdkVersion } from '../../src/domain/travis-env.js';

// The two files the cockpit reads from the repository, property-tested: any text gives a revision or a
// problem sentence (never a throw), and a file that pins a value gives that value back.

const project = fc.stringMatching(/^[a-z]{2,8}\.[a-z]{2,4}\/[a-z]{2,8}\/[a-z]{2,8}$/);
const revision = fc.stringMatching(/^[0-9a-f]{7,40}$/);
const otherProject = fc.record({ name: project, revision, version: fc.stringMatching(/^v\d\.\d{1,2}\.\d$/) });
const noise = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 200 }), fc.constantFrom('[[projects]]\nname = ', '[[projects]]\n  revision = 12\n', '= = =', '[[projects]]\nname = "x"\nrevision = "zz"\n'));

const lockText = (projects: readonly { name: string; revision: string; version: string }[]): string =>
  projects.map((p) => `[[projects]]\n  digest = "1:abc"\n  name = "${p.name}"\n  packages = ["."]\n  revision = "${p.revision}"\n  version = "${p.version}"\n`).join('\n') + '\n[solve-meta]\n  analyzer-name = "dep"\n';

describe('Gopkg.lock, property-tested', () => {
  it('any text: a revision that is a commit hash, or a problem naming the file; never a throw', () => {
    fc.assert(
      fc.property(noise, project, (text, name) => {
        const read = readPpcRevision(text, name);
        if (read.revision !== undefined) expect(read.revision).toMatch(/^[0-9a-f]{7,64}$/i);
        else expect(read.problem).toMatch(/^Gopkg\.lock /);
        expect(read.problem ?? '').not.toContain('\n');
      }),
      { numRuns: 300 },
    );
  });

  it('a lock that pins the project gives its revision back, among any others', () => {
    fc.assert(
      fc.property(fc.array(otherProject, { maxLength: 6 }), otherProject, fc.nat(6), (others, ours, at) => {
        const rest = others.filter((o) => o.name !== ours.name);
        const projects = [...rest.slice(0, at), ours, ...rest.slice(at)];
        expect(readPpcRevision(lockText(projects), ours.name)).toEqual({ revision: ours.revision });
      }),
      { numRuns: 150 },
    );
  });
});

const version = fc.stringMatching(/^\d{1,2}\.\d{1,2}\.\d{1,2}$/);
const otherVar = fc.stringMatching(/^[A-Z][A-Z_]{2,10}$/).filter((v) => v !== 'SDK_VERSION');

describe('.travis.yml, property-tested', () => {
  // A warning on stderr would land in the middle of the cockpit's screen.
  const warned = vi.fn();
  beforeEach(() => void process.on('warning', warned));
  afterEach(() => void process.off('warning', warned));

  it('any text: a version, or a problem naming the file; never a throw, never a warning on stderr', async () => {
    fc.assert(
      fc.property(fc.oneof(noise, fc.jsonValue().map((v) => stringify(v))), (text) => {
        const read = readSdkVersion(text, 'SDK_VERSION');
        if (read.version === undefined) expect(read.problem).toMatch(/^\.travis\.yml /);
        expect(read.problem ?? '').not.toContain('\n');
      }),
      { numRuns: 300, examples: [['!weird-tag value\n'], ["env: !'x SDK_VERSION=1\n"]] },
    );
    // Node emits warnings on a later turn.
    await new Promise((resolve) => setImmediate(resolve));
    expect(warned).not.toHaveBeenCalled();
  });

  it('the version pinned in env, whichever of its shapes the file uses, comes back', () => {
    const shapes = (v: string, other: string, n: string): unknown[] => [
      { env: `${other}=${n} SDK_VERSION=${v}` },
      { env: [`${other}=${n}`, `SDK_VERSION=${v}`] },
      { env: { global: [`SDK_VERSION="${v}"`, { secure: 'c2VjcmV0' }] } },
      { env: { global: [{ SDK_VERSION: v }] } },
      { language: 'go', jobs: { include: [{ env: `SDK_VERSION='${v}'` }] } },
      { matrix: { include: [{ env: [`SDK_VERSION=${v}`] }] } },
    ];
    fc.assert(
      fc.property(version, otherVar, fc.nat(99), fc.nat(5), (v, other, n, shape) => {
        expect(readSdkVersion(stringify(shapes(v, other, String(n))[shape]), 'SDK_VERSION')).toEqual({ version: v });
      }),
      { numRuns: 150 },
    );
  });
});
