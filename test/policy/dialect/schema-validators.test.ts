import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a build script in plain JavaScript, without types
import { generatedPath, schemaValidatorsSource } from '../../../scripts/schema-validators.mjs';

describe('generated schema validators', () => {
  it('are what schema/*.json generate now (run `npm run generate:schema` after editing a schema)', () => {
    expect(readFileSync(generatedPath, 'utf8')).toBe(schemaValidatorsSource());
  });
});
