import { decodeBase64Payloads, type DecodedPayload } from '../text/base64-payloads.js';
import { decodedLayers } from '../text/decode-escapes.js';
import { foldForMatching } from '../text/fold.js';
import type { StringLeaf } from '../walk/string-leaves.js';

/**
 * One string from the arguments, with the derived forms detectors match on,
 * each computed at most once however many detectors ask for it.
 */
export class ScannedString {
  readonly text: string;
  readonly isKey: boolean;
  private readonly leaf: StringLeaf;
  private cachedPath?: Array<string | number>;
  private cachedDecoded?: string[];
  private cachedFolded?: string;
  private cachedPayloads?: DecodedPayload[];

  constructor(leaf: StringLeaf) {
    this.leaf = leaf;
    this.text = leaf.text;
    this.isKey = leaf.isKey;
  }

  get path(): Array<string | number> {
    return (this.cachedPath ??= this.leaf.path());
  }

  /** The innermost key naming this value ("path" for `{path: "..."}` and `{path: ["..."]}`). */
  get fieldName(): string | undefined {
    return this.leaf.fieldName;
  }

  /** Whether the string sits under a command-named field at any depth. */
  get underShellField(): boolean {
    return this.leaf.underFlaggedKey;
  }

  /** Percent / `%u` / `\x` / overlong-UTF-8 decoded forms, one per layer peeled off. */
  get decoded(): string[] {
    return (this.cachedDecoded ??= decodedLayers(this.text));
  }

  /** Lower-cased, NFKC, invisible characters removed, confusables replaced. */
  get folded(): string {
    return (this.cachedFolded ??= foldForMatching(this.text));
  }

  get base64Payloads(): DecodedPayload[] {
    return (this.cachedPayloads ??= decodeBase64Payloads(this.text));
  }
}
