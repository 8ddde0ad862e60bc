/** The most calls seen in any window of `windowMs` (sliding, not aligned to the clock). */
export function peakCallsPerWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let peak = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end] - sorted[start] >= windowMs) start++;
    peak = Math.max(peak, end - start + 1);
  }
  return peak;
}

/**
 * A limit with headroom over the observed peak. A token bucket of N per
 * window admits any traffic that never had more than N calls in a window, so
 * N >= peak already replays; the headroom leaves room for growth.
 */
export function limitWithHeadroom(peak: number, headroom: number, minimum = 5): number {
  return Math.max(minimum, Math.ceil(peak * headroom));
}
