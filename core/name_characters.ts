/**
 * Which characters a name may hold: the rule of every name a person gives and others see, in
 * lists, transcripts and prompts (a persona's, a room's, a lorebook's, the user's name as a
 * chat sender). A name must not pass for another or forge what is around it:
 *
 * - control characters (C0, DEL and C1, CR and LF among them) are refused: a line break in a
 *   sender forged a transcript line `Aria: …` (attack27 F3);
 * - characters that are invisible or turn the text's direction are refused, as they make a name
 *   that looks like another: bidirectional embeddings, overrides and isolates (U+202A-U+202E,
 *   U+2066-U+2069), direction marks (U+200E, U+200F, U+061C), zero-width space, word joiner
 *   and invisible operators (U+200B, U+2060-U+2064), the BOM (U+FEFF), the Mongolian vowel
 *   separator (U+180E). Zero-width (non-)joiners are refused too, but for the places a script
 *   needs them: U+200D between two emoji (👩‍💻), U+200C after a letter of a script that joins
 *   (Arabic, Persian, the Indic scripts). Tag characters (U+E0000-U+E007F) are refused too, but
 *   inside an emoji tag sequence (🏴 U+1F3F4, a subdivision code of 3-6 tag letters and digits,
 *   U+E007F: the flag of Scotland): they spell ASCII no one sees that models read ("ASCII
 *   smuggling", attack28 F11);
 * - a name must show something: at least one letter, digit, symbol or punctuation mark that is
 *   neither default-ignorable (the Hangul fillers U+115F, U+1160, U+3164, U+FFA0, variation
 *   selectors, tag characters, the soft hyphen) nor blank (the Braille pattern blank U+2800). A
 *   name of fillers or of combining marks alone showed as nothing in lists, transcripts and
 *   prompts, and one of default-ignorables alone had no comparison key (attack25 F5).
 *
 * A name is also trimmed and stored in Unicode NFC ({@linkcode shownName}), so one typed
 * precomposed or decomposed is one name. A lone surrogate has become U+FFFD before (as for every
 * string of params, `core/storable_text.ts`). What else a persona's name must meet (no UUID, the
 * longest) is `core/personas/name_rules.ts`'s.
 *
 * @module
 */
import { z } from "zod";
import { cutText } from "./text_cut.ts";

/** C0, DEL and C1. */
const CONTROL = /\p{Cc}/u;
const INVISIBLE = /[\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/u;
/**
 * A character that shows (see the module's documentation). Blank-looking characters that are no
 * default-ignorable: the Braille pattern blank (the Hangul fillers are default-ignorable).
 */
const VISIBLE = /(?![\p{Default_Ignorable_Code_Point}\u2800])[\p{L}\p{N}\p{S}\p{P}]/u;
/** A ZWJ outside an emoji sequence. */
const LONE_ZWJ = /(?<!\p{Extended_Pictographic}\ufe0f?)\u200d|\u200d(?!\p{Extended_Pictographic})/u;
/** A ZWNJ not after a letter of a script that uses it. */
const LONE_ZWNJ =
  /(?<![\p{Script=Arabic}\p{Script=Syriac}\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Gurmukhi}\p{Script=Gujarati}\p{Script=Oriya}\p{Script=Tamil}\p{Script=Telugu}\p{Script=Kannada}\p{Script=Malayalam}\p{Script=Sinhala}]\p{M}*)\u200c/u;

/**
 * An emoji tag sequence as Unicode defines one (UTS #51, valid emoji tag sequences): a black flag,
 * a subdivision code in tag letters and digits (a region's two letters and 1-4 letters or digits,
 * `gbsct`, `usca`; or a 3-digit region), the cancel tag. Any run of tags after a flag let a
 * hidden sentence through ("ignore previous instructions", review38 F3).
 */
const TAG_SEQUENCE =
  /\u{1F3F4}(?:[\u{E0061}-\u{E007A}]{2}[\u{E0030}-\u{E0039}\u{E0061}-\u{E007A}]{1,4}|[\u{E0030}-\u{E0039}]{3})\u{E007F}/gu;
const TAG = /[\u{E0000}-\u{E007F}]/u;
/**
 * A tag sequence (kept: group 1) or a tag character outside one (dropped). Tag sequences are
 * matched whole rather than with lookarounds, which would look back over a run of tags from each
 * of its characters (quadratic in a long name from a file).
 */
const TAGS = new RegExp(`(${TAG_SEQUENCE.source})|${TAG.source}`, "gu");

/** True when `name` holds a tag character outside an emoji tag sequence. */
function hasLoneTag(name: string): boolean {
  return TAG.test(name) && TAG.test(name.replace(TAG_SEQUENCE, ""));
}

/** Every refused character, for mending: control, invisible, and ZWJ/ZWNJ where no script needs them. */
const REFUSED = new RegExp(
  [CONTROL, INVISIBLE, LONE_ZWJ, LONE_ZWNJ].map((pattern) => pattern.source).join("|"),
  "gu",
);

/** What the refusal of a name's characters says, or null for a name whose characters may be used. */
export function nameCharactersProblem(name: string): string | null {
  if (CONTROL.test(name)) return "must not contain control characters (such as line breaks)";
  // A name of tag characters alone shows nothing: it is told so below, as other blank names are.
  const loneTag = hasLoneTag(name) && showsCharacter(name);
  if (INVISIBLE.test(name) || LONE_ZWJ.test(name) || LONE_ZWNJ.test(name) || loneTag) {
    return "must not contain invisible or direction-changing characters (zero-width, bidi " +
      "controls, tag characters)";
  }
  if (!showsCharacter(name)) {
    return "must have a visible character (a letter, digit, symbol or punctuation mark; not " +
      "only fillers, blanks or combining marks)";
  }
  return null;
}

/** True when `name` has a character that shows (not only fillers, blanks or combining marks). */
export function showsCharacter(name: string): boolean {
  return VISIBLE.test(name);
}

/**
 * `name` without the characters {@linkcode nameCharactersProblem} refuses (it may still show
 * nothing: see {@linkcode showsCharacter}).
 */
export function withoutRefusedCharacters(name: string): string {
  let mended = name;
  // Dropping a character can leave a joiner lone that was not before: repeat until none is.
  for (let previous = ""; previous !== mended;) {
    previous = mended;
    mended = mended.replace(REFUSED, "").replace(TAGS, (_tag, sequence?: string) => sequence ?? "");
  }
  return mended;
}

/**
 * A name of at most `max` UTF-16 code units (after NFC) that meets the rules above: trimmed,
 * NFC, not empty, its refusal naming the problem (-32602 with the field, as other params).
 */
export function shownName(max: number) {
  return z.string().trim().normalize("NFC").min(1).max(max).superRefine((name, context) => {
    const problem = nameCharactersProblem(name);
    if (problem) context.addIssue({ code: "custom", message: problem });
  });
}

/**
 * `name` (from a file: a card's or a world's) made into one these rules take: NFC, the refused
 * characters dropped, trimmed, cut to `max` at a grapheme boundary; "" when nothing that shows
 * is left (the caller then names it otherwise).
 */
export function mendShownName(name: string, max: number): string {
  const mended = cutText(withoutRefusedCharacters(name.normalize("NFC")).trim(), max).trim();
  return showsCharacter(mended) ? mended : "";
}
