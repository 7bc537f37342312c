import { UsageError } from '../exit-codes.js';

/** Command-line flag readers shared by the modes; each names the flag and what it expects when it is wrong. */

export function stringFlag(value: string | boolean | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`${flag} needs a value`);
  return value;
}

export function intFlag(value: string | boolean | undefined, flag: string, min: number, max: number): number | undefined {
  const text = stringFlag(value, flag);
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < min || n > max) throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, got "${text}"`);
  return n;
}

export function speedFlag(value: string | boolean | undefined): number | undefined {
  const text = stringFlag(value, '--speed');
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0 || n > 100_000) throw new UsageError(`--speed must be a number above 0 (e.g. 1, 10, 0.5), got "${text}"`);
  return n;
}
