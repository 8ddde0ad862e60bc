import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { DemoCall } from '../demo/scenario.js';

const cliEntry = join(dirname(fileURLToPath(import.meta.url)), 'main.js');

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('Protect a real MCP filesystem server with a built-in profile, drive it with a real client, and show the decisions')
    .option('--policy <profile>', 'the profile (or policy file) to demonstrate', 'strict')
    .action(async (options: { policy: string }) => {
      const { demoWorkspace } = await import('../demo/scenario.js');
      const { Client } = await import('@modelcontextprotocol/sdk/client/index.js');
      const { StdioClientTransport } = await import('@modelcontextprotocol/sdk/client/stdio.js');
      const workspace = demoWorkspace();
      const transport = new StdioClientTransport({
        command: process.execPath,
        args: [
          cliEntry,
          'protect',
          '--policy',
          options.policy,
          '--root',
          workspace.root,
          '--audit-log',
          workspace.auditLog,
          '--',
          process.execPath,
          filesystemServerEntry(),
          workspace.root,
        ],
        stderr: 'ignore',
      });
      const client = new Client({ name: 'toolgate-demo', version: '1.0.0' });
      await client.connect(transport);
      try {
        const { tools } = await client.listTools();
        process.stdout.write(`toolgate protect --policy ${options.policy} --root ${workspace.root} -- server-filesystem\n`);
        process.stdout.write(`the client sees ${tools.length} tools (tools the policy always denies are hidden)\n\n`);
        const rows: string[][] = [];
        for (const call of workspace.calls) rows.push(await row(client, call, workspace.root));
        process.stdout.write(table(['#', 'call', 'tool', 'decision', 'what the client got'], rows.map((r, i) => [String(i + 1), ...r])) + '\n');
      } finally {
        await client.close();
      }
      process.stdout.write(`\naudit log: ${workspace.auditLog}\n`);
      process.stdout.write(`verify it:  toolgate audit verify ${workspace.auditLog}\n`);
      process.stdout.write(`summarize:  toolgate audit ${workspace.auditLog}\n`);
    });
}

async function row(client: Client, call: DemoCall, root: string): Promise<string[]> {
  const result = await client.callTool({ name: call.tool, arguments: call.arguments });
  const content = Array.isArray(result.content) ? result.content : [];
  const text = content.map((c) => (c as { text?: string }).text ?? '').join(' ').replaceAll(root, '<root>');
  const blocked = result.isError === true && text.startsWith('Blocked by toolgate');
  const decision = blocked ? 'BLOCKED' : result.isError === true ? 'allowed (server error)' : 'allowed';
  const shown = blocked ? text.replace(/^Blocked by toolgate policy: /, '') : text;
  return [call.shows, call.tool, decision, oneLine(shown, 90)];
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function filesystemServerEntry(): string {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve('@modelcontextprotocol/server-filesystem/package.json');
  const manifest = require(manifestPath) as { bin: Record<string, string> | string };
  const bin = typeof manifest.bin === 'string' ? manifest.bin : Object.values(manifest.bin)[0];
  return join(dirname(manifestPath), bin);
}
