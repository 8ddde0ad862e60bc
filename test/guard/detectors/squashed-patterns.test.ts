import { describe, expect, it } from 'vitest';
import { squashedPatterns } from '../../../src/guard/detectors/prompt-injection-patterns.js';

describe('squashedPatterns', () => {
  it('has a trigger word in every match, so windows without one need no search', () => {
    const verbs = ['ignore', 'disregard', 'forget', 'override', 'bypass', 'reveal', 'print', 'show', 'repeat', 'leak'];
    const middles = ['', 'all', 'any', 'the', 'your', 'me', 'meyour', 'methe'];
    const anchors = ['previous', 'prior', 'above', 'earlier', 'preceding', 'system', 'your', 'the'];
    const targets = ['instruction', 'instructions', 'prompt', 'prompts', 'rules', 'directions', 'guidelines', 'systemprompt', 'hiddenprompt', 'initialprompt'];
    let matched = 0;
    for (const verb of verbs) for (const middle of middles) for (const anchor of anchors) for (const target of targets) {
      const text = `xx${verb}${middle}${anchor}${target}yy`;
      for (const { pattern, triggers } of squashedPatterns) {
        const match = pattern.exec(text);
        if (match === null) continue;
        matched++;
        expect(triggers.some(({ word }) => match[0].includes(word)), `${match[0]} (${pattern.source})`).toBe(true);
      }
    }
    expect(matched).toBeGreaterThan(1000);
  });
});
