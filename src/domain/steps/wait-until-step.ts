import { waitUntilCondition } from '../wait-until.js';
import type { StepBehaviour } from './behaviour.js';

/** A gate on the calendar: the release goes on only inside a window of the schedule (its `until`). */
export const WAIT_UNTIL_STEP: StepBehaviour = {
  kind: 'gate',
  who: 'cockpit',
  title: () => 'Wait for the window',
  description: ({ to }) =>
    `Nothing after this step reaches ${to} outside its window: the step completes on its own once the window is open, ` +
    "and says until then how long there is to go, in the schedule's time zone. Skip it with a reason to go on anyway.",
  // A release may wait for more than one window (the weekly one, then a customer's), each with its own id.
  mayRepeat: true,
  // Only the clock moves it, and the store's clock ticks by itself.
  waitsOn: [],
  pane: () => 'environments',
  condition: waitUntilCondition,
};
