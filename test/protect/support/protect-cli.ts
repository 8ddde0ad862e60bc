/** Driving the built `toolgate protect` with an SDK Client, and reading what it wrote. */
import { readFileSync } from 'node:fs';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { execa } from 'execa';
import { requireBuiltCli, toolgateProtect } from '../../e2e/support/paths.js';
import { RecordingStdioTransport } from '../../e2e/support/recording-stdio-transport.js';

export interface ProtectedServer {
  client: Client;
  transport: RecordingStdioTransport;
  close(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `toolgate protect <flags> -- <server...>` from the build, with an SDK Client connected to it. */
export async function connectThroughProtect(server: string[], flags: string[], env?: NodeJS.ProcessEnv): Promise<ProtectedServer> {
  const transport = new RecordingStdioTransport(toolgateProtect(server, flags), { env: env ?? process.env });
  const client = new Client({ name: 'toolgate-protect-e2e', version: '1.0.0' });
  await client.connect(transport as never);
  return {
    client,
    transport,
    async close() {
      await client.close();
      return transport.exited;
    },
  };
}

/** The text of a CallToolResult's first content item. */
export const firstText = (result: unknown): string => (result as { content: Array<{ text: string }> }).content[0].text;

/** The events of a JSON-lines audit log. */
export function auditEvents(path: string): Array<Record<string, any>> {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as Record<string, any>);
}

/** `toolgate <args...>` from the build. */
export function toolgate(args: string[], options: { input?: string } = {}) {
  return execa(process.execPath, [requireBuiltCli(), ...args], { reject: false, input: options.input ?? '' });
}
