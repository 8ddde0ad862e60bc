import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { packageFiles } from './package-files.js';
import { realisticText } from './realistic-text.js';

/**
 * 1 MiB arguments of the shapes tools really get, built from files of the
 * installed packages (the same text every run): English prose and code,
 * prose in other scripts (TypeScript's translated messages: Cyrillic, CJK,
 * Latin letters with diacritics), a binary file as base64 and as hex, JSON,
 * minified JavaScript, server log lines, and shell commands.
 */
export function largeArguments(bytes: number, root = 'node_modules'): Array<{ name: string; text: string }> {
  const translated = (...languages: string[]) =>
    languages.map((language) => Object.values(JSON.parse(readFileSync(join(root, 'typescript/lib', language, 'diagnosticMessages.generated.json'), 'utf8'))).join('\n')).join('\n');
  const compressed = gzipSync(readFileSync(join(root, 'typescript/lib/lib.dom.d.ts')), { level: 9 });
  return [
    { name: 'English README prose and TypeScript', text: realisticText(bytes, root) },
    { name: 'Russian prose (Cyrillic)', text: translated('ru') },
    { name: 'Chinese and Japanese prose', text: translated('zh-cn', 'ja') },
    { name: 'Polish, Czech, Turkish, German prose', text: translated('pl', 'cs', 'tr', 'de') },
    { name: 'gzip data as base64', text: compressed.toString('base64') },
    { name: 'gzip data as hex', text: compressed.toString('hex') },
    { name: 'JSON (package manifests)', text: packageManifests(root) },
    { name: 'minified JavaScript', text: readFileSync(join(root, 'tar/dist/commonjs/index.min.js'), 'utf8') },
    { name: 'server log lines', text: logLines(bytes) },
    { name: 'shell commands from READMEs', text: shellSnippets(root) },
  ].map(({ name, text }) => ({ name, text: repeatTo(text, bytes) }));
}

/** `text` cut to `length` characters, or repeated (line by line) until it is that long. */
function repeatTo(text: string, length: number): string {
  let out = text;
  while (out.length < length) out += `\n${text}`;
  return out.slice(0, length);
}

function packageManifests(root: string): string {
  return JSON.stringify(packageFiles(root, 'package.json').map((text) => JSON.parse(text)), null, 2);
}

function shellSnippets(root: string): string {
  let out = '';
  for (const readme of packageFiles(root, 'README.md')) {
    for (const block of readme.matchAll(/```(?:sh|bash|shell|console)\n([\s\S]*?)```/g)) out += block[1];
  }
  return out;
}

/** Access-log lines from a fixed pseudo-random sequence: times, addresses, paths, statuses, sizes, user agents. */
function logLines(bytes: number): string {
  let seed = 42;
  const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
  const paths = ['/api/v1/users', '/api/v1/orders', '/static/app.js', '/login', '/health', '/api/v2/search'];
  const agents = ['Mozilla/5.0 (X11; Linux x86_64)', 'curl/8.5.0', 'python-requests/2.31', 'Go-http-client/1.1'];
  const lines: string[] = [];
  let length = 0;
  while (length < bytes) {
    const line = `2026-11-${String(1 + next(28)).padStart(2, '0')}T${String(next(24)).padStart(2, '0')}:${String(next(60)).padStart(2, '0')}:${String(next(60)).padStart(2, '0')}Z ${10 + next(200)}.${next(256)}.${next(256)}.${next(256)} "GET ${paths[next(paths.length)]}?id=${next(100000)}&page=${next(50)} HTTP/1.1" ${[200, 200, 200, 304, 404, 500][next(6)]} ${next(90000)} ${next(900)}ms "${agents[next(agents.length)]}"`;
    lines.push(line);
    length += line.length + 1;
  }
  return lines.join('\n');
}
