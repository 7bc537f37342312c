import { describe, expect, it } from 'vitest';
import { EnvironmentsPane } from '../../../src/ui/panes/environments-pane.js';
import { NOW, diff, environment, freshStore, sha } from '../../helpers/ui-fixtures.js';
import { lines, waitForFrame, width } from '../../helpers/ui.js';
import { renderPane as render } from './render-pane.js';

const renderPane = (store: Parameters<typeof render>[1], size?: { width: number; height: number }) => render(EnvironmentsPane, store, size);

describe('<EnvironmentsPane>', () => {
  it('says it is reading before the first poll completes', async () => {
    const r = await renderPane(freshStore());
    expect(r.lastFrame()).toContain('Reading branches and sites');
  });

  it('shows each head, what its site serves, its health and components, and the diff to the next one up', async () => {
    const store = freshStore();
    const production = environment('production', {
      siteMatchesHead: false,
      site: { version: '9f8e7d6', healthy: false, detail: 'HTTP 503' },
      components: { service: sha('pr1'), ppcRevision: sha('a1b2c3'), sdkVersion: '0.11.2', problems: [] },
    });
    store.getState().environmentsRead({ status: 'ready', data: [environment('staging'), production], at: NOW }, [diff('staging', 'production')]);
    const r = await renderPane(store);
    const frame = await waitForFrame(r, 'production');
    expect(frame).toContain('staging');
    expect(frame).toMatch(/✔ serves head/);
    expect(frame).toContain('✖ serves 9f8e7d6');
    expect(frame).toContain('✖ unhealthy: HTTP 503');
    expect(frame).toContain('healthy · alice, 2h ago');
    expect(frame).toContain('PPC a1b2c3a · SDK 0.11.2');
    expect(frame).toContain('staging is 14 commits ahead of production');
    for (const l of lines(frame)) expect(width(l)).toBeLessThanOrEqual(60);
  });

  it('names the permission a token lacks on the environment whose CI it could not read, and shows the rest of it', async () => {
    const store = freshStore();
    const staging = environment('staging', { headCi: 'none', ciUnreadable: 'no permission: needs Checks: read' });
    store.getState().environmentsRead({ status: 'ready', data: [staging, environment('production')], at: NOW }, [diff('staging', 'production')]);
    const r = await renderPane(store);
    const frame = await waitForFrame(r, 'production');
    const all = lines(frame);
    const at = all.findIndex((l) => l.includes(' staging '));
    expect(all[at + 1]).toMatch(/CI ✖ no permission: needs Checks: read/);
    expect(frame).toMatch(/✔ serves head/);
    expect(frame).toContain('staging is 14 commits ahead of production');
    expect(frame.match(/no permission/g)).toHaveLength(1);
  });

  it('says so when no environment is configured', async () => {
    const store = freshStore();
    store.getState().environmentsRead({ status: 'ready', data: [], at: NOW });
    const r = await renderPane(store);
    expect(await waitForFrame(r, 'No environments configured')).not.toContain('Reading');
  });

  it('shows the error and keeps the last data it had, marked stale', async () => {
    const store = freshStore();
    store.getState().environmentsRead({ status: 'error', message: 'GitHub unreachable', data: [environment('staging')], at: NOW });
    const r = await renderPane(store);
    const frame = await waitForFrame(r, 'Could not read environments: GitHub unreachable');
    expect(frame).toContain('stale');
    expect(frame).toContain('staging');
  });

  it('drops detail lines rather than grow past its height', async () => {
    const store = freshStore();
    const envs = ['testing', 'staging', 'production'].map((name) => environment(name));
    store.getState().environmentsRead({ status: 'ready', data: envs, at: NOW }, [diff('testing', 'staging'), diff('staging', 'production')]);
    const r = await renderPane(store, { width: 60, height: 8 });
    const frame = await waitForFrame(r, 'production');
    expect(lines(frame)).toHaveLength(8);
    expect(frame).not.toContain('PPC a1b2c3a · SDK');
  });
});
