import { describe, expect, it } from 'vitest';
import { lastRawLines, stripLogText, tailLines } from '../../src/format/log-text.js';

describe('stripLogText', () => {
  it('removes travis fold and time markers and the erase-line codes around them', () => {
    const raw =
      'travis_fold:start:git.checkout\r\u001B[0Ktravis_time:start:0a1b2c3d\r\u001B[0K$ git clone --depth=50 https://github.com/acme/service.git\n' +
      'Cloning into acme/service...\n' +
      'travis_time:end:0a1b2c3d:start=1,finish=2,duration=1,event=checkout\r\u001B[0Ktravis_fold:end:git.checkout\r\u001B[0K\n';
    expect(stripLogText(raw).split('\n')).toEqual(['$ git clone --depth=50 https://github.com/acme/service.git', 'Cloning into acme/service...', '', '']);
  });

  it('removes colors, OSC titles and stray control characters', () => {
    expect(stripLogText('\u001B[32;1mThe command "npm test" exited with 0.\u001B[0m')).toBe('The command "npm test" exited with 0.');
    expect(stripLogText('\u001B]0;title\u0007ok\u0008!')).toBe('ok!');
  });

  it('keeps what a terminal finally shows of a \\r progress line', () => {
    expect(stripLogText('Downloading 10%\rDownloading 50%\rDownloading 100%\r\nnext')).toBe('Downloading 100%\nnext');
  });

  it('turns tabs into spaces so that widths add up', () => {
    expect(stripLogText('a\tb')).toBe('a  b');
  });
});

describe('tailLines', () => {
  it('returns the last lines, without the trailing blank ones', () => {
    expect(tailLines('one\ntwo\nthree\n\n', 2)).toEqual(['two', 'three']);
    expect(tailLines('one', 5)).toEqual(['one']);
    expect(tailLines('one\ntwo', 0)).toEqual([]);
  });
});

describe('lastRawLines', () => {
  it('returns the last lines of the raw text, ignoring the trailing newline', () => {
    expect(lastRawLines('a\nb\nc\n', 2)).toBe('b\nc');
    expect(lastRawLines('a\r\nb', 5)).toBe('a\r\nb');
    expect(lastRawLines('a\nb', 0)).toBe('');
  });

  it('gives the same tail as stripping the whole log', () => {
    const raw = Array.from({ length: 5000 }, (_, i) => `\u001B[32mline ${i}\u001B[0m\r\ntravis_fold:end:x\r\u001B[0K`).join('\n');
    expect(tailLines(stripLogText(lastRawLines(raw, 40)), 10)).toEqual(tailLines(stripLogText(raw), 10));
  });
});
