/**
 * Detection and false-positive rates: `node --import tsx bench/guards/corpus-rates.ts`.
 *
 * 1. The adversarial and benign corpora of test/guard/corpora, per detector.
 * 2. Real text: every README.md of the installed packages and a sample of
 *    their JavaScript, each sent as the content of a write_file call; what
 *    each detector reports there (real e-mail addresses in READMEs are true
 *    PII, not false positives: the kinds are listed).
 * 3. README prose lines as arguments of a shell tool.
 * 4. Random tokens without a known prefix (generic secret detection).
 * 5. Real tool definitions: the tools/list of three reference MCP servers,
 *    through the description-poisoning scan.
 * 6. Real tool results of those servers through the detectors and redaction.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { detect } from '../../src/guard/detect.js';
import { detectorKinds } from '../../src/guard/kinds.js';
import { redact } from '../../src/guard/redact/redact-result.js';
import { scanToolDescription } from '../../src/guard/tool-description-scan.js';
import { contextOf, loadCorpora } from '../../test/guard/load-corpora.js';

const percent = (n: number, d: number) => (d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(1)}%`);

console.log('1. Corpora (test/guard/corpora)');
console.log('   detector            found/malicious  detection   flagged/benign  false positives');
for (const corpus of loadCorpora()) {
  const found = corpus.malicious.filter((c) => detect(c.args, contextOf(corpus, c)).some((f) => f.detector === corpus.detector)).length;
  const flagged = corpus.benign.filter((c) => detect(c.args, contextOf(corpus, c)).some((f) => f.detector === corpus.detector)).length;
  console.log(
    `   ${corpus.detector.padEnd(19)} ${`${found}/${corpus.malicious.length}`.padStart(15)}  ${percent(found, corpus.malicious.length).padStart(9)}   ${`${flagged}/${corpus.benign.length}`.padStart(14)}  ${percent(flagged, corpus.benign.length).padStart(15)}`,
  );
}

function realFiles(): Array<{ name: string; text: string }> {
  const files: Array<{ name: string; text: string }> = [];
  for (const pkg of readdirSync('node_modules').sort()) {
    const dir = join('node_modules', pkg);
    const readme = join(dir, 'README.md');
    if (existsSync(readme)) files.push({ name: readme, text: readFileSync(readme, 'utf8') });
    const main = join(dir, 'index.js');
    if (existsSync(main) && statSync(main).size < 512 * 1024) files.push({ name: main, text: readFileSync(main, 'utf8') });
  }
  return files;
}

console.log('\n2. Real text: README.md and index.js of every installed package, as write_file content');
const files = realFiles();
const flaggedFiles = new Map<string, Set<string>>();
const kinds = new Map<string, number>();
for (const file of files) {
  for (const finding of detect({ path: 'copy.txt', content: file.text }, { tool: 'write_file' })) {
    if (!flaggedFiles.has(finding.detector)) flaggedFiles.set(finding.detector, new Set());
    flaggedFiles.get(finding.detector)!.add(file.name);
    const kind = `${finding.detector}: ${finding.detail.split(':')[0]}`;
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
}
console.log(`   ${files.length} files, ${(files.reduce((n, f) => n + f.text.length, 0) / 1e6).toFixed(1)} MB`);
for (const kind of detectorKinds) console.log(`   ${kind.padEnd(19)} files flagged: ${String(flaggedFiles.get(kind)?.size ?? 0).padStart(4)} (${percent(flaggedFiles.get(kind)?.size ?? 0, files.length)})`);
console.log('   what was found:');
for (const [kind, count] of [...kinds].sort((a, b) => b[1] - a[1])) console.log(`     ${String(count).padStart(4)}  ${kind}`);

console.log('\n3. README prose lines (outside code blocks) as an argument of a shell tool (run_command)');
const proseLines: string[] = [];
for (const file of files.filter((f) => f.name.endsWith('README.md'))) {
  let inCode = false;
  for (const line of file.text.split('\n')) {
    if (line.trimStart().startsWith('```')) inCode = !inCode;
    else if (!inCode && line.trim().length >= 20 && line.length <= 300) proseLines.push(line);
  }
}
for (const kind of ['command_injection', 'path_traversal', 'sensitive_path'] as const) {
  const flagged = proseLines.filter((line) => detect({ note: line }, { tool: 'run_command' }, { detectors: [kind] }).length > 0);
  console.log(`   ${kind.padEnd(19)} ${flagged.length}/${proseLines.length} lines flagged (${percent(flagged.length, proseLines.length)})`);
  for (const line of flagged.slice(0, 3)) console.log(`     e.g. ${JSON.stringify(line.slice(0, 110))}`);
}

console.log('\n4. Random 32- and 40-character base62 tokens with no known prefix (generic high-entropy detection)');
const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
for (const length of [32, 40]) {
  let eligible = 0;
  let found = 0;
  for (let i = 0; i < 2000; i++) {
    const token = Array.from({ length }, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join('');
    const counts = [/[A-Z]/g, /[a-z]/g, /\d/g].map((r) => token.match(r)?.length ?? 0);
    if (counts.some((c) => c < 2)) continue; // the detector requires two of each class
    eligible++;
    if (detect({ note: `use ${token} to sign in` }, { tool: 'note' }, { detectors: ['secret'] }).length > 0) found++;
  }
  console.log(`   length ${length}: ${found}/${eligible} found (${percent(found, eligible)})`);
}

console.log('\n5. Real tool definitions through the description-poisoning scan');
const require = createRequire(import.meta.url);
const scratch = mkdtempSync(join(tmpdir(), 'toolgate-rates-'));
const servers: Array<[string, string[]]> = [
  ['@modelcontextprotocol/server-everything', []],
  ['@modelcontextprotocol/server-filesystem', [scratch]],
  ['@modelcontextprotocol/server-memory', []],
];
let toolCount = 0;
let flaggedTools = 0;
const outputs: Array<{ call: string; result: unknown }> = [];
/** Read-only calls whose real results go through the detectors and redaction (section 6). */
const sampleCalls: Record<string, Array<{ name: string; arguments: Record<string, unknown> }>> = {
  '@modelcontextprotocol/server-everything': [
    { name: 'echo', arguments: { message: 'Hello from the rates script, Tom & Jerry costs $5' } },
    { name: 'get-sum', arguments: { a: 2, b: 3 } },
  ],
  '@modelcontextprotocol/server-filesystem': [
    { name: 'list_allowed_directories', arguments: {} },
    { name: 'list_directory', arguments: { path: scratch } },
    { name: 'directory_tree', arguments: { path: scratch } },
    { name: 'get_file_info', arguments: { path: join(scratch, 'notes.md') } },
    { name: 'read_text_file', arguments: { path: join(scratch, 'notes.md') } },
  ],
  '@modelcontextprotocol/server-memory': [
    { name: 'create_entities', arguments: { entities: [{ name: 'toolgate', entityType: 'project', observations: ['policy sidecar for MCP', 'written in TypeScript'] }] } },
    { name: 'read_graph', arguments: {} },
  ],
};
writeFileSync(join(scratch, 'notes.md'), readFileSync('node_modules/@modelcontextprotocol/sdk/README.md', 'utf8'));
for (const [pkg, args] of servers) {
  const entry = require.resolve(`${pkg}/dist/index.js`);
  const client = new Client({ name: 'corpus-rates', version: '0' });
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [entry, ...args], stderr: 'ignore', env: { ...process.env, MEMORY_FILE_PATH: join(scratch, 'memory.json') } }));
  const { tools } = await client.listTools();
  for (const tool of tools) {
    toolCount++;
    const findings = scanToolDescription(tool);
    if (findings.length > 0) {
      flaggedTools++;
      console.log(`   flagged ${pkg} ${tool.name}: ${findings.map((f) => f.detail).join('; ')}`);
    }
    for (const finding of detect(tool, { tool: 'tools/list' }, { detectors: ['prompt_injection'] })) {
      console.log(`   prompt_injection in ${pkg} ${tool.name} ${finding.path.join('.')}: ${finding.detail}`);
    }
  }
  for (const call of sampleCalls[pkg]) outputs.push({ call: `${pkg.split('/')[1]} ${call.name}`, result: await client.callTool(call) });
  await client.close();
}
rmSync(scratch, { recursive: true, force: true });
console.log(`   ${flaggedTools}/${toolCount} real tool definitions flagged (${percent(flaggedTools, toolCount)})`);

console.log('\n6. Real tool results (read-only calls on the same servers; the file read is the README of the MCP SDK)');
for (const { call, result } of outputs) {
  const findings = detect(result, { tool: 'result' });
  const redacted = redact(result, ['secrets', 'pii']);
  console.log(`   ${call.padEnd(40)} findings: ${findings.length ? findings.map((f) => `${f.detector} (${f.detail.split(':')[0]})`).join(', ') : 'none'}; redactions: ${redacted.count}`);
}
