/**
 * Characters that render as nothing (or reorder what is rendered) and so can
 * hide or disguise text from a human reviewer while a model still reads it.
 */

const zeroWidthSource =
  '\\u00AD\\u034F\\u115F\\u1160\\u17B4\\u17B5\\u180E\\u200B-\\u200D\\u2060-\\u2064\\u3164\\uFEFF\\uFFA0';
const bidiSource = '\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069';
const variationSelectorSource = '\\uFE00-\\uFE0F\\u{E0100}-\\u{E01EF}';
const tagSource = '\\u{E0000}-\\u{E007F}';

const anyInvisible = new RegExp(`[${zeroWidthSource}${bidiSource}${variationSelectorSource}${tagSource}]`, 'u');
const allInvisible = new RegExp(`[${zeroWidthSource}${bidiSource}${variationSelectorSource}${tagSource}]+`, 'gu');
const zeroWidth = new RegExp(`[${zeroWidthSource}]`, 'u');
const bidiControl = new RegExp(`[${bidiSource}]`, 'u');
const bidiOverride = /[\u202A-\u202E\u2066-\u2069]/u;
const variationSelector = new RegExp(`[${variationSelectorSource}]`, 'u');

const blackFlag = 0x1f3f4;
const tagBase = 0xe0000;
const cancelTag = 0xe007f;

/** Removes zero-width, bidi-control, variation-selector and tag characters. */
export function stripInvisible(text: string): string {
  return anyInvisible.test(text) ? text.replace(allInvisible, '') : text;
}

export interface InvisibleCensus {
  zeroWidth: boolean;
  bidiControl: boolean;
  /** Embedding/override/isolate controls (U+202A-202E, U+2066-2069): the "Trojan Source" set. */
  bidiOverride: boolean;
  variationSelector: boolean;
  /** ASCII smuggled as Unicode tag characters, outside emoji flag sequences. */
  smuggledTagText: string;
}

export function censusInvisible(text: string): InvisibleCensus {
  return {
    zeroWidth: zeroWidth.test(withoutEmojiJoiners(text)),
    bidiControl: bidiControl.test(text),
    bidiOverride: bidiOverride.test(text),
    variationSelector: variationSelector.test(withoutEmojiPresentation(text)),
    smuggledTagText: decodeTagText(text),
  };
}

/**
 * Unicode tag characters U+E0020-E007E mirror printable ASCII; models read
 * them, people do not see them. Emoji subdivision flags (black flag followed
 * by tags and a cancel tag) are the one legitimate use and are skipped.
 */
export function decodeTagText(text: string): string {
  if (!hasTagCharacter(text)) return '';
  let hidden = '';
  let inFlag = false;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code === blackFlag) {
      inFlag = true;
      continue;
    }
    const isTag = code >= tagBase && code <= cancelTag;
    if (!isTag) {
      inFlag = false;
      continue;
    }
    if (code === cancelTag) {
      inFlag = false;
      continue;
    }
    if (!inFlag && code >= tagBase + 0x20 && code <= tagBase + 0x7e) hidden += String.fromCharCode(code - tagBase);
  }
  return hidden;
}

/**
 * Whether `text` holds a character of U+E0000-E007F: in UTF-16 the high
 * surrogate U+DB40 then a low one of U+DC00-DC7F. Looking for that one code
 * unit with `indexOf` is much faster on a large text than a `u`-flag regex,
 * which walks it code point by code point.
 */
export function hasTagCharacter(text: string): boolean {
  for (let i = text.indexOf('\uDB40'); i >= 0; i = text.indexOf('\uDB40', i + 1)) {
    const low = text.charCodeAt(i + 1);
    if (low >= 0xdc00 && low <= 0xdc7f) return true;
  }
  return false;
}

/** ZWJ between two pictographs joins an emoji sequence (family, profession): not hiding anything. */
function withoutEmojiJoiners(text: string): string {
  return text.replace(/(\p{Extended_Pictographic}[\uFE0F\u{1F3FB}-\u{1F3FF}]?)\u200D(?=\p{Extended_Pictographic})/gu, '$1');
}

/** U+FE0F after a pictograph or keycap base asks for emoji presentation. */
function withoutEmojiPresentation(text: string): string {
  return text.replace(/([\p{Extended_Pictographic}#*0-9\u00A9\u00AE])\uFE0F/gu, '$1');
}
