import * as z from '../zod-mini.js';
import { SourceError, type SourceName } from '../domain/source.js';
import { SOURCE_LABEL } from './errors.js';

/** Parses an answer or throws SourceError 'invalid-response' naming what was being read and the first bad field. */
export function parseAnswer<S extends z.core.$ZodType>(source: SourceName, shape: S, data: unknown, doing: string): z.output<S> {
  const result = z.safeParse(shape, data);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  const where = first ? `${first.path.join('.') || 'body'}: ${first.message}` : 'unexpected shape';
  throw new SourceError(source, 'invalid-response', `${SOURCE_LABEL[source]}: ${doing} failed: unexpected answer (${where})`);
}
