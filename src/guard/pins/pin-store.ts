import { readdirSync, statSync } from 'node:fs';
import { pinsFilePath, readPinsFile, writePinsFile, type PinsFile } from './pins-file.js';
import { pinnedParts, toolFingerprint, type ToolDefinition } from './tool-fingerprint.js';

export type PinStatus = 'pinned' | 'unchanged' | 'changed';

export interface PinObservation {
  tool: string;
  /** `pinned`: first seen, pinned now; `unchanged`: matches its pin; `changed`: differs from its pin. */
  status: PinStatus;
  hash: string;
  pinnedHash: string;
}

export interface PinStoreOptions {
  /** Where pins files live (one per server). */
  directory: string;
  /** Injectable clock for the timestamps. */
  now?: () => Date;
}

interface CachedFile {
  file: PinsFile;
  mtimeMs: number;
  size: number;
}

/**
 * Tool pinning ("rug pull" protection): the first time a server's tool is
 * listed, the fingerprint of its name, description, input schema and
 * annotations is pinned; a later listing with a different fingerprint marks the
 * tool changed until the change is approved. State lives in one JSON file per
 * server, so `toolgate pins approve` in another process takes effect at the
 * next call.
 */
export class PinStore {
  readonly directory: string;
  private readonly now: () => Date;
  private readonly cache = new Map<string, CachedFile>();

  constructor(options: PinStoreOptions) {
    this.directory = options.directory;
    this.now = options.now ?? (() => new Date());
  }

  /** Records a tools/list result: pins new tools, flags changed ones (and clears the flag of tools changed back). */
  observe(server: string, tools: readonly ToolDefinition[]): PinObservation[] {
    const path = pinsFilePath(this.directory, server);
    const file = readPinsFile(path, server);
    const at = this.now().toISOString();
    let dirty = false;
    const observations = tools.map((tool): PinObservation => {
      if (typeof tool?.name !== 'string' || tool.name.length === 0) throw new Error(`server '${server}' listed a tool without a name`);
      const hash = toolFingerprint(tool);
      const pin = file.tools[tool.name];
      if (!pin) {
        file.tools[tool.name] = { hash, definition: pinnedParts(tool), pinnedAt: at };
        dirty = true;
        return { tool: tool.name, status: 'pinned', hash, pinnedHash: hash };
      }
      if (pin.hash === hash) {
        if (pin.pending) {
          delete pin.pending;
          dirty = true;
        }
        return { tool: tool.name, status: 'unchanged', hash, pinnedHash: hash };
      }
      if (pin.pending?.hash !== hash) {
        pin.pending = { hash, definition: pinnedParts(tool), seenAt: at };
        dirty = true;
      }
      return { tool: tool.name, status: 'changed', hash, pinnedHash: pin.hash };
    });
    if (dirty) writePinsFile(path, this.directory, file);
    this.remember(path, file);
    return observations;
  }

  /**
   * Whether the tool's last listed definition differs from its approved pin:
   * the input document's `tool_changed`. Cheap enough for every call: the file
   * is re-read only when it changed on disk.
   */
  isChanged(server: string, tool: string): boolean {
    return this.load(server).tools[tool]?.pending !== undefined;
  }

  /**
   * Accepts the pending definitions of `tools` (all changed tools when none
   * are named) as the new pins. Returns the names approved; naming a tool
   * without a pending change is an error.
   */
  approve(server: string, tools: readonly string[] = []): string[] {
    const path = pinsFilePath(this.directory, server);
    const file = readPinsFile(path, server);
    const names = tools.length > 0 ? [...tools] : Object.keys(file.tools).filter((name) => file.tools[name].pending);
    for (const name of names) {
      const pin = file.tools[name];
      if (!pin) throw new Error(`server '${server}' has no pinned tool '${name}'`);
      if (!pin.pending) throw new Error(`tool '${name}' of server '${server}' has no change waiting for approval`);
    }
    const at = this.now().toISOString();
    for (const name of names) {
      const pin = file.tools[name];
      file.tools[name] = { hash: pin.pending!.hash, definition: pin.pending!.definition, pinnedAt: pin.pinnedAt, approvedAt: at };
    }
    if (names.length > 0) writePinsFile(path, this.directory, file);
    this.remember(path, file);
    return names;
  }

  /** The servers with a pins file in the directory. */
  servers(): string[] {
    let names: string[];
    try {
      names = readdirSync(this.directory);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return names.filter((name) => name.endsWith('.json')).map((name) => decodeURIComponent(name.slice(0, -'.json'.length))).sort();
  }

  /** The pins of one server (empty when it was never seen). */
  read(server: string): PinsFile {
    return readPinsFile(pinsFilePath(this.directory, server), server);
  }

  private load(server: string): PinsFile {
    const path = pinsFilePath(this.directory, server);
    let stat: { mtimeMs: number; size: number };
    try {
      stat = statSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, server, tools: {} };
      throw error;
    }
    const cached = this.cache.get(path);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.file;
    const file = readPinsFile(path, server);
    this.cache.set(path, { file, mtimeMs: stat.mtimeMs, size: stat.size });
    return file;
  }

  private remember(path: string, file: PinsFile): void {
    try {
      const stat = statSync(path);
      this.cache.set(path, { file, mtimeMs: stat.mtimeMs, size: stat.size });
    } catch {
      this.cache.delete(path);
    }
  }
}
