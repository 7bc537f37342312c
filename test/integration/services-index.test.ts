import { describe, expect, it } from 'vitest';
import { createServices } from '../../src/services/index.js';
import { useSim } from '../helpers/sim.js';
import { factsOf } from './services-support.js';

const sim = useSim({ scenario: 'weekly', seed: 17 });

describe('createServices', () => {
  it('builds the GitHub, Travis and probe clients from a cockpit config', async () => {
    const config = sim().config;
    const { github, travis, probe } = createServices(config, { github: 'sim-dana-w', travis: 'travis-token' });
    const facts = factsOf(sim());
    expect((await github.getHead('production')).sha).toBe(facts.productionHead);
    const [build] = await travis.listBuilds({ repo: config.service.repo, branches: ['production'], limit: 1 });
    expect(build?.branch).toBe('production');
    const production = config.environments.find((e) => e.name === 'production');
    expect((await probe.readVersion(production?.site.url ?? '', { format: production?.site.format ?? 'json', field: production?.site.field ?? 'version' })).version).toBe(facts.productionHead);
  });

  it('works without tokens against a loopback API', async () => {
    const { github } = createServices(sim().config, {});
    expect((await github.getHead('master')).sha).toBe(factsOf(sim()).masterHead);
  });
});
