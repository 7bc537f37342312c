import { describe, expect, it } from 'vitest';
import type { LogTail } from '../../../src/store/state.js';
import { LogOverlay } from '../../../src/ui/dialogs/log-overlay.js';
import { lines, renderUi } from '../../helpers/ui.js';

const render = (log: LogTail | null, height = 8) => renderUi(<LogOverlay title="1234.2 integration" jobId={5002} log={log} width={60} height={height} />);

describe('<LogOverlay>', () => {
  it('shows the last lines that fit, without Travis markers or ANSI codes', async () => {
    const text = 'travis_fold:start:install\r\u001B[0K$ npm ci\n' + Array.from({ length: 50 }, (_, i) => `\u001B[32mline ${i + 1}\u001B[0m`).join('\n') + '\n';
    const r = await render({ jobId: 5002, text, isComplete: false });
    const frame = r.lastFrame() ?? '';
    expect(frame).toContain('Log · 1234.2 integration · live');
    expect(frame).toContain('line 50');
    expect(frame).toContain('line 45');
    expect(frame).not.toContain('line 44');
    expect(frame).not.toContain('travis_fold');
    expect(frame).not.toContain('\u001B');
    expect(lines(frame)).toHaveLength(8);
  });

  it("says it is fetching while the store still holds another job's log", async () => {
    const r = await render({ jobId: 1, text: 'other job', isComplete: true });
    expect(r.lastFrame()).toContain('Fetching the log');
    expect(r.lastFrame()).not.toContain('other job');
  });

  it('shows why the log cannot be read', async () => {
    const r = await render({ jobId: 5002, text: '', isComplete: true, error: 'The log has expired (LogExpired)' });
    expect(r.lastFrame()).toContain('✖ The log has expired (LogExpired)');
  });

  it('says when a running job has printed nothing yet', async () => {
    expect((await render({ jobId: 5002, text: '', isComplete: false })).lastFrame()).toContain('No output yet');
  });

  it('says when Travis has no log for the job yet, rather than an error', async () => {
    const frame = (await render({ jobId: 5002, text: '', isComplete: false, noLogYet: true })).lastFrame() ?? '';
    expect(frame).toContain('No log yet');
    expect(frame).not.toContain('✖');
  });
});
