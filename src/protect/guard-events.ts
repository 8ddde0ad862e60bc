/** What the guards report (pins, poisoned descriptions, hidden tools) goes to the audit log and the diagnostics channel. */
import type { AuditLog } from '../audit/audit-log.js';
import { toolChangedEvent } from '../audit/event-builders.js';
import type { GuardEvent } from '../guard/proxy-hooks.js';
import { terminalSafe } from './terminal-safe.js';

export interface GuardEventSinkOptions {
  audit?: AuditLog;
  verbose: boolean;
  report: (message: string) => void;
}

export function guardEventSink(options: GuardEventSinkOptions): (event: GuardEvent) => void {
  const { audit, report } = options;
  // a required log that cannot be written blocks the calls themselves; these events are best effort
  const record = (event: Parameters<typeof toolChangedEvent>[0]) => void audit?.append(toolChangedEvent(event)).catch(() => {});
  return (event) => {
    switch (event.type) {
      case 'tool-pinned':
        record({ tool: event.observation.tool, change: 'added', currentHash: event.observation.hash });
        if (options.verbose) report(`pinned tool ${terminalSafe(event.observation.tool)} of ${terminalSafe(event.server)} (${event.observation.hash})`);
        return;
      case 'tool-changed':
        record({ tool: event.observation.tool, change: 'modified', previousHash: event.observation.pinnedHash, currentHash: event.observation.hash });
        report(
          `warning: tool ${terminalSafe(event.observation.tool)} of ${terminalSafe(event.server)} differs from its pinned definition ` +
            `(pinned ${event.observation.pinnedHash}, now ${event.observation.hash}); calls to it carry tool_changed until \`toolgate pins approve\` accepts it`,
        );
        return;
      case 'tool-description-findings':
        report(
          `warning: the description of tool ${terminalSafe(event.tool)} of ${terminalSafe(event.server)} looks poisoned: ${terminalSafe(event.findings.map((f) => f.detail).join('; '))}`,
        );
        return;
      case 'tools-hidden':
        if (options.verbose) report(`hid ${event.tools.length} tool(s) the policy denies whatever the arguments: ${terminalSafe(event.tools.map((t) => t.name).join(', '))}`);
        return;
      case 'rate-limited':
      case 'redacted':
        // recorded with the call's own audit event
        return;
    }
  };
}
