// One fleet size in a process of its own (its own heap, so a bigger fleet's garbage counts against it): the
// real <App> rendered by Ink at 80x24 with the cockpit's options, the rollout step under way and the Rollout
// pane focused. On each
// "update" message it makes one store update and answers how long until Ink wrote the frame showing it.
// figures/2-render.mjs drives several sizes in turn, so load on the machine falls on every size alike.
import { createElement } from 'react';
import { render } from 'ink';
import { WEEKLY_PLAYBOOK } from '../../../dist/domain/weekly-playbook.js';
import { createCockpitStore } from '../../../dist/store/create-cockpit-store.js';
import { App } from '../../../dist/ui/app.js';
import { Keyboard, Terminal } from './terminal.mjs';
import { focus } from '../../helpers/store-state.js';

const size = Number(process.argv[2]);
const rev = (c) => c.repeat(40);

const store = createCockpitStore({ playbook: WEEKLY_PLAYBOOK, meta: { mode: 'driving', releaseName: 'Weekly release', repo: 'acme/service', timezone: 'UTC' } });
const ppcs = Array.from({ length: size }, (_, i) => ({ id: `ppc-${i + 1}`, name: `Customer ${i + 1}`, current: rev('a'), target: rev('b'), state: 'pending' }));
store.getState().rolloutStarted(rev('b'));
store.getState().fleetRead(ppcs);
// Where the release is while PPCs update: the rollout step running and selected (its gate counts the fleet).
const steps = store.getState().checklist.steps;
const rollout = steps.findIndex((step) => step.id === 'update-ppcs');
store.getState().stepsAdvanced(steps.map((step, i) => ({ id: step.id, status: i < rollout ? 'done' : i === rollout ? 'running' : 'pending' })), rollout);
focus(store, 'rollout');

let waiting;
const terminal = new Terminal((text) => {
  // Ink brackets a frame with two short synchronized-output escapes; the frame itself is the long write.
  if (waiting && text.length > 100) {
    const done = waiting;
    waiting = undefined;
    done(performance.now());
  }
});
const instance = render(createElement(App, { store, deps: { perform() {}, quit() {} }, onChoose() {} }), {
  stdout: terminal,
  stdin: new Keyboard(),
  stderr: terminal,
  maxFps: 12,
  patchConsole: false,
  exitOnCtrlC: false,
});

// A fleet poll's kind of update: a row on screen and one far outside the window change state.
const visible = ppcs[1].id;
const far = ppcs[Math.floor(size / 2)].id;
let n = 0;
process.on('message', async (message) => {
  if (message === 'stop') {
    instance.unmount();
    process.exit(0);
  }
  const state = (n += 1) % 2 === 1 ? 'updating' : 'pending';
  const written = new Promise((resolve) => (waiting = resolve));
  const started = performance.now();
  store.getState().ppcsUpdated([{ id: visible, state }, { id: far, state }]);
  const at = await Promise.race([written, new Promise((resolve) => setTimeout(() => resolve(undefined), 2_000))]);
  process.send(at === undefined ? { error: `no frame within 2 s of an update with ${size} PPCs` } : { latency: at - started });
});
setTimeout(() => process.send({ ready: true }), 300);
