import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packBundle, unpackBundle, type Bundle } from '../../../src/policy/engine/bundle.js';

const bundle: Bundle = {
  wasm: new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]),
  data: { roots: ['/data'], nested: { ok: true } },
  manifest: { revision: 'sha256:abc', roots: [''], wasm: [{ entrypoint: 'toolgate/decision', module: '/policy.wasm' }] },
};

describe('bundle archives', () => {
  it('round-trips the Wasm module, data and manifest', () => {
    const back = unpackBundle(packBundle(bundle));
    expect(Buffer.from(back.wasm)).toEqual(Buffer.from(bundle.wasm));
    expect(back.data).toEqual(bundle.data);
    expect(back.manifest).toEqual(bundle.manifest);
  });

  it('uses the file layout of opa build -t wasm, readable by tar', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bundle-'));
    const path = join(dir, 'bundle.tar.gz');
    writeFileSync(path, packBundle(bundle));
    const listing = execFileSync('tar', ['-tzf', path], { encoding: 'utf8' }).split('\n').filter(Boolean);
    expect(listing.map((p) => p.replace(/^\//, ''))).toEqual(['.manifest', 'data.json', 'policy.wasm']);
  });

  it('reads bundles whose paths have no leading slash', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bundle-'));
    writeFileSync(join(dir, 'policy.wasm'), Buffer.from(bundle.wasm));
    writeFileSync(join(dir, 'data.json'), '{"a":1}');
    writeFileSync(join(dir, '.manifest'), JSON.stringify({ revision: 'r', roots: [''], wasm: [{ entrypoint: 'a/b', module: '/policy.wasm' }] }));
    const archive = execFileSync('tar', ['-czf', '-', '-C', dir, 'policy.wasm', 'data.json', '.manifest']);
    const back = unpackBundle(archive);
    expect(back.data).toEqual({ a: 1 });
    expect(back.manifest.wasm[0].entrypoint).toBe('a/b');
  });

  it('refuses an archive without a Wasm module', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bundle-'));
    writeFileSync(join(dir, 'data.json'), '{}');
    const archive = execFileSync('tar', ['-czf', '-', '-C', dir, 'data.json']);
    expect(() => unpackBundle(archive)).toThrow('bundle has no Wasm module at /policy.wasm');
  });
});
