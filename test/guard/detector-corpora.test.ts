import { describe, expect, it } from 'vitest';
import { detect } from '../../src/guard/detect.js';
import { contextOf, loadCorpora } from './load-corpora.js';

for (const corpus of loadCorpora()) {
  describe(`${corpus.detector} corpus`, () => {
    it.each(corpus.malicious.map((c) => [c.name, c] as const))('finds: %s', (_name, c) => {
      const findings = detect(c.args, contextOf(corpus, c)).filter((f) => f.detector === corpus.detector);
      expect(findings, JSON.stringify(c.args)).not.toEqual([]);
    });
    it.each(corpus.benign.map((c) => [c.name, c] as const))('does not flag: %s', (_name, c) => {
      const findings = detect(c.args, contextOf(corpus, c)).filter((f) => f.detector === corpus.detector);
      expect(findings).toEqual([]);
    });
  });
}
