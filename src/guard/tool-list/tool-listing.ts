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

/** Whether the policy denies a tool whatever its arguments, asked with the tool's listing input. */
export type HiddenTest = (input: InputDocument) => boolean | Promise<boolean>;

/**
 * A HiddenTest from any Decider: hidden when the listing decision denies and
 * is not in shadow mode. (A loaded toolgate policy has its own, more precise
 * `toolHidden`: use `(input) => policy.toolHidden(input)`.)
 */
export function deniedByDecider(decider: Decider): HiddenTest {
  return async (input) => {
    const decision: DecisionDocument = await decider.decide(input);
    return !decision.allow && decision.mode !== 'shadow';
  };
}

/**
 * Asks about each listed tool with its listing input and hides those the
 * policy denies whatever the arguments, so agents do not spend turns on calls
 * that cannot succeed. A test that throws hides the tool: calls to it would
 * be denied anyway.
 */
export async function filterToolList<T extends ToolDefinition>(
  tools: readonly T[],
  isHidden: HiddenTest,
  inputFor: (tool: T) => InputDocument,
  options: ToolListFilterOptions = {},
): Promise<ToolListFiltering<T>> {
  const hideDenied = options.hideDenied ?? true;
  const verdicts = await Promise.all(
    tools.map(async (tool): Promise<{ hidden: boolean; error?: string }> => {
      try {
        return { hidden: await isHidden(inputFor(tool)) };
      } catch (error) {
        return { hidden: true, error: error instanceof Error ? error.message : String(error) };
      }
    }),
  );
  const visible: T[] = [];
  const hidden: HiddenTool[] = [];
  tools.forEach((tool, i) => {
    const { hidden: isHiddenTool, error } = verdicts[i];
    if (isHiddenTool) hidden.push({ name: tool.name, ...(error !== undefined ? { error } : {}) });
    if (!isHiddenTool || !hideDenied) visible.push(tool);
  });
  return { visible, hidden };
}
