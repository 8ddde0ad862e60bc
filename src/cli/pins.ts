import type { Command } from 'commander';
import { defaultPinsDirectory } from '../guard/pins/default-pins-directory.js';
import type { PinStore } from '../guard/pins/pin-store.js';
import type { PinnedTool } from '../guard/pins/pins-file.js';

async function openStore(directory: string | undefined): Promise<PinStore> {
  const { PinStore } = await import('../guard/pins/pin-store.js');
  return new PinStore({ directory: directory ?? defaultPinsDirectory() });
}

const short = (hash: string) => hash.replace(/^sha256:/, '').slice(0, 12);

/** Which pinned parts differ between the approved and the pending definition. */
function changedParts(pin: PinnedTool): string[] {
  if (!pin.pending) return [];
  const keys = new Set([...Object.keys(pin.definition), ...Object.keys(pin.pending.definition)]);
  return [...keys].filter((key) => JSON.stringify(pin.definition[key]) !== JSON.stringify(pin.pending!.definition[key]));
}

function listPins(store: PinStore, server: string | undefined, json: boolean): void {
  const servers = server !== undefined ? [server] : store.servers();
  const files = servers.map((name) => store.read(name));
  if (json) {
    process.stdout.write(JSON.stringify(files, null, 2) + '\n');
    return;
  }
  if (files.every((file) => Object.keys(file.tools).length === 0)) {
    process.stdout.write(`no pinned tools in ${store.directory}\n`);
    return;
  }
  for (const file of files) {
    process.stdout.write(`${file.server}\n`);
    for (const [name, pin] of Object.entries(file.tools).sort(([a], [b]) => a.localeCompare(b))) {
      const status = pin.pending
        ? `CHANGED ${short(pin.hash)} -> ${short(pin.pending.hash)} (${changedParts(pin).join(', ')}; seen ${pin.pending.seenAt})`
        : `pinned  ${short(pin.hash)} (${pin.approvedAt ? `approved ${pin.approvedAt}` : `since ${pin.pinnedAt}`})`;
      process.stdout.write(`  ${name.padEnd(28)} ${status}\n`);
    }
  }
}

export function registerPins(program: Command): void {
  const pins = program
    .command('pins')
    .description('Review and approve pinned MCP tool definitions (rug-pull protection)');
  const directoryOption = ['--dir <directory>', 'pins directory (default: $TOOLGATE_PINS_DIR or ~/.toolgate/pins)'] as const;

  pins
    .command('list')
    .description('Show pinned tools per server, and which changed since they were approved')
    .argument('[server]', 'only this server')
    .option(...directoryOption)
    .option('--json', 'print the pins files as JSON')
    .action(async (server: string | undefined, flags: { dir?: string; json?: boolean }) => {
      listPins(await openStore(flags.dir), server, flags.json ?? false);
    });

  pins
    .command('approve')
    .description("Accept changed tool definitions as the new pins (all of the server's changed tools when none are named)")
    .argument('<server>', 'the server, as named in the pins directory')
    .argument('[tools...]', 'the tools to approve')
    .option(...directoryOption)
    .action(async (server: string, tools: string[], flags: { dir?: string }) => {
      const store = await openStore(flags.dir);
      const before = store.read(server);
      const approved = store.approve(server, tools);
      if (approved.length === 0) {
        process.stdout.write(`nothing to approve: no tool of '${server}' changed since it was pinned\n`);
        return;
      }
      for (const name of approved) {
        const pin = before.tools[name];
        process.stdout.write(`approved ${server}/${name}: ${short(pin.hash)} -> ${short(pin.pending!.hash)} (${changedParts(pin).join(', ')})\n`);
      }
    });
}
