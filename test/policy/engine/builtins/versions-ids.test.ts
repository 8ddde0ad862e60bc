import { describe, expect, it } from 'vitest';
import { hostBuiltins as b } from '../../../../src/policy/engine/builtins/index.js';

describe('semver', () => {
  it('compares strict SemVer 2.0.0', () => {
    expect(b['semver.compare']('1.2.3', '1.2.4')).toBe(-1);
    expect(b['semver.compare']('1.0.0-alpha', '1.0.0')).toBe(-1);
    expect(b['semver.compare']('1.0.0+build.1', '1.0.0')).toBe(0);
    expect(() => b['semver.compare']('1', '1.0.0')).toThrow('semver.compare: operand 1: string "1" is not a valid SemVer');
    expect(() => b['semver.compare']('1.0.0', 'v1.0.0')).toThrow('operand 2');
  });

  it('validates without throwing', () => {
    expect(b['semver.is_valid']('1.0.0')).toBe(true);
    expect(b['semver.is_valid']('01.0.0')).toBe(false);
    expect(b['semver.is_valid']('v1.0.0')).toBe(false);
    expect(b['semver.is_valid'](1)).toBe(false);
  });
});

describe('uuid', () => {
  it('parses every textual form', () => {
    expect(b['uuid.parse']('{00000000-0000-4000-8000-000000000000}')).toEqual({ version: 4, variant: 'RFC4122' });
    expect(b['uuid.parse']('6bea8ef2d3d33cd184e09bab06a52ece')).toEqual({ version: 3, variant: 'RFC4122' });
    expect(b['uuid.parse']('urn:uuid:000003e8-48b9-21ee-b200-325096b39f47')).toEqual({
      version: 2, variant: 'RFC4122', clocksequence: 12800, domain: 'Person', id: 1000,
      macvariables: 'local:unicast', nodeid: '32-50-96-b3-9f-47', time: 1693566990121469600,
    });
    expect(b['uuid.parse']('not-a-uuid')).toBeUndefined();
    expect(b['uuid.parse']('00000000-0000-4000-8000-00000000000g')).toBeUndefined();
  });

  it('generates version 4 UUIDs', () => {
    const id = b['uuid.rfc4122']('seed') as string;
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('runtime builtins', () => {
  it('accepts trace and print and reports a runtime', () => {
    expect(b.trace('note')).toBe(true);
    expect(b.print('a', 1)).toBe(true);
    expect(b['opa.runtime']()).toEqual({});
    expect(() => b.trace(1)).toThrow('trace: operand 1 must be string but got number');
  });
});
