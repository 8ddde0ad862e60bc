import { describe, expect, it } from 'vitest';
import { phraseReaches } from '../../../src/guard/detectors/phrase-reach.js';
import { phrasePatterns } from '../../../src/guard/detectors/prompt-injection-patterns.js';

const reach = (pattern: RegExp, word: string) => phraseReaches(pattern, [word])[0];

describe('phraseReaches', () => {
  it('measures the longest stretch before and after a word in a sequence of literals, classes and bounded repeats', () => {
    expect(reach(/\bfoo[^a-z]{1,3}bar\b/, 'bar')).toEqual({ before: 6, after: 0 });
    expect(reach(/\bfoo[^a-z]{1,3}bar\b/, 'foo')).toEqual({ before: 0, after: 6 });
    expect(reach(/x{2,4}mid(?:ab|abcd)?/, 'mid')).toEqual({ before: 4, after: 4 });
    expect(reach(/(?:a|bb)(?:cc|d){0,3}end/, 'end')).toEqual({ before: 8, after: 0 });
  });

  it('takes the farthest of several places a word can stand in, across alternatives', () => {
    expect(reach(/\bword one|two three four word\b/, 'word')).toEqual({ before: 15, after: 4 });
  });

  it('finds a word spelled across a literal and an optional letter, and through a class', () => {
    expect(reach(/\bthe instructions?\b/, 'instructions')).toEqual({ before: 4, after: 0 });
    expect(reach(/<\|(?:start|end)\|>/, '<|')).toEqual({ before: 0, after: 7 });
    expect(reach(/a[^a-z0-9]{1,2}b/, 'a-b')).toEqual({ before: 0, after: 0 });
  });

  it('ignores case in the word, and answers undefined for a word no match can hold', () => {
    expect(reach(/\bsystem prompt\b/, 'PROMPT')).toEqual({ before: 7, after: 0 });
    expect(reach(/\bsystem prompt\b/, 'prompts')).toBeUndefined();
    expect(reach(/\bsystem prompt\b/, 'mp t')).toBeUndefined();
  });

  it('answers Infinity where a loop lets a match reach without bound', () => {
    expect(reach(/\n[ \t]*\n[ \t]*human[ \t]*:/, 'human')).toEqual({ before: Infinity, after: Infinity });
    expect(reach(/ab+c/, 'c')).toEqual({ before: Infinity, after: 0 });
  });

  it('refuses sources outside the subset it reads, rather than derive a wrong reach', () => {
    expect(() => reach(/a(?=b)/, 'a')).toThrow(/lookaround/);
    expect(() => reach(/(a)b/, 'a')).toThrow(/capturing/);
    expect(() => reach(/a.b/, 'a')).toThrow(/'\.'/);
    expect(() => reach(/\da/, 'a')).toThrow(/escape/);
  });

  it('derives for each phrase pattern a reach a real match attains: the override phrase at its longest', () => {
    const longest = `ignore${'--------'}${'instructions--------'.repeat(5)}preceding--------${'instructions--------'.repeat(5)}restrictions`;
    expect(phrasePatterns[0].pattern.test(longest)).toBe(true);
    expect(reach(phrasePatterns[0].pattern, 'ignore')).toEqual({ before: 0, after: longest.length - 'ignore'.length });
    const persona = 'pretend--------to--------be--------now--------in--------jailbreak--------mode';
    expect(phrasePatterns[3].pattern.test(persona)).toBe(true);
    expect(reach(phrasePatterns[3].pattern, 'mode')?.before).toBe(persona.length - 'mode'.length);
  });
});
