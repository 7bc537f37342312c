import { afterAll } from 'vitest';
import { isolateStateDir } from './state-dir.js';

// Ink writes only the last frame under CI and a lone newline on unmount; tests want the interactive behaviour.
delete process.env['CI'];

// Release journals and demo worlds go to a directory of this test file's own, never the user's.
const state = isolateStateDir();
// `cockpit status` keeps GitHub's answers between runs: the tests' go beside their journals.
process.env['COCKPIT_CACHE_DIR'] = `${state.dir}/cache`;
afterAll(() => state.cleanUp());
