import { userInfo } from 'node:os';
import type { Config } from '../../config/schema.js';

/**
 * Who drives: the login the GitHub token acts as (so a take-over by the secondary names the secondary), else
 * the config's primary, else the local user. Never waits long: the journal must not hold the cockpit up.
 */
export async function resolveActor(github: { viewer(): Promise<string> }, config: Pick<Config, 'roles'>, timeoutMs = 3_000): Promise<string> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), timeoutMs);
  });
  try {
    const login = await Promise.race([github.viewer().catch(() => undefined), late]);
    if (login) return login;
  } finally {
    clearTimeout(timer);
  }
  return config.roles.primary ?? localUser();
}

function localUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
