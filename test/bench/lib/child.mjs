// A measurement in a process of its own (fresh heap and JIT, its own timers), answering with one message.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ROOT } from './paths.mjs';

/** Forks lib/<script> with args; resolves with the `result` it sends, rejects with its `error` or its exit. */
export function runChild(script, args = [], { env = {}, timeoutMs = 300_000 } = {}) {
  const path = fileURLToPath(new URL(script, import.meta.url));
  const childEnv = { ...process.env, NODE_ENV: 'production', ...env };
  // Ink writes nothing but the last frame when it believes it runs in CI; a user's terminal is not CI.
  delete childEnv.CI;
  return new Promise((resolve, reject) => {
    const child = fork(path, args.map(String), { cwd: ROOT, env: childEnv, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    // Ink shows the cursor again on exit by writing an escape to stderr: only real text is passed on.
    child.stderr.on('data', (chunk) => {
      const text = String(chunk).replace(/\x1b\[[?\d;]*[A-Za-z]/g, '');
      if (text.trim()) process.stderr.write(text);
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} took longer than ${timeoutMs / 1000} s`));
    }, timeoutMs);
    let answered = false;
    child.on('message', (message) => {
      if (message?.result === undefined && message?.error === undefined) return;
      answered = true;
      clearTimeout(timer);
      if (message.error) reject(new Error(`${script}: ${message.error}`));
      else resolve(message.result);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (!answered) reject(new Error(`${script} exited ${code} without an answer`));
    });
  });
}

/** In the child: runs `fn` and sends its result (or its error) to the parent, then exits. */
export async function answer(fn) {
  try {
    const result = await fn();
    process.send({ result }, () => process.exit(0));
  } catch (error) {
    process.send({ error: error instanceof Error ? error.stack ?? error.message : String(error) }, () => process.exit(1));
  }
}
