// A terminal for a benchmarked cockpit: Ink writes its frames here (counted, the last one kept) and reads keys
// from here, as it would from a TTY; nothing reaches the real screen.
import { EventEmitter } from 'node:events';

export class BenchTerminal extends EventEmitter {
  isTTY = true;
  frames = 0;
  bytes = 0;
  last = '';
  constructor(columns, rows) {
    super();
    this.columns = columns;
    this.rows = rows;
  }
  write(text) {
    this.frames += 1;
    this.bytes += text.length;
    this.last = text;
    return true;
  }
}

/** Ink's stdin: raw mode is a no-op, and `press` delivers keys the way a TTY does ('readable', then read()). */
export class BenchKeyboard extends EventEmitter {
  isTTY = true;
  #pending = [];
  press(sequence) {
    this.#pending.push(sequence);
    this.emit('readable');
  }
  read() {
    return this.#pending.shift() ?? null;
  }
  setRawMode() {}
  setEncoding() {}
  ref() {}
  unref() {}
  resume() {}
  pause() {}
}

export const KEYS = { enter: '\r', escape: '\u001b', tab: '\t' };
