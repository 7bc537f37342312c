import type { Agents, BeforeRequestHook } from 'got';
import { HttpProxyAgent, HttpsProxyAgent } from 'hpagent';
import { getProxyForUrl } from 'proxy-from-env';
import { isLoopbackUrl } from '../config/loopback.js';

// Corporate networks reach GitHub and Travis only through a proxy, and neither Node's fetch nor got reads
// HTTPS_PROXY by itself. Both clients honour the same variables (HTTPS_PROXY, HTTP_PROXY, NO_PROXY, in either
// case), so a host is proxied for Octokit exactly when it is for got. NODE_EXTRA_CA_CERTS needs nothing here:
// Node adds it to the CA store every TLS connection uses, through a tunnel or not.

/**
 * The proxy for a URL, or '' to go direct. Loopback is always direct: a corporate proxy cannot reach this
 * machine's own ports, and the demo world (and `cockpit sim`) must work behind one without a NO_PROXY entry.
 */
function proxyFor(url: string | URL): string {
  return isLoopbackUrl(String(url)) ? '' : getProxyForUrl(url);
}

const PROXY_VARS = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'] as const;

/** Whether any proxy variable is set; without one the clients keep their direct, faster-starting paths. */
export function proxyConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return PROXY_VARS.some((name) => Boolean(env[name]?.trim()));
}

type FetchFn = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
// undici is CommonJS: its exports are the default export both under Node and in esbuild's bundle (where the
// named ones are not).
const loadUndici = async () => (await import('undici')).default;
type Undici = Awaited<ReturnType<typeof loadUndici>>;
let undici: Promise<Undici> | undefined;
const dispatchers = new Map<string, InstanceType<Undici['ProxyAgent']>>();

/**
 * The fetch Octokit should use: Node's own, except for a URL a proxy applies to (the same proxy-from-env
 * decision got's agents take), which goes through undici's ProxyAgent. undici's own fetch rather than Node's with a
 * dispatcher: a dispatcher from the npm package and the fetch bundled in Node need not share one version.
 * (Not undici's EnvHttpProxyAgent: it warns on stderr that it is experimental.) undici is loaded only when a
 * proxy is set, so a direct glance does not pay for its load.
 */
export function fetchForEnvironment(env: NodeJS.ProcessEnv = process.env): FetchFn {
  if (!proxyConfigured(env)) return globalThis.fetch;
  return async (input, init) => {
    const url = typeof input === 'string' || input instanceof URL ? input : input.url;
    const proxy = proxyFor(url);
    if (!proxy) return globalThis.fetch(input, init);
    const { fetch, ProxyAgent } = await (undici ??= loadUndici());
    let dispatcher = dispatchers.get(proxy);
    if (!dispatcher) {
      dispatcher = new ProxyAgent(proxy);
      dispatchers.set(proxy, dispatcher);
    }
    try {
      return (await fetch(input as Parameters<typeof fetch>[0], { ...(init as object), dispatcher } as Parameters<typeof fetch>[1])) as unknown as Response;
    } catch (error) {
      // A proxy that drops the tunnel without an answer leaves undici reconnecting in a tight loop, long after
      // this call gave up (thousands of CONNECTs a second, and a process that never exits). A failed call
      // retires its agent; the next call, or octokit's retry, gets a fresh one.
      if (dispatchers.get(proxy) === dispatcher) dispatchers.delete(proxy);
      dispatcher.destroy().catch(() => undefined);
      throw error;
    }
  };
}

const agentsByProxy = new Map<string, Agents>();

/** got's agents for one request URL: a tunnel through the proxy that applies to it, or none (direct). */
export function gotAgentsFor(url: string | URL): Agents {
  const proxy = proxyFor(url);
  if (!proxy) return {};
  let agents = agentsByProxy.get(proxy);
  if (!agents) {
    // keepAlive as got's own default agents do not; a poller asks the same hosts every few seconds.
    agents = { http: new HttpProxyAgent({ proxy, keepAlive: true }), https: new HttpsProxyAgent({ proxy, keepAlive: true }) };
    agentsByProxy.set(proxy, agents);
  }
  return agents;
}

/**
 * got hooks that pick the agent per request, because NO_PROXY depends on each URL's host (the probe asks many
 * sites and PPCs with one client). Empty without a proxy so got keeps its defaults.
 */
export function gotProxyHooks(env: NodeJS.ProcessEnv = process.env): { beforeRequest: BeforeRequestHook[] } {
  if (!proxyConfigured(env)) return { beforeRequest: [] };
  return {
    beforeRequest: [
      (options) => {
        if (options.url) options.agent = gotAgentsFor(options.url);
      },
    ],
  };
}
