import { createRequire } from 'node:module';
import { gunzipSync, gzipSync } from 'node:zlib';

type Tar = typeof import('tar');
let tarModule: Tar | undefined;
/** tar is loaded on the first archive, not with every policy: most loads never read or write one. */
const tar = (): Tar => (tarModule ??= createRequire(import.meta.url)('tar') as Tar);

/** The layout `opa build -t wasm` writes: /policy.wasm, /data.json, /.manifest. */
export interface BundleManifest {
  revision: string;
  roots: string[];
  wasm: Array<{ entrypoint: string; module: string }>;
  metadata?: Record<string, unknown>;
}

export interface Bundle {
  wasm: Uint8Array;
  data: unknown;
  manifest: BundleManifest;
}

const WASM_PATH = '/policy.wasm';

export function packBundle(bundle: Bundle): Buffer {
  const files: Array<[string, Buffer]> = [
    ['/.manifest', Buffer.from(JSON.stringify(bundle.manifest))],
    ['/data.json', Buffer.from(JSON.stringify(bundle.data ?? {}))],
    [WASM_PATH, Buffer.from(bundle.wasm)],
  ];
  const blocks: Buffer[] = [];
  for (const [path, body] of files) {
    const header = Buffer.alloc(512);
    new (tar().Header)({ path, mode: 0o644, size: body.length, mtime: new Date(0), type: 'File', uid: 0, gid: 0 }).encode(header);
    blocks.push(header, body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}

/** Reads a bundle written by `toolgate policy build` or by `opa build -t wasm`. */
export function unpackBundle(archive: Uint8Array): Bundle {
  const files = new Map<string, Buffer>();
  const parser = new (tar().Parser)({
    onReadEntry: (entry) => {
      const chunks: Buffer[] = [];
      entry.on('data', (chunk: Buffer) => chunks.push(chunk));
      entry.on('end', () => files.set(normalizePath(entry.path), Buffer.concat(chunks)));
    },
  });
  parser.end(gunzipSync(archive));
  const manifestText = files.get('/.manifest');
  const manifest: BundleManifest = manifestText ? JSON.parse(manifestText.toString('utf8')) : { revision: '', roots: [''], wasm: [] };
  const wasmPath = manifest.wasm?.[0]?.module ?? WASM_PATH;
  const wasm = files.get(normalizePath(wasmPath));
  if (!wasm) throw new Error(`bundle has no Wasm module at ${wasmPath}`);
  const dataText = files.get('/data.json');
  return { wasm, data: dataText ? JSON.parse(dataText.toString('utf8')) : {}, manifest };
}

function normalizePath(path: string): string {
  return '/' + path.replace(/^\.?\/+/, '');
}
