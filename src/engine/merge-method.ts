import { chooseMergeMethod, type MergeMethod } from '../domain/merge-method.js';
import type { EngineOptions } from './ports.js';

type Context = Pick<EngineOptions, 'services' | 'config'>;

/**
 * The merge method to send, read fresh from the repository's settings (a 304 when unchanged) and the config's
 * merge.method. Throws one line naming the field when the configured method is forbidden, and the read's own
 * error when the settings cannot be read: the merge is then not sent on a guess.
 */
export async function mergeMethodFor(ctx: Context): Promise<MergeMethod> {
  const allowed = await ctx.services.github.getMergeMethods();
  const choice = chooseMergeMethod(ctx.config.merge?.method, allowed, ctx.config.service?.repo ?? 'the repository');
  if (!choice.ok) throw new Error(`Nothing sent: ${choice.error}`);
  return choice.method;
}
