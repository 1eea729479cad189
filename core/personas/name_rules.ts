/**
 * What a persona's name may be. Names identify personas (lookups by name, the unique-name rule,
 * chat senders), so two names that look the same must be the same name:
 *
 * - a name is stored in Unicode NFC, so "Ária" typed precomposed (U+00C1) or decomposed
 *   (A + U+0301) is one name, and the second persona to take it is refused;
 * - control characters (C0, DEL and C1, CR and LF among them) are refused;
 * - characters that are invisible or turn the text's direction are refused, as they make a name
 *   that looks like another: bidirectional embeddings, overrides and isolates (U+202A-U+202E,
 *   U+2066-U+2069), direction marks (U+200E, U+200F, U+061C), zero-width space, word joiner
 *   and invisible operators (U+200B, U+2060-U+2064), the BOM (U+FEFF), the Mongolian vowel
 *   separator (U+180E). Zero-width (non-)joiners are refused too, but for the places a script
 *   needs them: U+200D between two emoji (👩‍💻), U+200C after a letter of a script that joins
 *   (Arabic, Persian, the Indic scripts);
 * - a name must show something: at least one letter, digit, symbol or punctuation mark that is
 *   neither default-ignorable (the Hangul fillers U+115F, U+1160, U+3164, U+FFA0, variation
 *   selectors, tag characters, the soft hyphen) nor blank (the Braille pattern blank U+2800). A
 *   name of fillers or of combining marks alone showed as nothing in lists, transcripts and
 *   prompts, and one of default-ignorables alone had no comparison key (attack25 F5);
 * - a name that reads as a UUID (a persona id's form, `name_key.ts`) is refused: ids and names are
 *   both taken wherever a persona is named, so a name must not pass for an id.
 *
 * Which names are one name (case, look-alikes) is `name_key.ts`'s to say.
 *
 * @module
 */
import { z } from "zod";
import { looksLikeUuid } from "./name_key.ts";

/** Longest name, in UTF-16 code units after NFC. */
export const NAME_MAX = 64;

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

/** Every refused character, for mending: control, invisible, and ZWJ/ZWNJ where no script needs them. */
const REFUSED = new RegExp(
  [CONTROL, INVISIBLE, LONE_ZWJ, LONE_ZWNJ].map((pattern) => pattern.source).join("|"),
  "gu",
);
const GRAPHEMES = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** What the refusal of a name says, or null for a name that may be used. */
export function nameProblem(name: string): string | null {
  if (CONTROL.test(name)) return "must not contain control characters (such as line breaks)";
  if (INVISIBLE.test(name) || LONE_ZWJ.test(name) || LONE_ZWNJ.test(name)) {
    return "must not contain invisible or direction-changing characters (zero-width, bidi controls)";
  }
  if (!VISIBLE.test(name)) {
    return "must have a visible character (a letter, digit, symbol or punctuation mark; not " +
      "only fillers, blanks or combining marks)";
  }
  if (looksLikeUuid(name)) return "must not look like a persona id (a UUID)";
  return null;
}

/** A name as it may be stored (trimmed, NFC, 1-64 characters), its characters not checked. */
export const storedName = z.string().trim().normalize("NFC").min(1).max(NAME_MAX);

/**
 * A persona's name: trimmed, NFC, 1-64 characters, none of the characters refused above, at least
 * one that shows.
 */
export const personaName = storedName.superRefine(
  (name, context) => {
    const problem = nameProblem(name);
    if (problem) context.addIssue({ code: "custom", message: problem });
  },
);

/**
 * `name` cut to at most `max` UTF-16 code units at a grapheme boundary: never inside a surrogate
 * pair, an emoji sequence (👩‍💻) or a letter with its marks.
 */
export function cutName(name: string, max: number): string {
  if (name.length <= max) return name;
  let cut = "";
  for (const { segment } of GRAPHEMES.segment(name)) {
    if (cut.length + segment.length > max) break;
    cut += segment;
  }
  return cut;
}

/** What a name that reads as a persona id (stored before the rule) is imported with after it. */
export const ID_NAME_SUFFIX = " (renamed)";

/**
 * `name` (from a card or a bundle, or stored before these rules) made into one these rules take:
 * NFC, the refused characters dropped, trimmed, cut to {@linkcode NAME_MAX}, and
 * {@linkcode ID_NAME_SUFFIX} after a name that reads as a UUID; "" when nothing is left, or
 * nothing that shows (fillers, blanks, combining marks alone).
 */
export function mendName(name: string): string {
  let mended = name.normalize("NFC");
  // Dropping a character can leave a joiner lone that was not before: repeat until none is.
  for (let previous = ""; previous !== mended;) {
    previous = mended;
    mended = mended.replace(REFUSED, "");
  }
  mended = cutName(mended.trim(), NAME_MAX).trim();
  if (!VISIBLE.test(mended)) return "";
  // At most 38 characters (braces): the suffix fits.
  return mended && looksLikeUuid(mended) ? `${mended}${ID_NAME_SUFFIX}` : mended;
}

/**
 * The bundle's or card's `name` as the name rules take it (refused characters dropped, NFC, a
 * suffix after a UUID), said in `notes` when it changed; "" when nothing is left (the import is
 * then refused, -32602).
 */
export function mendedName(name: string, notes: string[]): string {
  const mended = mendName(name);
  if (mended.endsWith(ID_NAME_SUFFIX) && looksLikeUuid(mended.slice(0, -ID_NAME_SUFFIX.length))) {
    notes.push(
      `The name "${
        visible(name)
      }" reads as a persona id, which a name may not; imported as "${mended}"`,
    );
  } else if (mended && mended !== name.trim()) {
    notes.push(
      `The name "${visible(name)}" had characters a name may not have; imported as "${mended}"`,
    );
  }
  return mended;
}

/** `text` with its control and format characters written as `\uXXXX`, so a note shows them. */
function visible(text: string): string {
  return text.replace(
    /[\p{Cc}\p{Cf}]/gu,
    (c) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, "0")}`,
  );
}

/**
 * `name` if `taken(name)` is false, else the first free of "name (2)", "name (3)", ...: `name`
 * cut at a grapheme boundary to leave room for the suffix, so every candidate follows these rules.
 */
export async function freeName(
  name: string,
  taken: (candidate: string) => Promise<boolean>,
): Promise<string> {
  if (!await taken(name)) return name;
  for (let n = 2;; n++) {
    const suffix = ` (${n})`;
    const candidate = `${cutName(name, NAME_MAX - suffix.length).trimEnd()}${suffix}`;
    if (!await taken(candidate)) return candidate;
  }
}
