/** The MCP Inspector's CLI mode (@modelcontextprotocol/inspector 2.12) listing and calling tools through toolgate. */
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { npmServer, repoRoot, toolgateProtect } from './support/paths.js';

const inspectorCli = join(repoRoot, 'node_modules/@modelcontextprotocol/inspector/clients/launcher/build/index.js');

const inspect = (...args: string[]) =>
  execa(process.execPath, [inspectorCli, '--cli', ...toolgateProtect(npmServer('@modelcontextprotocol/server-everything'), ['--policy', 'minimal']), ...args], {
    timeout: 60_000,
    reject: false,
  });

describe.concurrent('MCP Inspector CLI through toolgate', () => {
  it('lists the tools', async () => {
    const { stdout, exitCode, stderr } = await inspect('--method', 'tools/list');
    expect(exitCode, stderr).toBe(0);
    const names = (JSON.parse(stdout) as { tools: Array<{ name: string }> }).tools.map((tool) => tool.name);
    expect(names).toEqual(expect.arrayContaining(['echo', 'get-sum', 'trigger-long-running-operation']));
  });

  it('calls a tool with arguments', async () => {
    const { stdout, exitCode, stderr } = await inspect('--method', 'tools/call', '--tool-name', 'get-sum', '--tool-arg', 'a=40', 'b=2');
    expect(exitCode, stderr).toBe(0);
    expect(JSON.parse(stdout).content[0].text).toContain('42');
  });
});
