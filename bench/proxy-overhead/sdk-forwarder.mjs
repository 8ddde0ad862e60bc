// The reference point, measured in the same run: a forwarder built on
// the MCP SDK's stdio transports (every message parsed and validated with zod
// on each hop, then re-serialized).
import './usage-probe.mjs';
import { StdioClientTransport, getDefaultEnvironment } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';

const [command, ...args] = process.argv.slice(2);
const server = new StdioClientTransport({ command, args, env: { ...getDefaultEnvironment(), ...process.env }, stderr: 'inherit' });
const client = new StdioServerTransport();
client.onmessage = (message) => void server.send(message);
server.onmessage = (message) => void client.send(message);
client.onclose = () => void server.close();
server.onclose = () => process.exit(0);
await server.start();
await client.start();
process.stdin.on('end', () => void server.close());
