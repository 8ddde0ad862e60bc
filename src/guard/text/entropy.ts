const asciiCounts = new Int32Array(128);

/** Shannon entropy of the characters of `text`, in bits per character. */
export function shannonEntropy(text: string): number {
  const length = text.length;
  if (length === 0) return 0;
  let ascii = true;
  for (let i = 0; i < length && ascii; i++) ascii = text.charCodeAt(i) < 128;
  if (!ascii) {
    const counts = [...countCodePoints(text).values()];
    return entropyOfCounts(counts, counts.reduce((sum, n) => sum + n, 0));
  }
  // ASCII (every token the secret scan looks at): a reusable table instead of a Map.
  asciiCounts.fill(0);
  for (let i = 0; i < length; i++) asciiCounts[text.charCodeAt(i)]++;
  return entropyOfCounts(asciiCounts, length);
}

function countCodePoints(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  return counts;
}

/** The counts are summed in their order (char codes, or first appearance): the same order as ever, so the same float result. */
function entropyOfCounts(counts: ArrayLike<number>, length: number): number {
  let entropy = 0;
  for (let i = 0; i < counts.length; i++) {
    const count = counts[i];
    if (count === 0) continue;
    const p = count / length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}
