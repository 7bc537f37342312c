import { EventEmitter } from 'node:events';

/** An 80x24 TTY for Ink that hands every write to `onWrite` instead of a screen. */
export class Terminal extends EventEmitter {
  columns;
  rows;
  isTTY = true;
  constructor(onWrite, { columns = 80, rows = 24 } = {}) {
    super();
    this.onWrite = onWrite;
    this.columns = columns;
    this.rows = rows;
  }
  write(text) {
    this.onWrite(String(text));
    return true;
  }
}

/** A keyboard nobody types on: enough of a TTY stdin for Ink's raw mode. */
export class Keyboard extends EventEmitter {
  isTTY = true;
  setRawMode() {}
  setEncoding() {}
  read() {
    return null;
  }
  ref() {}
  unref() {}
  resume() {}
  pause() {}
}
