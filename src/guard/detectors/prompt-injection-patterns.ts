/**
 * Phrases that try to take over a model, matched on folded text (lower case,
 * NFKC, invisible characters removed, look-alikes replaced). A space in a
 * pattern below stands for one to eight non-alphanumerics ("ignore -- all").
 * Every pattern is a sequence of bounded repetitions: linear time.
 *
 * `triggers` are words at least one of which every match contains: large
 * texts are only searched around them (see injection-windows.ts), as far as
 * a match can reach, derived from the pattern. Where a pattern reaches
 * without bound (`[ \t]*`), the trigger's own `before` and `after` stand in,
 * beyond the blanks next to it (`overBlanks`).
 */
export interface Trigger {
  word: string;
  before: number;
  after: number;
  /** Only as a word of its own ("message", not "postMessage"): the phrases separate their words. */
  whole: boolean;
  /**
   * Its pattern reaches without bound only over blanks next to the word
   * (`\n[ \t]*\n[ \t]*human[ \t]*:`): a window takes in the blanks on
   * each side, then `before` and `after` more.
   */
  overBlanks?: boolean;
}

export interface InjectionPattern {
  label: string;
  pattern: RegExp;
  triggers: Trigger[];
}

const at = (before: number, after: number, ...words: string[]): Trigger[] => words.map((word) => ({ word, before, after, whole: true }));
/** Triggers that are parts of words or punctuation-bounded tokens. */
const within = (before: number, after: number, ...words: string[]): Trigger[] => words.map((word) => ({ word, before, after, whole: false }));

const separator = '[^a-z0-9]{1,8}';
const phrase = (source: string) => new RegExp(source.replace(/ /g, separator));

const filler = '(?:(?:all|any|every|each|the|of|these|those|and|or|my|our|previous|prior|above|earlier|preceding|foregoing|initial|original|system|developer|safety|existing|current|given|other|instructions|rules) ){0,5}';
const anchor = '(?:previous|prior|above|earlier|preceding|foregoing|initial|original|system|developer|your|safety)';
const target = '(?:instructions?|prompts?|directions?|directives?|rules|guidelines|guardrails|constraints|context|messages?|restrictions|policies|programming|training|commands)';
const overrideVerbs = ['ignore', 'disregard', 'forget', 'override', 'bypass', 'neglect', 'abandon', 'discard'];

