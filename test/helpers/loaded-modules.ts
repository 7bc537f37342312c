import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface ModuleLog {
  /** Give it to node as `--import HOOK`. */
  readonly hook: string;
  /** The source modules (`dist/services/github.js`, `node_modules/ink/build/ink.js`) held by every file the process loaded. */
  modules(): string[];
}

/**
 * A resolve hook that records every file a `cockpit` process loads. bin/cockpit.js runs the bundle
 * (dist/bundle/), whose files each hold many source modules; the build's dist/bundle/modules.json says which,
 * so "did it load Ink" is still answered module by module.
 */
export function moduleLog(dir: string, name: string): ModuleLog {
  const log = join(dir, `${name}.loaded`);
  writeFileSync(log, '');
  const resolver = `import { appendFileSync } from 'node:fs'; export async function resolve(s, c, next) { const r = await next(s, c); if (r.url.startsWith('file:')) appendFileSync(${JSON.stringify(log)}, r.url + '\\n'); return r; }`;
  const hook = join(dir, `${name}-hook.mjs`);
  writeFileSync(hook, `import { register } from 'node:module';\nregister('data:text/javascript,' + encodeURIComponent(${JSON.stringify(resolver)}));\n`);
  return {
    hook,
    modules() {
      const bundle = JSON.parse(readFileSync(join(root, 'dist', 'bundle', 'modules.json'), 'utf8')) as Record<string, string[]>;
      const files = readFileSync(log, 'utf8').split('\n').filter(Boolean).map((url) => fileURLToPath(url));
      return files.flatMap((file) => {
        const inBundle = file.startsWith(join(root, 'dist', 'bundle') + '/') ? file.slice(join(root, 'dist', 'bundle').length + 1) : undefined;
        return inBundle === undefined ? [file.slice(root.length)] : (bundle[inBundle] ?? []);
      });
    },
  };
}
