// The on-call primary, as a benchmark plays it: drives the weekly release with the keys a person presses (Enter,
// y, r), as soon as the screen asks for them, and never faster than the cockpit can answer.
import { KEYS } from './rollout-terminal.mjs';

/** The same key again only after this long without the screen changing (a key the cockpit refused, say). */
const REPEAT_MS = 1_000;

/**
 * Presses the next key of the release whenever the store changes. `onKey(key, state)` hears each key first (the
 * figures time the rollout from the `y` that starts it). `isDone(state)` ends the drive.
 */
export function driveRelease({ store, keyboard, currentIndex, onKey = () => {}, timers }) {
  let last = { signature: '', at: 0 };
  let scheduled = false;
  let presses = 0;

  function nextKey(state) {
    const dialog = state.ui.dialog;
    if (dialog?.kind === 'confirm') return 'y';
    // The candidate list opens with the latest green commit preselected.
    if (dialog?.kind === 'candidate') return KEYS.enter;
    if (dialog) return KEYS.escape;
    if (state.ui.focus !== 'checklist') return KEYS.tab;
    const { steps, playbook, cursor } = state.checklist;
    const current = currentIndex(steps);
    if (current < 0) return undefined;
    if (cursor < current) return 'j';
    if (cursor > current) return 'k';
    const step = steps[current];
    const definition = playbook.steps[current];
    if (step.status === 'failed') return 'r';
    if (step.status === 'running' || definition.kind === 'gate') return undefined;
    return KEYS.enter;
  }

  function act() {
    scheduled = false;
    const state = store.getState();
    const key = nextKey(state);
    if (key === undefined) return;
    const { steps, cursor } = state.checklist;
    const signature = `${key}|${cursor}|${steps.map((s) => s.status).join(',')}|${state.ui.dialog?.kind ?? ''}|${state.ui.focus}`;
    const now = timers.now();
    if (signature === last.signature && now - last.at < REPEAT_MS) return;
    last = { signature, at: now };
    presses += 1;
    onKey(key, state);
    keyboard.press(key);
  }

  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    timers.setImmediate(act);
  };
  const unsubscribe = store.subscribe(schedule);
  // A key the cockpit refused changes nothing in the store: look again now and then.
  const again = timers.setInterval(schedule, REPEAT_MS);
  schedule();
  return {
    presses: () => presses,
    stop() {
      unsubscribe();
      timers.clearInterval(again);
    },
  };
}
