import type { GateCondition } from './playbook.js';

// The three ways a live condition reads: still waiting, met (for a head, when it belongs to one), or failed.

export const waiting = (text: string): GateCondition => ({ isMet: false, isFailed: false, text });
export const met = (text: string, sha?: string): GateCondition => ({ isMet: true, isFailed: false, text, ...(sha ? { sha } : {}) });
export const failed = (text: string): GateCondition => ({ isMet: false, isFailed: true, text });
