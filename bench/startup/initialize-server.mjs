// The smallest MCP server over stdio: answers initialize (and ping, tools/list) at once,
// so start-up time measured through it is toolgate's, not a server's.
import { createInterface } from 'node:readline';

const results = {
  initialize: (params) => ({ protocolVersion: params?.protocolVersion ?? '2025-06-18', capabilities: { tools: {} }, serverInfo: { name: 'initialize-only', version: '1' } }),
  ping: () => ({}),
  'tools/list': () => ({ tools: [] }),
};

createInterface({ input: process.stdin }).on('line', (line) => {
  const message = JSON.parse(line);
  const result = results[message.method];
  if (message.id === undefined || result === undefined) return;
  process.stdout.write(`${JSON.stringify({ jsonrpc: '2.0', id: message.id, result: result(message.params) })}\n`);
});
