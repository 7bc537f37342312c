import type { ModeContext } from '../cli.js';
import { UsageError } from '../exit-codes.js';

// Placeholder until this mode is built; it exists so that the CLI's table type-checks.
export async function run(_ctx: ModeContext): Promise<number> {
  throw new UsageError('this command is not built yet');
}
