import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinOfHostImport, hostImportName, SDK_BUILTINS } from '../../../../src/policy/rego/wasm/host-import-names.js';
import { cString, exportsOf, regoPolicy } from './support.js';

describe('host import names', () => {
  it('lists exactly the builtins the installed SDK implements itself', () => {
    // not an exported subpath: read it next to the SDK's entry point (src/index.cjs)
    const require = createRequire(import.meta.url);
    const sdkBuiltins = require(join(dirname(require.resolve('@open-policy-agent/opa-wasm')), 'builtins/index.js')) as Record<string, unknown>;
    expect([...SDK_BUILTINS].sort()).toEqual(Object.keys(sdkBuiltins).sort());
  });

  it('aliases only those, and maps every alias back', () => {
    expect(hostImportName('sprintf')).toBe('toolgate:sprintf');
    expect(hostImportName('yaml.unmarshal')).toBe('toolgate:yaml.unmarshal');
    expect(hostImportName('net.cidr_merge')).toBe('net.cidr_merge');
    for (const name of [...SDK_BUILTINS, 'net.cidr_merge']) expect(builtinOfHostImport(hostImportName(name))).toBe(name);
  });

  it("the module's builtins export lists shadowed builtins by their alias", async () => {
    const p = await regoPolicy('package test\np := [yaml.is_valid(input), net.cidr_merge(input)]', ['test/p']);
    const listed = Object.keys(JSON.parse(cString(p, exportsOf(p).opa_json_dump(exportsOf(p).builtins()))));
    expect(listed.sort()).toEqual(['net.cidr_merge', 'toolgate:yaml.is_valid']);
  });
});
