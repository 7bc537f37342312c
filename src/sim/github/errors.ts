import { json, type SimResponse } from '../http.js';
import { DOCS } from './links.js';

/** GitHub's error bodies: a message, a documentation URL and (lately) the status as a string. */
export function ghError(status: number, message: string, docs = DOCS, extra: Record<string, unknown> = {}): SimResponse {
  return json(status, { message, documentation_url: docs, status: String(status), ...extra });
}

export const notFound = (docs = DOCS): SimResponse => ghError(404, 'Not Found', docs);

export function validationFailed(docs: string, errors: readonly Record<string, unknown>[]): SimResponse {
  return ghError(422, 'Validation Failed', docs, { errors });
}
