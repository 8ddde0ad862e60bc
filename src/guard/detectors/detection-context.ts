/** What a detector knows about the call besides the arguments themselves. */
export interface DetectionContext {
  /** The tool being called. */
  tool: string;
  /** The tool's annotations from tools/list (MCP hints and any custom keys). */
  annotations?: Record<string, unknown>;
  /**
   * Directories the policy allows (paths or file:// URIs). When given, paths
   * that resolve outside every root are reported as path traversal.
   */
  roots?: readonly string[];
  /** Every argument of this tool reaches a shell, whatever its name says. */
  shell?: boolean;
}
