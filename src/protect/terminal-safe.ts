/**
 * Text from agents and servers (tool names, reasons, descriptions) printed on
 * a terminal: control characters (ANSI escapes, newlines) and bidi overrides
 * are shown as \u escapes, so they cannot rewrite or forge diagnostics lines.
 */
export function terminalSafe(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
