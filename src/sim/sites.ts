import { json, text } from './http.js';
import type { Router } from './router.js';
import type { World } from './world/world.js';

/**
 * The environments' live sites and the customers' PPC version endpoints. A site serves what its branch's last
 * passed push build deployed; a PPC reports the revision of its last passed update job.
 */
export function siteRoutes(router: Router, world: World): void {
  const env = (name: string) => world.environments.find((e) => e.name === name);
  const customer = (id: string) => world.customers.find((c) => c.id === id);
  const down = (key: string): boolean => world.health.get(key) === false;

  router.add('GET', '/sites/:env/version', (req) => {
    const e = env(req.params['env'] ?? '');
    if (!e) return json(404, { error: 'unknown environment' });
    if (down(`site:${e.name}`)) return json(503, { error: 'service unavailable' });
    return json(200, { version: world.siteVersion(e, req.now), environment: e.name });
  });
  router.add('GET', '/sites/:env/health', (req) => {
    const e = env(req.params['env'] ?? '');
    if (!e) return json(404, { error: 'unknown environment' });
    return down(`site:${e.name}`) ? json(503, { status: 'unavailable', environment: e.name }) : json(200, { status: 'ok' });
  });
  router.add('GET', '/ppcs/:id/version', (req) => {
    const c = customer(req.params['id'] ?? '');
    if (!c) return json(404, { error: 'unknown customer' });
    if (down(`ppc:${c.id}`)) return json(503, { error: 'service unavailable' });
    return json(200, { revision: world.ppcRevision(c, req.now), customer: c.id });
  });
  router.add('GET', '/ppcs/:id/health', (req) => {
    const c = customer(req.params['id'] ?? '');
    if (!c) return json(404, { error: 'unknown customer' });
    return down(`ppc:${c.id}`) ? json(503, { status: 'unavailable' }) : json(200, { status: 'ok' });
  });
  // Links in responses point at web pages; the sim has no web UI, so they answer with one line saying so.
  router.add('GET', '/web/*', (req) => text(200, `release-cockpit demo world: no web page here (${req.params['*']}); the cockpit shows this for you.\n`));
}
