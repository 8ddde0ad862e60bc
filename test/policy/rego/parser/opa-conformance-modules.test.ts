import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parseBody, parseModule } from '../../../../src/policy/rego/parse.js';
import { RegoError } from '../../../../src/policy/rego/errors.js';

const suite = join(import.meta.dirname, '../../../../../shared/opa-conformance/v1');

interface Case {
  note: string;
  query?: string;
  modules?: string[];
  want_error_code?: string;
  want_error?: string;
}

function loadCases(): Array<{ file: string; c: Case }> {
  const cases: Array<{ file: string; c: Case }> = [];
  for (const dir of readdirSync(suite).sort()) {
    for (const name of readdirSync(join(suite, dir)).sort()) {
      if (!name.endsWith('.yaml')) continue;
      const doc = parseYaml(readFileSync(join(suite, dir, name), 'utf8')) as { cases?: Case[] };
      for (const c of doc.cases ?? []) cases.push({ file: `${dir}/${name}`, c });
    }
  }
  return cases;
}

describe.skipIf(!existsSync(suite))("OPA's conformance modules (../shared/opa-conformance/v1)", () => {
  it('parses every module and query of cases that do not expect a parse error, and rejects those that do', () => {
    const failures: string[] = [];
    let modules = 0;
    let parseErrorCases = 0;
    const cases = loadCases();
    for (const { file, c } of cases) {
      const wantsParseError = c.want_error_code === 'rego_parse_error';
      if (wantsParseError) parseErrorCases++;
      const errors: RegoError[] = [];
      (c.modules ?? []).forEach((source, i) => {
        modules++;
        try {
          parseModule(source, `${file}#${i}`);
        } catch (e) {
          if (!(e instanceof RegoError)) throw e;
          errors.push(e);
        }
      });
      if (c.query) {
        try {
          parseBody(c.query);
        } catch (e) {
          if (!(e instanceof RegoError)) throw e;
          errors.push(e);
        }
      }
      if (!wantsParseError && errors.length > 0) failures.push(`${file} ${c.note}: ${errors[0].message}`);
      if (wantsParseError) {
        const matched = errors.some((e) => e.code === 'rego_parse_error' && (!c.want_error || e.message.includes(c.want_error)));
        if (!matched) failures.push(`${file} ${c.note}: expected rego_parse_error ${c.want_error ?? ''}`);
      }
    }
    console.info(
      `OPA conformance: ${cases.length} cases, ${modules} modules parsed; ${parseErrorCases} cases expect a parse error; ${failures.length} failures`,
    );
    expect(modules).toBeGreaterThan(1000);
    expect(failures).toEqual([]);
  });
});
