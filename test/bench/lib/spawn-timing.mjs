// Wall time of a whole process as a user meets it: from spawn to exit, or to the moment its terminal shows
// something. Both sides of a ratio are measured by the same function, interleaved, so load on the machine
// falls on both alike.
import { spawn } from 'node:child_process';
import { ROOT } from './paths.mjs';

/** Milliseconds from spawn to exit; rejects when the exit code is not one of `codes`. */
export function timeToExit(command, args, { env = process.env, codes = [0] } = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], env, cwd: ROOT });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (code) => {
      const elapsed = performance.now() - started;
      if (codes.includes(code)) resolve(elapsed);
      else reject(new Error(`${[command, ...args].join(' ')} exited ${code}: ${stderr.trim().split('\n')[0] ?? ''}`));
    });
  });
}

const quote = (arg) => `'${arg.replaceAll("'", "'\\''")}'`;

/**
 * Milliseconds from spawn until `isShown(output)` holds for what the process wrote to a real terminal (a pty
 * from util-linux `script`, sized 80x24), then the process is killed. Interactive modes refuse to start without
 * a TTY, and a pipe would change how Ink writes.
 */
export function timeToScreen(command, args, isShown, { env = process.env, timeoutMs = 30_000 } = {}) {
  return new Promise((resolve, reject) => {
    const line = `stty cols 80 rows 24 && exec ${[command, ...args].map(quote).join(' ')}`;
    const started = performance.now();
    const child = spawn('script', ['-qfec', line, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'], env, cwd: ROOT, detached: true });
    let output = '';
    let settled = false;
    const finish = (error, value) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      if (error) reject(error);
      else resolve(value);
    };
    const timer = setTimeout(() => finish(new Error(`${command} ${args.join(' ')}: nothing shown in ${timeoutMs} ms; last output: ${JSON.stringify(output.slice(-400))}`)), timeoutMs);
    child.on('error', (error) => finish(error));
    child.stdout.on('data', (chunk) => {
      const at = performance.now();
      output += chunk;
      if (isShown(output)) finish(undefined, at - started);
    });
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => finish(new Error(`${command} ${args.join(' ')} exited ${code} before showing it; output: ${JSON.stringify(output.slice(-400))}`)));
  });
}

/** Runs `a` and `b` alternately `rounds` times (after one unmeasured warm-up each) and returns both lists. */
export async function interleaved(rounds, a, b) {
  await a();
  await b();
  const as = [];
  const bs = [];
  for (let i = 0; i < rounds; i += 1) {
    as.push(await a());
    bs.push(await b());
  }
  return [as, bs];
}
