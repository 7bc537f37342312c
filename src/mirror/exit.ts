import { EXIT } from '../exit-codes.js';
import type { MirrorError } from './mirror-error.js';

/** A mirror that cannot be watched: 2 when the fix is on the watcher's side (token, version, URL), 3 when nobody answers or it is full. */
export function mirrorExitCode(error: MirrorError): number {
  return error.kind === 'unreachable' || error.kind === 'full' ? EXIT.unreachable : EXIT.usage;
}
