import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/exit-codes.js';
import { parseMirrorAddress } from '../../src/mirror/address.js';
import { feedUrl } from '../../src/mirror/feed-url.js';
import { bearerMatches, generateToken, tokenDigest, tokenFromEnv, watcherToken } from '../../src/mirror/token.js';

describe('--mirror HOST:PORT', () => {
  it.each([
    ['127.0.0.1:7777', { host: '127.0.0.1', port: 7777 }],
    [':7777', { host: '127.0.0.1', port: 7777 }],
    ['7777', { host: '127.0.0.1', port: 7777 }],
    ['127.0.0.1:0', { host: '127.0.0.1', port: 0 }],
    ['0.0.0.0:8080', { host: '0.0.0.0', port: 8080 }],
    ['[::1]:7777', { host: '::1', port: 7777 }],
    ['cockpit.internal:7777', { host: 'cockpit.internal', port: 7777 }],
  ])('reads %s', (text, address) => {
    expect(parseMirrorAddress(text)).toEqual(address);
  });

  it.each(['', 'localhost', 'host:port', '127.0.0.1:70000', '127.0.0.1:-1', 'a b:80', '::1:7777', 'http://127.0.0.1:7777'])('refuses "%s" with one message naming the form', (text) => {
    expect(() => parseMirrorAddress(text)).toThrow(UsageError);
    expect(() => parseMirrorAddress(text)).toThrow(/--mirror expects HOST:PORT/);
  });

  it('is absent when the flag is', () => {
    expect(parseMirrorAddress(undefined)).toBeUndefined();
  });
});

describe('the mirror token', () => {
  it('is generated fresh, long and shell-safe', () => {
    const a = generateToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(generateToken()).not.toBe(a);
  });

  it('matches only the exact bearer token', () => {
    const expected = tokenDigest('the-right-token-1234');
    expect(bearerMatches('Bearer the-right-token-1234', expected)).toBe(true);
    expect(bearerMatches('bearer the-right-token-1234', expected)).toBe(true);
    for (const header of [undefined, '', 'Bearer', 'Bearer the-right-token-123', 'Bearer the-right-token-12345', 'Token the-right-token-1234', 'Bearer the-right-token-1234 x']) {
      expect(bearerMatches(header, expected), String(header)).toBe(false);
    }
  });

  it('from COCKPIT_MIRROR_TOKEN must be at least 16 printable characters', () => {
    expect(tokenFromEnv({})).toBeUndefined();
    expect(tokenFromEnv({ COCKPIT_MIRROR_TOKEN: 'sixteen-chars-ok' })).toBe('sixteen-chars-ok');
    expect(() => tokenFromEnv({ COCKPIT_MIRROR_TOKEN: 'short' })).toThrow(/at least 16/);
    expect(() => tokenFromEnv({ COCKPIT_MIRROR_TOKEN: 'has a space in it, sadly' })).toThrow(UsageError);
    expect(() => tokenFromEnv({ COCKPIT_MIRROR_TOKEN: 'a'.repeat(16) })).toThrow(/too weak to guard the mirror \(only 1 different character\)/);
    expect(() => tokenFromEnv({ COCKPIT_MIRROR_TOKEN: 'abcabcabcabcabcabc' })).toThrow(/too weak/);
  });

  it('a watcher takes --token first, then COCKPIT_MIRROR_TOKEN, and says what it needs without either', () => {
    expect(watcherToken('flag-token', { COCKPIT_MIRROR_TOKEN: 'env-token' }, 'cockpit watch')).toBe('flag-token');
    expect(watcherToken(undefined, { COCKPIT_MIRROR_TOKEN: 'env-token' }, 'cockpit watch')).toBe('env-token');
    expect(() => watcherToken(undefined, {}, 'cockpit watch')).toThrow(/cockpit watch needs the mirror's token: COCKPIT_MIRROR_TOKEN=T or --token-file FILE/);
  });
});

describe("a watcher's URL", () => {
  it('adds the feed path to the URL the primary printed', () => {
    expect(feedUrl('http://127.0.0.1:7777').href).toBe('http://127.0.0.1:7777/feed');
    expect(feedUrl('http://127.0.0.1:7777/').href).toBe('http://127.0.0.1:7777/feed');
    expect(feedUrl('https://proxy.example/cockpit/').href).toBe('https://proxy.example/cockpit/feed');
    expect(feedUrl('http://127.0.0.1:7777/feed').href).toBe('http://127.0.0.1:7777/feed');
  });

  it('refuses what is not an http(s) URL, and a token in the URL', () => {
    expect(() => feedUrl('127.0.0.1:7777')).toThrow(UsageError);
    expect(() => feedUrl('ftp://127.0.0.1:7777')).toThrow(/http:\/\/ or https:\/\//);
    expect(() => feedUrl('http://user:secret@127.0.0.1:7777')).toThrow(/not in the URL/);
  });
});
