// An agent host that embeds toolgate: its own MCP SDK Client talks to the real
// server-filesystem through toolgate's policy, guards and audit log, all wired
// in this one process (the server runs as its child, over stdio).
//
//   npm run build && node examples/embed/filesystem-host.mjs <folder> [audit.log]
//
// In your own project, import from 'toolgate' instead of '../../dist/index.js'.
import { mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { protect } from '../../dist/index.js';

const root = realpathSync(process.argv[2] ?? mkdtempSync(join(tmpdir(), 'toolgate-embed-')));
const auditLog = process.argv[3] ?? join(root, '..', 'toolgate-embed-audit.log');
writeFileSync(join(root, 'notes.md'), 'Ship on Friday.\n');
const require = createRequire(import.meta.url);
const fileServer = join(dirname(require.resolve('@modelcontextprotocol/server-filesystem/package.json')), 'dist/index.js');

// The host keeps one end of a linked pair, toolgate gets the other.
const [hostSide, toolgateSide] = InMemoryTransport.createLinkedPair();

const gate = await protect(
  { command: process.execPath, args: [fileServer, root], client: toolgateSide },
  {
    policy: 'strict', // reads inside the roots only, no writes, no execution
    roots: [root],
    audit: { path: auditLog },
    onViolation: (call) => console.log(`onViolation: ${call.tool} ${call.outcome} (${call.reasons.join('; ')})`),
  },
);
await gate.start();

const client = new Client({ name: 'embedding-host', version: '1.0.0' });
await client.connect(hostSide);

const read = await client.callTool({ name: 'read_text_file', arguments: { path: join(root, 'notes.md') } });
console.log(`read inside the root: ${read.content[0].text.trim()}`);

const write = await client.callTool({ name: 'write_file', arguments: { path: join(root, 'notes.md'), content: 'Ship now!' } });
console.log(`write answered: ${write.content[0].text}`);

await client.close();
const outcome = await gate.done;
console.log(`stopped: ${outcome.reason}; audit log: ${auditLog}`);
