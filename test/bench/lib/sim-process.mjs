// `cockpit sim` as a child process, as a user would run it beside the cockpit: the figures measure the cockpit's
// process alone, and the demo world's own work does not count against it (beyond the CPU both share).
import { spawn } from 'node:child_process';
// Real timers even in a time-compressed process (lib/compressed-time.mjs patches only the globals).
import { setTimeout } from 'node:timers';
import { join } from 'node:path';
import { BIN, scratchDir } from './paths.mjs';

export async function startSimProcess({ scenario = 'weekly', speed = 1, seed = 1 } = {}) {
  const dir = scratchDir('sim');
  const configPath = join(dir, 'cockpit.yaml');
  const child = spawn(process.execPath, [BIN, 'sim', '--port', '0', '--scenario', scenario, '--speed', String(speed), '--seed', String(seed), '--config-out', configPath], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stop = () => child.exitCode === null && child.kill('SIGTERM');
  process.on('exit', stop);
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`cockpit sim did not start in 20 s: ${out}`)), 20_000);
    child.once('exit', (code) => reject(new Error(`cockpit sim exited with ${code}: ${out}`)));
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /listening on (\S+)/.exec(out);
      if (match && out.includes('wrote config')) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
  });
  const control = async (path, init) => {
    const res = await fetch(`${url}/_sim/${path}`, init);
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
    return res.json();
  };
  return {
    url,
    configPath,
    pid: child.pid,
    stats: () => control('stats'),
    state: () => control('state'),
    config: () => control('config'),
    async close() {
      process.off('exit', stop);
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
