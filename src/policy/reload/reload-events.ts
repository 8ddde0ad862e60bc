/**
 * What a reload reports. The shapes are those the audit builders take
 * (policyReloadedEvent / policyReloadFailedEvent), plus which policy it was.
 */

/** The enforced policy, or the candidate evaluated beside it (`--shadow-policy`). */
export type PolicyRole = 'enforced' | 'candidate';

export interface PolicyReloaded {
  role: PolicyRole;
  /** Revision (hash of the sources) now deciding. */
  revision: string;
  previousRevision: string;
  /** The files the new revision was built from. */
  sources: string[];
  /** From the start of the rebuild to the swap. */
  durationMillis: number;
  /** Of that, reading, compiling and building the bundle. */
  buildMillis: number;
}

export interface PolicyReloadFailed {
  role: PolicyRole;
  /** The positioned error (file:line:col: code: message, source line, caret). */
  error: string;
  /** The files of the revision kept. */
  sources: string[];
  /** The revision that keeps deciding. */
  keptRevision: string;
}

export type ReloadOutcome =
  | ({ status: 'reloaded' } & PolicyReloaded)
  | { status: 'unchanged'; role: PolicyRole; revision: string; durationMillis: number }
  | ({ status: 'failed' } & PolicyReloadFailed);

/** Callbacks may be asynchronous (an audit append); a reload settles after them. */
export type ReloadListener<T> = (event: T) => void | Promise<void>;
