/** The shape of one detector corpus (YAML in corpora/*.yaml or TypeScript in corpora/*.ts). */
export interface CorpusCase {
  name: string;
  /** Tool name for the call; the file's `tool` when left out. */
  tool?: string;
  args: Record<string, unknown>;
  context?: { roots?: string[]; shell?: boolean; annotations?: Record<string, unknown> };
}

export interface CorpusFile {
  detector: string;
  tool: string;
  /** Must each produce at least one finding of `detector`. */
  malicious: CorpusCase[];
  /** Must produce no finding of `detector`. */
  benign: CorpusCase[];
}
