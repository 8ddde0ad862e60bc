/** The pipeline's observers: onDecision / onViolation callbacks, `--verbose` lines, and the call count for proxy.stopped. */
import type { ProxyHooks } from '../proxy/hooks.js';
import { callReport } from './call-report.js';
import type { CallReport } from './protect-options.js';
import { verboseLine } from './verbose-line.js';

export interface CallObservers {
  onDecision?: (report: CallReport) => void;
  onViolation?: (report: CallReport) => void;
  verbose: boolean;
  report: (message: string) => void;
}

export interface ObserverHooks {
  hooks: ProxyHooks;
  /** tools/call requests decided so far. */
  calls(): number;
}

export function observerHooks(observers: CallObservers): ObserverHooks {
  let calls = 0;
  // a host's callback that throws must not change how the call is answered
  const notify = (callback: ((report: CallReport) => void) | undefined, name: string, report: CallReport) => {
    try {
      callback?.(report);
    } catch (error) {
      observers.report(`the ${name} callback failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const wanted = observers.onDecision !== undefined || observers.onViolation !== undefined || observers.verbose;
  const hooks: ProxyHooks = {
    name: 'observers',
    onVerdict(call, context, verdict) {
      calls++;
      if (!wanted) return;
      const report = callReport(call, context, verdict);
      if (observers.verbose) observers.report(verboseLine(report));
      notify(observers.onDecision, 'onDecision', report);
      if (report.outcome !== 'allowed') notify(observers.onViolation, 'onViolation', report);
    },
  };
  return { hooks, calls: () => calls };
}
