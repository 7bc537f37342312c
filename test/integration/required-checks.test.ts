// Only the checks that gate, gate: GitHub's branch rules read through the real client, and optional third-party
// checks that fail or stay queued, against the demo world over HTTP.
import { afterEach, describe, expect, it } from 'vitest';
import { readCandidates } from '../../src/pollers/read-candidates.js';
import { readPromotion } from '../../src/pollers/read-promotion.js';
import { createServices } from '../../src/services/index.js';
import type { AcmeFacts } from '../../src/sim/index.js';
import { advanceSim, useSim } from '../helpers/sim.js';

const sim = useSim({ seed: 5 });
const rules = (body: Record<string, boolean>) => fetch(`${sim().url}/_sim/rules`, { method: 'POST', body: JSON.stringify(body) });
afterEach(async () => {
  await rules({ optionalChecks: false, protectionNeedsAdmin: false, rulesets: false, unprotectedProduction: false });
});

describe("GitHub's branch rules", () => {
  it('reads the required checks from branch protection, or from a ruleset', async () => {
    const { github } = createServices(sim().config, {});
    expect(await github.requiredChecks('production')).toEqual({ checks: [{ name: 'Travis CI - Pull Request', appId: 67 }], from: ['branch protection'] });
    await rules({ rulesets: true });
    expect(await github.requiredChecks('staging')).toEqual({ checks: [{ name: 'Travis CI - Pull Request', appId: 67 }], from: ['rulesets'] });
    expect(await github.requiredChecks('master')).toEqual({ checks: [], from: [] });
  });

  it('says what it could not read when protection needs admin rights, and an unprotected branch requires nothing', async () => {
    const { github } = createServices(sim().config, {});
    await rules({ protectionNeedsAdmin: true, unprotectedProduction: true });
    expect(await github.requiredChecks('production')).toEqual({ checks: [], from: [], unreadable: "GitHub would not show production's branch protection (403 Resource not accessible by personal access token)" });
    await rules({ protectionNeedsAdmin: false });
    expect(await github.requiredChecks('production')).toEqual({ checks: [], from: [] });
  });
});

describe('optional checks', () => {
  it('leave the latest green candidate and the PR verdict to the checks that gate, and are shown as optional', async () => {
    await rules({ optionalChecks: true, protectionNeedsAdmin: true });
    const services = createServices(sim().config, {});
    const facts = sim().world.facts as unknown as AcmeFacts;
    const candidates = await readCandidates(services, sim().config, 20);
    expect(candidates.data.find((r) => r.isLatestGreen)?.commit.sha).toBe(facts.stagingGreen);

    await services.github.createBranch('release/optional', facts.stagingGreen);
    const pull = await services.github.createPull({ head: 'release/optional', base: 'production', title: 'Release', body: '' });
    await advanceSim(sim(), 60_000);
    const read = await readPromotion(services, sim().config, { pullNumber: pull.number });
    const ci = read.data.head?.ci;
    expect(ci?.sha).toBe(facts.stagingGreen);
    expect(ci?.state).toBe('success');
    expect(ci?.why).toBe("Travis CI's own checks (nothing else is required)");
    expect(ci?.optional.map((l) => `${l.name} ${l.state}`).sort()).toEqual(['Lint bot pending', 'Travis CI - Branch success', 'codecov/patch failure']);
    // The Travis build shown is the one the head's own check run names.
    expect(read.data.builds?.prBuild?.pullRequestNumber).toBe(pull.number);
    expect((await services.github.getPull(pull.number)).mergeableState).toBe('unstable');
  });
});
