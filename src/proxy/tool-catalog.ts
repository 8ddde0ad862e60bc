/** What toolgate remembers about the server's tools from tools/list results, for the policy's input. */
import { isPlainObject } from './tool-call.js';

interface KnownTool {
  annotations: Record<string, unknown>;
  firstDefinition: string;
  changed: boolean;
}

export class ToolCatalog {
  private readonly tools = new Map<string, KnownTool>();

  /** Records the tools of one tools/list result (one page of it). */
  remember(tools: unknown): void {
    if (!Array.isArray(tools)) return;
    for (const tool of tools) {
      if (!isPlainObject(tool) || typeof tool.name !== 'string') continue;
      const definition = JSON.stringify(tool);
      const annotations = isPlainObject(tool.annotations) ? tool.annotations : {};
      const known = this.tools.get(tool.name);
      if (known === undefined) {
        this.tools.set(tool.name, { annotations, firstDefinition: definition, changed: false });
      } else {
        known.annotations = annotations;
        known.changed ||= definition !== known.firstDefinition;
      }
    }
  }

  annotations(name: string): Record<string, unknown> {
    return this.tools.get(name)?.annotations ?? {};
  }

  /** Whether the tool's definition differs from the first one listed in this session. */
  changed(name: string): boolean {
    return this.tools.get(name)?.changed ?? false;
  }
}
