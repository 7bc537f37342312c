// The demo world for figures 5 and 6, as `cockpit sim` runs it: a process of its own (as under `cockpit demo`),
// so that the world's work is not counted against the cockpit's, and steered only over HTTP.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { profileArgs } from './rollout-run.mjs';

const BIN = fileURLToPath(new URL('../../../bin/cockpit.js', import.meta.url));
const START_TIMEOUT_MS = 20_000;

/** Starts `cockpit sim --scenario NAME --speed N --seed N --port 0`; resolves once it prints its URL. */
export async function startWorld({ scenario = 'fleet', speed, seed = 1 }) {
  const child = spawn(process.execPath, [...profileArgs('world'), BIN, 'sim', '--scenario', scenario, '--speed', String(speed), '--seed', String(seed), '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`cockpit sim did not start within ${START_TIMEOUT_MS / 1000} s: ${output}`)), START_TIMEOUT_MS);
    const onData = (chunk) => {
      output += chunk;
      const found = /demo world listening on (http:\/\/\S+)/.exec(output);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', onData);
    child.once('exit', (code) => reject(new Error(`cockpit sim exited (${code}) before it started: ${output}`)));
  });
  const call = async (method, path, body) => {
    const res = await fetch(`${url}${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.status === 204 ? undefined : res.json();
  };
  return {
    url,
    pid: child.pid,
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body),
    del: (path) => call('DELETE', path),
    /** Resident memory of the world's process, in bytes (Linux /proc; undefined elsewhere). */
    rss: () => rssOf(child.pid),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export async function rssOf(pid) {
  try {
    const { readFile } = await import('node:fs/promises');
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}
