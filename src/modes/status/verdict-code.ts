import { statusVerdict, type StatusFacts } from '../../domain/status-verdict.js';
import { EXIT, type StatusCode } from '../../exit-codes.js';

/** The domain's verdict numbered as `cockpit status` exits with it: the domain ranks, the command line numbers. */
export function verdictWithCode(facts: StatusFacts): { code: StatusCode; reasons: string[] } {
  const { verdict, reasons } = statusVerdict(facts);
  return { code: EXIT[verdict], reasons };
}
