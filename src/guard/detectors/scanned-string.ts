import { decodeBase64Payloads, type DecodedPayload } from '../text/base64-payloads.js';
import { decodedLayers } from '../text/decode-escapes.js';
import { foldedRuns, foldLookalikes, nonAsciiRunsUpTo } from '../text/fold.js';
import { FoldedText } from '../text/folded-text.js';
import type { StringLeaf } from '../walk/string-leaves.js';
import { flaggablePathCandidates, pathCandidates, pathForms, type PathForm } from './path-candidates.js';

/** Texts with at most one non-ASCII run per this many characters are folded as a `FoldedText`. */
const sparseRuns = 64;
/** How much of a text's start tells a text dense in runs (prose in another script), which is folded as a copy without counting all its runs. */
const sampleLength = 8192;

/**
 * One string from the arguments, with the derived forms detectors match on,
 * each computed at most once however many detectors ask for it.
 */
export class ScannedString {
  readonly text: string;
  readonly isKey: boolean;
  /** Whether a shell reads this string: any argument of a shell tool, or anything under a command-named field. */
  readonly reachesShell: boolean;
  private readonly leaf: StringLeaf;
  private cachedPathForms?: PathForm[];
  private cachedFlaggablePathForms?: PathForm[];
  private cachedPath?: Array<string | number>;
  private cachedDecoded?: string[];
  private cachedFolded?: FoldedText | string;
  private cachedPayloads?: DecodedPayload[];

  constructor(leaf: StringLeaf, shellTool: boolean) {
    this.leaf = leaf;
    this.text = leaf.text;
    this.isKey = leaf.isKey;
    this.reachesShell = shellTool || leaf.underFlaggedKey;
  }

  get path(): Array<string | number> {
    return (this.cachedPath ??= this.leaf.path());
  }

  /** The innermost key naming this value ("path" for `{path: "..."}` and `{path: ["..."]}`). */
  get fieldName(): string | undefined {
    return this.leaf.fieldName;
  }

  /** Percent / `%u` / `\x` / overlong-UTF-8 decoded forms, one per layer peeled off. */
  get decoded(): string[] {
    return (this.cachedDecoded ??= decodedLayers(this.text));
  }

  /**
   * Invisible characters removed, NFKC, confusables replaced; ASCII (and its
   * case) untouched. The text itself when folding changes nothing (ASCII), a
   * `FoldedText` over the source where non-ASCII runs are sparse (no copy of a
   * large text), else the folded copy, which is cheaper to make than working
   * around each of many runs.
   */
  get unconfused(): FoldedText | string {
    if (this.cachedFolded === undefined) {
      const denseAtStart = this.text.length > sampleLength && nonAsciiRunsUpTo(this.text, sampleLength / sparseRuns, sampleLength) === undefined;
      const runs = denseAtStart ? undefined : nonAsciiRunsUpTo(this.text, Math.floor(this.text.length / sparseRuns));
      if (runs === undefined) this.cachedFolded = foldLookalikes(this.text);
      else {
        const changed = foldedRuns(this.text, runs);
        this.cachedFolded = changed.length === 0 ? this.text : new FoldedText(this.text, changed);
      }
    }
    return this.cachedFolded;
  }

  /** The parts that could be used as paths, each in every form a server could read it in. */
  get pathForms(): PathForm[] {
    if (this.cachedPathForms === undefined) {
      const all: PathForm[] = [];
      const flaggable: PathForm[] = [];
      for (const candidate of pathCandidates(this)) {
        for (const form of pathForms(candidate.text)) {
          all.push(form);
          if (candidate.mayBeFlagged) flaggable.push(form);
        }
      }
      this.cachedPathForms = all;
      this.cachedFlaggablePathForms ??= flaggable;
    }
    return this.cachedPathForms;
  }

  /**
   * `pathForms` without the shell words that only resolving against roots
   * could flag: words without an escape, NUL, "_", non-ASCII that a server
   * could read differently, or a segment that may start a sensitive location
   * or be ".." (most URLs, dotted names in code, prose in other scripts).
   */
  get flaggablePathForms(): PathForm[] {
    return (this.cachedFlaggablePathForms ??= flaggablePathCandidates(this).flatMap((candidate) => pathForms(candidate)));
  }

  get base64Payloads(): DecodedPayload[] {
    return (this.cachedPayloads ??= decodeBase64Payloads(this.text));
  }
}
