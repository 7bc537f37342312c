import { describe, expect, it } from 'vitest';
import { SourceError } from '../../src/domain/source.js';
import { silentPpcs, unreadPart } from '../../src/modes/status/unread.js';

const NOW = Date.parse('2026-03-03T14:00:00Z');

describe('unreadPart: what a failed read costs the glance', () => {
  it('a rate limit says when it resets, in the configured zone (Berlin is UTC+1 in March)', () => {
    const error = new SourceError('github', 'rate-limited', 'GitHub: listing commits failed: rate limited (403 API rate limit exceeded)', { status: 403, retryAt: Date.parse('2026-03-03T14:25:00Z') });
    expect(unreadPart('the environments', error, 'github', NOW, 'Europe/Berlin')).toEqual({ source: 'github', what: 'the environments', why: 'rate limited', resets: 'Tue 15:25 CET (in 25m 00s)' });
  });

  it('names the source the error came from, and says no reset time when none is known or it has passed', () => {
    const past = new SourceError('travis', 'rate-limited', 'Travis CI: listing builds failed: rate limited', { status: 429, retryAt: NOW - 1 });
    expect(unreadPart('the push build', past, 'github', NOW, 'UTC')).toEqual({ source: 'travis', what: 'the push build', why: 'rate limited' });
    const refused = new SourceError('github', 'unreachable', 'GitHub: reading failed: cannot connect (ECONNREFUSED)');
    expect(unreadPart('the pull request', refused, 'github', NOW, 'UTC')).toEqual({ source: 'github', what: 'the pull request', why: 'cannot connect' });
    expect(unreadPart('x', new SourceError('github', 'auth', 'm', { status: 401 }), 'github', NOW, 'UTC').why).toBe('not authorised: check the token');
    expect(unreadPart('x', new SourceError('github', 'http', 'm', { status: 502 }), 'github', NOW, 'UTC').why).toBe('server error 502');
  });

  it('a bug (not a SourceError) is still unread, under the source the read was for', () => {
    expect(unreadPart('the environments', new TypeError('boom'), 'github', NOW, 'UTC')).toEqual({ source: 'github', what: 'the environments', why: 'boom' });
  });

  it('customer PPCs not answering are named, five at most', () => {
    expect(silentPpcs([])).toBeUndefined();
    expect(silentPpcs(['acme'])?.what).toBe('what one runs (acme not answering)');
    expect(silentPpcs(['a', 'b', 'c', 'd', 'e', 'f', 'g'])?.what).toBe('what 7 run (a, b, c, d, e and 2 more not answering)');
  });
});
