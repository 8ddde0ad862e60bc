/**
 * Protocol revision 2026-07-28 (the stateless revision) requires every result
 * to say what kind it is: `resultType: "complete"` for a final answer, as
 * opposed to `"input_required"` (multi round-trip requests). Clients on that
 * revision reject results without it, so results toolgate writes itself carry it.
 */

export const FIRST_STATELESS_REVISION = '2026-07-28';

/** Revision identifiers are ISO dates, so they order as strings. */
export function requiresResultType(protocolVersion: string | undefined): boolean {
  return protocolVersion !== undefined && protocolVersion >= FIRST_STATELESS_REVISION;
}

export function completeResult(result: Record<string, unknown>, protocolVersion: string | undefined): Record<string, unknown> {
  if (!requiresResultType(protocolVersion) || result.resultType !== undefined) return result;
  return { ...result, resultType: 'complete' };
}
