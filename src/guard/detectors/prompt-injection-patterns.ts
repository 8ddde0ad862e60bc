/**
 * Phrases that try to take over a model, matched on folded text (lower case,
 * NFKC, invisible characters removed, look-alikes replaced) with every run of
 * non-alphanumerics collapsed to one space. Each pattern is a sequence of
 * bounded repetitions over space-separated words: linear time.
 */
export interface InjectionPattern {
  label: string;
  pattern: RegExp;
}

const filler = '(?:(?:all|any|every|each|the|of|these|those|and|or|my|our|previous|prior|above|earlier|preceding|foregoing|initial|original|system|developer|safety|existing|current|given|other|instructions|rules)\\s){0,5}';
const anchor = '(?:previous|prior|above|earlier|preceding|foregoing|initial|original|system|developer|your|safety)';
const target = '(?:instructions?|prompts?|directions?|directives?|rules|guidelines|guardrails|constraints|context|messages?|restrictions|policies|programming|training|commands)';

export const phrasePatterns: InjectionPattern[] = [
  {
    label: 'instruction override',
    pattern: new RegExp(`\\b(?:ignore|disregard|forget|override|bypass|neglect|abandon|discard)\\s${filler}${anchor}\\s${filler}${target}\\b`),
  },
  {
    label: 'instruction override',
    pattern: /\b(?:forget|ignore|disregard) (?:everything|all|anything) (?:above|before|previously|you (?:were|have been|ve been) told|i (?:said|told you))\b/,
  },
  {
    label: 'instruction override',
    pattern: /\b(?:do not|don t|never) (?:follow|obey|listen to) (?:your|the|any) (?:previous |prior |original |system )?(?:instructions|rules|guidelines|system prompt)\b/,
  },
  {
    label: 'jailbreak persona',
    pattern: /\b(?:you are|you re|act as|pretend to be|behave as) (?:now )?(?:no longer bound|an? (?:unrestricted|unfiltered|uncensored|jailbroken)|dan|in (?:developer|god|jailbreak|dan) mode)\b|\b(?:enable|activate|enter|switch to) (?:dan|developer|god|jailbreak) mode\b|\bdo anything now\b/,
  },
  {
    label: 'system prompt extraction',
    pattern: /\b(?:reveal|print|show|output|repeat|leak|display|dump|tell me|what is|what are) (?:me )?(?:your|the) (?:full |entire |complete |original |hidden |initial |exact )?(?:system prompt|system message|hidden prompt|initial prompt|initial instructions|your instructions)\b/,
  },
  {
    label: 'concealment from the user',
    pattern: /\b(?:do not|don t|never|must not) (?:tell|inform|notify|alert|show|mention (?:this |it |anything )?to|reveal (?:this |it )?to|let) (?:the )?user\b|\bwithout (?:telling|informing|notifying|alerting) (?:the )?user\b|\b(?:keep|hide) (?:this|it) (?:secret )?from the user\b/,
  },
  {
    label: 'false authority',
    pattern: /\b(?:this is|message from|note from) (?:an? |the )?(?:urgent |important |official )?(?:system|admin|administrator|developer|anthropic|openai|security team) (?:message|override|notice|instruction|update)\b|\bsystem override\b|\b(?:admin|developer|god|debug) mode (?:is )?(?:enabled|activated|on)\b/,
  },
  {
    label: 'new instructions',
    pattern: /\b(?:new|updated|revised|real|actual|true) (?:system )?instructions (?:are |follow |below )?(?:as follows|follow|below)\b|\byour (?:new|real|actual|true) (?:task|instructions|goal|objective) (?:is|are)\b/,
  },
];

/**
 * Chat-template role and delimiter tokens, matched on folded text (not
 * collapsed: the punctuation is the point).
 */
export const roleTokenPattern =
  /<\|(?:im_start|im_end|im_sep|endoftext|system|user|assistant|eot_id|eom_id|start_header_id|end_header_id|begin_of_text|python_tag|channel|message|start|end|return|call|constrain)\|>|\[\/?inst\]|<<\/?sys>>|<\/?(?:start|end)_of_turn>|\n[ \t]*\n[ \t]*(?:human|assistant)[ \t]*:|<\/?(?:system|important|instructions?|admin)>/;

/** Phrases with every letter run together: what "i g n o r e  a l l ..." and "i.g.n.o.r.e" leave. */
export const squashedPatterns: InjectionPattern[] = [
  {
    label: 'instruction override',
    pattern: /(?:ignore|disregard|forget|override|bypass)(?:all|any|the|your)?(?:previous|prior|above|earlier|preceding|system|your)(?:instructions?|prompts?|rules|directions|guidelines)/,
  },
  { label: 'system prompt extraction', pattern: /(?:reveal|print|show|repeat|leak)(?:me)?(?:your|the)(?:systemprompt|hiddenprompt|initialprompt)/ },
];
