const digitPair = /\d\d/g;

/**
 * The lines of `text` (split at "\n") that hold two digits in a row, joined
 * by "\n" in their order: where numbers written as card, social security,
 * phone or bank account numbers can be. Found with one regex search per such
 * line, which skips the others.
 */
export function linesWithDigitPair(text: string): string {
  const lines: string[] = [];
  // A copy: its lastIndex is moved to each line's end and seen nowhere else.
  const pair = new RegExp(digitPair);
  for (let match = pair.exec(text); match !== null; match = pair.exec(text)) {
    const start = text.lastIndexOf('\n', match.index) + 1;
    const newline = text.indexOf('\n', match.index);
    const end = newline < 0 ? text.length : newline;
    lines.push(text.slice(start, end));
    pair.lastIndex = end;
  }
  return lines.join('\n');
}
