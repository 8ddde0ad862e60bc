#!/usr/bin/env node
import { Command } from 'commander';
import { commands } from './commands.js';

const program = new Command()
  .name('toolgate')
  .description('Policy sidecar for MCP servers: every tool call decided by Rego compiled to WebAssembly')
  .version('0.1.0');

for (const register of commands) register(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`toolgate: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = process.exitCode || 1;
});
