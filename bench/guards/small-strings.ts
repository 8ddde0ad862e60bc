import { realisticText } from './realistic-text.js';

/** Fixed pseudo-random characters from `alphabet` (the same every run). */
function randomChars(alphabet: string, length: number): string {
  let seed = 5;
  let out = '';
  for (let i = 0; i < length; i++) {
    seed = (seed * 16807) % 2147483647;
    out += alphabet[seed % alphabet.length];
  }
  return out;
}

/**
 * Calls with one small string argument, as most tool calls are: what every
 * string pays however little there is to find in it.
 */
export function smallStringCalls(size = 1024): Array<{ name: string; args: Record<string, string>; tool: string }> {
  const prose = realisticText(64 * 1024).slice(3000, 3000 + size);
  const token = randomChars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', size);
  const path = Array.from({ length: size }, (_, i) => `src/module${i}/file.ts`).join('/').slice(0, size);
  return [
    { name: 'prose (README text)', args: { content: prose }, tool: 'write_file' },
    { name: 'base64-ish token', args: { content: token }, tool: 'write_file' },
    { name: 'path-like', args: { path }, tool: 'read_file' },
    { name: "one letter repeated ('x')", args: { data: 'x'.repeat(size) }, tool: 'size' },
  ];
}
