import type { FaultRule } from './faults.js';
import type { RateLimit } from './github/rate-limit.js';
import { json, text, type SimResponse, type Target } from './http.js';

const LIMIT_DOCS = 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api';

/** What each service sends back for an injected fault (timeout and slow are handled by the server). */
export function faultResponse(rule: FaultRule, target: Target, rate: RateLimit): SimResponse {
  const github = target === 'github';
  const travis = target === 'travis';
  switch (rule.kind) {
    case 'rate-limit':
      if (github) return json(403, { message: 'API rate limit exceeded for user ID 1. If you reach out to GitHub Support for help, please include the request ID SIM:0.', documentation_url: LIMIT_DOCS, status: '403' }, rate.exhaustedHeaders(rule.retryAfterSeconds));
      // Travis's rack-attack throttle answers 429 in plain text, without Retry-After.
      if (travis) return text(429, 'Retry later\n');
      return { ...json(429, { error: 'too many requests' }), headers: { 'retry-after': String(rule.retryAfterSeconds) } };
    case 'secondary-rate-limit':
      if (github) {
        return json(403, { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID SIM:0.', documentation_url: `${LIMIT_DOCS}#about-secondary-rate-limits`, status: '403' }, { 'retry-after': String(rule.retryAfterSeconds) });
      }
      return { ...(travis ? json(429, { '@type': 'error', error_type: 'rate_limited', error_message: 'too many requests' }) : json(429, { error: 'too many requests' })), headers: { 'retry-after': String(rule.retryAfterSeconds) } };
    default: {
      const status = rule.status ?? (github ? 502 : 503);
      if (github) return json(status, { message: 'Server Error', documentation_url: 'https://docs.github.com/rest', status: String(status) });
      if (travis) return json(status, { '@type': 'error', error_type: 'server_error', error_message: 'Sorry, we experienced an error.' });
      return text(status, 'Service Unavailable\n');
    }
  }
}

