/**
 * Five single ASCII letters in a row, each pair split by one to three
 * non-letters ("i g n o r e", "I.G.N.O.R.E"), as [start, end) spans: what
 * `matchAll` of
 * `/(?:^|[^a-zA-Z])[a-zA-Z][^a-zA-Z]{1,3}[a-zA-Z][^a-zA-Z]{1,3}[a-zA-Z][^a-zA-Z]{1,3}[a-zA-Z][^a-zA-Z]{1,3}[a-zA-Z](?![a-zA-Z])/g`
 * finds (a span starts at the non-letter before the first letter, or at 0),
 * in one pass over the letter runs instead of a regex attempt at every
 * non-letter. A chain of more than five such letters gives one span per five,
 * as the regex resumes after each match.
 */
export function spacedLetterSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const n = text.length;
  let chain = 0;
  let first = 0;
  let last = 0;
  let i = 0;
  while (i < n) {
    if (!isLetter(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let end = i + 1;
    while (end < n && isLetter(text.charCodeAt(end))) end++;
    if (end - i > 1) chain = 0;
    else {
      // Only non-letters lie between `last` and `i`: a longer run in between would have reset the chain.
      if (chain > 0 && i - last - 1 <= 3) chain++;
      else {
        chain = 1;
        first = i;
      }
      last = i;
      if (chain === 5) {
        spans.push([first === 0 ? 0 : first - 1, last + 1]);
        chain = 0;
      }
    }
    i = end;
  }
  return spans;
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}
