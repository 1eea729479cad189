/**
 * The first person as dialect and texting spell it, for the voice reader (`voiceOf`,
 * `query.ts`): a closed class of spellings of "I", "my", "myself" and "our" that are not the
 * standard words. Texted contractions come from the analyser's lexicon (`chat_speak.ts`): a
 * spelling is the first person when a word it stands for is ("im" → "i am", "ive", "idk", "omw"
 * → "on my way"; "weve" → "we have" for the group). Dialect spellings are listed here: "ma" and
 * "mah" for "my" (Scots, Irish, Northern English, US texting), "masel", "mysel", "mysen",
 * "meself" for "myself", "oor" for "our" (Scots), and "am", which only "I" takes as its subject
 * ("am aff tae the bingo" leaves out the "I" it needs).
 *
 * Collisions decided by the word before, never by the words of a set:
 * - "ma" is also "mother". Without an owner ("ma and da", "me ma") she is the speaker's own,
 *   named by title as "Grandpa Karl" is (`namesOwnKin`), so the text is in the speaker's voice
 *   either way; after another owner or a determiner ("his ma", "leah's ma", "yer ma", "an MA")
 *   it is not.
 * - "am" is also "a.m." after a number ("at 10 am") and a noun after a determiner ("the AM
 *   band"): not read there.
 * - "me" for "my" ("me mam") is left out: "me" is far more often the object ("gave me flowers").
 * - "mines" ("thats mines"), "a" and "ah" for "I" are left out: English words ("the mines", the
 *   article, the exclamation) far more often.
 *
 * @module
 */
import { chatSpeakAt } from "./chat_speak.ts";

/** Dialect and texting spellings of the first person singular, each with its standard word. */
export const DIALECT_SELF: ReadonlyMap<string, string> = new Map([
  ["ma", "my"],
  ["mah", "my"],
  ["masel", "myself"],
  ["masell", "myself"],
  ["mysel", "myself"],
  ["mysen", "myself"],
  ["meself", "myself"],
  ["am", "am"],
]);

/** Dialect spellings of the first person plural, each with its standard word. */
export const DIALECT_GROUP: ReadonlyMap<string, string> = new Map([["oor", "our"]]);

/**
 * Words after which "ma" and "am" are not the speaker's: other owners (a possessive's "s" too:
 * "leah's ma" reads "leah", "s", "ma"), their dialect and texting spellings, and determiners.
 */
export const OTHER_OWNERS: ReadonlySet<string> = new Set(
  ("his her their your yer yur ur its s whose thy the a an this that these those every each no " +
    "any some").split(" "),
);

/** Words before which "am" is "a.m.": numbers written out to twelve (digits are read too). */
const CLOCK_NUMBERS: ReadonlySet<string> = new Set(
  "one two three four five six seven eight nine ten eleven twelve".split(" "),
);

/** The spellings whose reading depends on the word before them. */
const READ_IN_CONTEXT: ReadonlySet<string> = new Set(["ma", "mah", "am"]);

/**
 * The standard person word the `at`-th of `folded` (the analyser's words, in order) spells in
 * dialect or texting, by {@linkcode DIALECT_SELF}, {@linkcode DIALECT_GROUP} and the texting
 * lexicon: "i" or "my" (first person singular), "we" or "our" (plural), else undefined.
 */
export function personAt(folded: readonly string[], at: number): string | undefined {
  const word = folded[at]!;
  const dialect = DIALECT_SELF.get(word) ?? DIALECT_GROUP.get(word);
  if (dialect !== undefined) {
    if (!READ_IN_CONTEXT.has(word) || at === 0) return dialect === "am" ? "i" : dialect;
    const before = folded[at - 1]!;
    if (OTHER_OWNERS.has(before)) return undefined;
    if (word === "am" && (/[0-9]$/.test(before) || CLOCK_NUMBERS.has(before))) return undefined;
    return dialect === "am" ? "i" : dialect;
  }
  const spoken = chatSpeakAt(folded, at);
  return spoken?.find((one) => PERSON_WORDS.has(one));
}

/** The standard words of person a texting spelling may stand for. */
const PERSON_WORDS: ReadonlySet<string> = new Set(["i", "my", "myself", "we", "our"]);

/**
 * The voice `folded` (the analyser's words, in order) speaks in by the dialect and texting
 * spellings of person words alone ({@linkcode personAt}): `self` before `group`, else `other`.
 */
export function spelledVoice(folded: readonly string[]): "self" | "group" | "other" {
  let group = false;
  for (let at = 0; at < folded.length; at++) {
    const person = personAt(folded, at);
    if (person === undefined) continue;
    if (SELF_SPOKEN.has(person)) return "self";
    group = true;
  }
  return group ? "group" : "other";
}

/** The standard words of the first person singular that {@linkcode personAt} gives. */
const SELF_SPOKEN: ReadonlySet<string> = new Set(["i", "my", "myself"]);
