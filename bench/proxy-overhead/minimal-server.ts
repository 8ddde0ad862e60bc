/**
 * The smallest honest MCP server over stdio, for the direct baseline: it
 * frames lines itself and answers initialize, tools/list and two tools.
 * `size` answers with the byte length of its `data` argument; `echo` returns
 * its `text` argument, for the byte-exactness check.
 */
const TOOLS = [
  { name: 'size', description: 'Byte length of data', inputSchema: { type: 'object', properties: { data: { type: 'string' } } } },
  { name: 'echo', description: 'Returns text', inputSchema: { type: 'object', properties: { text: { type: 'string' } } } },
];

function answer(message: { id?: unknown; method?: string; params?: any }): unknown {
  switch (message.method) {
    case 'initialize':
      return { protocolVersion: message.params?.protocolVersion ?? '2025-06-18', capabilities: { tools: {} }, serverInfo: { name: 'minimal', version: '1' } };
    case 'tools/list':
      return { tools: TOOLS };
    case 'ping':
      return {};
    case 'tools/call': {
      const args = message.params?.arguments ?? {};
      if (message.params?.name === 'echo') return { content: [{ type: 'text', text: String(args.text) }] };
      return { content: [{ type: 'text', text: String(Buffer.byteLength(String(args.data ?? ''))) }] };
    }
    default:
      return undefined;
  }
}

let pending: Buffer[] = [];
process.stdin.on('data', (chunk: Buffer) => {
  let start = 0;
  for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, start)) {
    pending.push(chunk.subarray(start, nl));
    const line = pending.length === 1 ? pending[0] : Buffer.concat(pending);
    pending = [];
    start = nl + 1;
    const message = JSON.parse(line.toString('utf8'));
    if (message.id === undefined || message.method === undefined) continue;
    const result = answer(message);
    const response =
      result === undefined
        ? { jsonrpc: '2.0', id: message.id, error: { code: -32601, message: 'Method not found' } }
        : { jsonrpc: '2.0', id: message.id, result };
    process.stdout.write(JSON.stringify(response) + '\n');
  }
  if (start < chunk.length) pending.push(chunk.subarray(start));
});
process.stdin.on('end', () => process.exit(0));
