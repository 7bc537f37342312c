import { homedir } from 'node:os';
import { LIMITS } from '../limits.js';
import { configSchema, type Config } from './schema.js';
import { locateConfig } from './locate.js';
import { findSecretKeys, findUrlCredentials } from './secrets.js';
import { semanticProblems } from './semantic-checks.js';
import { readTextFile } from '../text-file.js';
import { parseYamlFile } from './yaml-file.js';

export interface LoadOptions {
  /** The `--config FILE` value, if given. */
  readonly path?: string | undefined;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** The user's home directory; the real one unless a test says otherwise. */
  readonly home?: string;
}

export interface LoadedConfig {
  readonly config: Config;
  /** The absolute path the config was read from. */
  readonly path: string;
}

/**
 * Finds, reads, parses and validates the config. Every problem (YAML syntax, schema, cross-field checks,
 * secrets in the file) ends up in one UsageError that names the file, and for each problem the field and line.
 */
export async function loadConfig(options: LoadOptions): Promise<LoadedConfig> {
  const path = locateConfig({ flag: options.path, cwd: options.cwd, env: options.env, home: options.home ?? homedir() });
  const text = readTextFile(path, { what: 'config file', maxBytes: LIMITS.configBytes, strict: true });
  return { config: parseConfig(text, path), path };
}

/** Parses and validates config text; `path` is only used in messages. Exported for callers holding text already. */
export function parseConfig(text: string, path: string): Config {
  return parseYamlFile(text, path, {
    schema: configSchema,
    noun: 'configuration',
    expects: 'a mapping with at least service, environments and components',
    check: ({ doc, raw }) => {
      const secrets = findSecretKeys(doc.contents);
      // A secret key gets its own message; the schema's "unknown key" about it would only repeat it.
      return { problems: [...secrets, ...findUrlCredentials(raw), ...semanticProblems(raw)], ignored: new Set(secrets.map((s) => JSON.stringify(s.path))) };
    },
  });
}