export const phrasePatterns: InjectionPattern[] = [
  {
    label: 'instruction override',
    pattern: phrase(`\\b(?:${overrideVerbs.join('|')}) ${filler}${anchor} ${filler}${target}\\b`),
    triggers: at(10, 320, ...overrideVerbs),
  },
  {
    label: 'instruction override',
    pattern: phrase('\\b(?:forget|ignore|disregard) (?:everything|all|anything) (?:above|before|previously|you (?:were|have been|ve been) told|i (?:said|told you))\\b'),
    triggers: at(10, 120, 'forget', 'ignore', 'disregard'),
  },
  {
    label: 'instruction override',
    pattern: phrase('\\b(?:do not|don t|never) (?:follow|obey) (?:your|the|any) (?:(?:previous|prior|original|system) )?(?:instructions|rules|guidelines|system prompt)\\b'),
    triggers: at(40, 120, 'follow', 'obey'),
  },
  {
    label: 'jailbreak persona',
    pattern: phrase('\\b(?:you are|you re|act as|pretend to be|behave as) (?:now )?(?:no longer bound|an? (?:unrestricted|unfiltered|uncensored|jailbroken)|dan|in (?:developer|god|jailbreak|dan) mode)\\b|\\b(?:enable|activate|enter|switch to) (?:dan|developer|god|jailbreak) mode\\b|\\bdo anything now\\b'),
    triggers: [...at(120, 40, 'bound', 'unrestricted', 'unfiltered', 'uncensored', 'dan', 'mode', 'anything'), ...within(120, 40, 'jailbr')],
  },
  {
    label: 'system prompt extraction',
    pattern: phrase('\\b(?:reveal|print|show|output|repeat|leak|display|dump|tell me|what is|what are) (?:me )?(?:your|the) (?:(?:full|entire|complete|original|hidden|initial|exact) )?(?:system prompt|system message|hidden prompt|initial prompt|initial instructions|your instructions)\\b'),
    triggers: at(200, 20, 'prompt', 'message', 'instructions'),
  },
  {
    label: 'concealment from the user',
    pattern: phrase('\\b(?:do not|don t|never|must not) (?:tell|inform|notify|alert|show|mention (?:(?:this|it|anything) )?to|reveal (?:(?:this|it) )?to|let) (?:the )?user\\b|\\bwithout (?:telling|informing|notifying|alerting) (?:the )?user\\b|\\b(?:keep|hide) (?:this|it) (?:secret )?from the user\\b'),
    triggers: at(120, 10, 'user'),
  },
  {
    label: 'false authority',
    pattern: phrase('\\b(?:this is|message from|note from) (?:(?:an?|the) )?(?:(?:urgent|important|official) )?(?:system|admin|administrator|developer|anthropic|openai|security team) (?:message|override|notice|instruction)\\b|\\bsystem override\\b|\\b(?:admin|developer|god|debug) mode (?:is )?(?:enabled|activated|on)\\b'),
    triggers: at(160, 40, 'message', 'override', 'notice', 'instruction', 'mode'),
  },
  {
    label: 'new instructions',
    pattern: phrase('\\b(?:new|updated|revised|real|actual|true) (?:system )?instructions (?:(?:are|follow|below) )?(?:as follows|follow|below)\\b|\\byour (?:new|real|actual|true) (?:task|instructions|goal|objective) (?:is|are)\\b'),
    triggers: at(80, 60, 'instructions', 'task', 'goal', 'objective'),
  },
  {
    label: 'chat role or delimiter token',
    pattern: /<\|(?:im_start|im_end|im_sep|endoftext|system|user|assistant|eot_id|eom_id|start_header_id|end_header_id|begin_of_text|python_tag|channel|message|start|end|return|call|constrain)\|>|\[\/?inst\]|<<\/?sys>>|<\/?(?:start|end)_of_turn>|\n[ \t]*\n[ \t]*(?:human|assistant)[ \t]*:|<\/?(?:system|important|instructions?|admin)>/,
    triggers: [...within(40, 40, '<|', '[inst]', '[/inst]', '<<sys>>', '<</sys>>', '_of_turn>', 'system>', 'important>', 'instruction>', 'instructions>', 'admin>'), ...at(40, 40, 'human', 'assistant').map((trigger) => ({ ...trigger, overBlanks: true }))],
  },
];

/**
 * The override verbs with digits and symbols for some letters ("1gn0r3",
 * "d1sr3g4rd", "byp4ss"): the parts of each verb attackers leave alone, in
 * both spellings, so the leetspeak form lands in a search window too.
 */
export const leetTriggers: Trigger[] = within(20, 340, 'gnor', 'gn0r', 'sreg', 'sr3g', 'rget', 'rg3t', 'verr', 'v3rr', 'ypas', 'yp4s', 'yp45', 'yp@s', 'evea', 'ev3a', 'v3al', 'v34l', 'isr3');

/** The digits and symbols that stand in for letters in leetspeak, and the letters they stand for. */
const leetLetters: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '!': 'i', '|': 'i' };
/** The stand-ins, each a character that needs no escape in a regex class (trigger-kernels.as.ts has its own copy). */
export const leetStandIns = Object.keys(leetLetters).join('');
const standIn = new RegExp(`[${leetStandIns}]`, 'g');

/** `text` with each leetspeak stand-in replaced by its letter (the same length). */
export function deLeeted(text: string): string {
  return text.replace(standIn, (char) => leetLetters[char]);
}

/**
 * Phrases with every letter run together: what "i g n o r e  a l l ..." and
 * "i.g.n.o.r.e" leave. Their triggers are words every match ends in: a
 * squashed window without one is not searched.
 */
export const squashedPatterns: InjectionPattern[] = [
  {
    label: 'instruction override',
    pattern: /(?:ignore|disregard|forget|override|bypass)(?:all|any|the|your)?(?:previous|prior|above|earlier|preceding|system|your)(?:instructions?|prompts?|rules|directions|guidelines)/,
    triggers: within(0, 0, 'instruction', 'prompt', 'rules', 'directions', 'guidelines'),
  },
  {
    label: 'system prompt extraction',
    pattern: /(?:reveal|print|show|repeat|leak)(?:me)?(?:your|the)(?:systemprompt|hiddenprompt|initialprompt)/,
    triggers: within(0, 0, 'prompt'),
  },
];
