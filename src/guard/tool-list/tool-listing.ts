import type { Decider, DecisionDocument, InputDocument } from '../../policy/documents.js';
import type { ToolDefinition } from '../pins/tool-fingerprint.js';
import { scanToolDescription } from '../tool-description-scan.js';

/** What a listing input shares with the call inputs of the same session. */
export type ListingContext = Omit<InputDocument, 'method' | 'tool' | 'arguments' | 'findings' | 'tool_annotations' | 'tool_changed'>;

/**
 * The input document for deciding whether a tool is shown in tools/list:
 * method "tools/list", no arguments, the description-poisoning findings and
 * the pin state. A policy that denies a tool "whatever the arguments" denies
 * it here too; rules that look at arguments should require
 * `input.method == "tools/call"`.
 */
export function listingInput(tool: ToolDefinition, context: ListingContext, toolChanged: boolean): InputDocument {
  return {
    ...context,
    method: 'tools/list',
    tool: tool.name,
    arguments: {},
    findings: scanToolDescription(tool),
    tool_annotations: tool.annotations !== null && typeof tool.annotations === 'object' ? (tool.annotations as Record<string, unknown>) : {},
    tool_changed: toolChanged,
  };
}

export interface HiddenTool {
  name: string;
  reasons: string[];
  /** Set when deciding failed: the tool is hidden (fail closed) and the error kept for the audit log. */
  error?: string;
}

export interface ToolListFiltering<T> {
  visible: T[];
  hidden: HiddenTool[];
}

export interface ToolListFilterOptions {
  /** Hide denied tools (default true); false lists everything and only reports what would be hidden. */
  hideDenied?: boolean;
}

/**
 * Decides each listed tool with its listing input and hides those the policy
 * denies, so agents do not spend turns on calls that cannot succeed. A
 * decision in shadow mode never hides. A decider that throws hides the tool:
 * calls to it would be denied anyway.
 */
export async function filterToolList<T extends ToolDefinition>(
  tools: readonly T[],
  decider: Decider,
  inputFor: (tool: T) => InputDocument,
  options: ToolListFilterOptions = {},
): Promise<ToolListFiltering<T>> {
  const hideDenied = options.hideDenied ?? true;
  const decisions = await Promise.all(
    tools.map(async (tool): Promise<{ decision?: DecisionDocument; error?: string }> => {
      try {
        return { decision: await decider.decide(inputFor(tool)) };
      } catch (error) {
        return { error: error instanceof Error ? error.message : String(error) };
      }
    }),
  );
  const visible: T[] = [];
  const hidden: HiddenTool[] = [];
  tools.forEach((tool, i) => {
    const { decision, error } = decisions[i];
    const denied = error !== undefined || (decision !== undefined && !decision.allow && decision.mode !== 'shadow');
    if (!denied) return visible.push(tool);
    hidden.push({ name: tool.name, reasons: decision?.reasons ?? [], ...(error !== undefined ? { error } : {}) });
    if (!hideDenied) visible.push(tool);
  });
  return { visible, hidden };
}
