/**
 * The speaker's voice in chat-style remarks that say neither "I" nor "we" (`voiceOf` reads them
 * as no one's): casual speech leaves its subject out where it is the speaker ("the outback
 * finally died :( got a used grey ford maverick", "learning the hardanger fiddle!!", "Lofoten
 * fund is at $5,100!! might actually go summer after next") and names the speaker's group as an
 * object ("Mandy coaches us now"). Read from grammar alone: a sentence opening with a verb (a past
 * form, an "-ing" form before its object or particle, a modal), or "us" (not in a talk report).
 * Only the pairing of facts and their unlinked updates reads it (`unlinked_updates.ts`):
 * ranking's voice factor keeps `voiceOf`'s.
 *
 * @module
 */
import { reportsTalk } from "./query.ts";
import { opensWithVerb } from "./told_events.ts";
import { rememberedByText } from "./text_memo.ts";

/**
 * Where a sentence opens: the text's start, after an end mark ("!!", "?", "."), or after an
 * emoticon (":(", ":)"). Not after a comma: a clause after one shares the subject before it
 * ("Dev was sick, stayed home"). A run of end marks is tried from its start only (or from its
 * second mark when it opens the text, where the empty match at 0 lets the old pattern start):
 * tried from each of its marks, a long run with no space after it cost n²/2 steps (attack30 F1).
 */
export const SENTENCE_START =
  /(?:^|(?<![.!?])[.!?]+\s+|(?<=^[.!?])[.!?]+\s+|\s[:;]-?[()DPp/]+\s+)/gu;

/**
 * Words that begin a verb's object or complement, closed classes of the grammar: determiners,
 * "to", and particles and prepositions. An "-ing" form opening a sentence before one is a verb
 * whose subject is left out ("learning the fiddle", "trying to quit", "saving up for a trip"),
 * not a noun ("morning walks", "evening shifts").
 */
const OBJECT_OPENERS: ReadonlySet<string> = new Set(
  ("the a an my our this that these those some to up out off back for on in at with about into " +
    "over down away").split(" "),
);

/** Modals opening a sentence with its subject left out ("might actually go"), lower case. */
const MODALS: ReadonlySet<string> = new Set(
  "might could should would must can cant can't won't wont will gonna wanna gotta".split(" "),
);

/**
 * A clause whose subject is a bare noun, no determiner or owner before it and a verb "is" or
 * "was" after it ("derby practice is monday and thursday nights", "Lofoten fund is at $5,100",
 * "... so practice is tuesdays"): casual speech leaves out the speaker's "my" (a singular noun
 * needs a determiner). Not a name ("Dev is ...": its head capitalised) nor someone's ("Sam's
 * rent is ...").
 */
const BARE_SUBJECT = new RegExp(
  "(?:^|[.!?,;]\\s+|\\s[:;]-?[()DPp/]+\\s+|(?<![\\p{L}\\p{N}])(?:so|but|and|because|bc)\\s+)" +
    "((?:[\\p{L}\\p{N}]+\\s+){0,2})(\\p{Ll}+)\\s+(?:is|was)(?![\\p{L}\\p{N}'’])",
  "gu",
);

/** Closed classes that may open a subject with an owner or a determiner, or are no noun. */
const NOT_BARE: ReadonlySet<string> = new Set(
  ("the a an this that these those my your his her its our their some any no every each all both " +
    "it he she they there here what which who when where how why i you we one another other such " +
    "which whose everything something nothing anything everyone someone nobody anyone").split(" "),
);

/** Whether `text` has a clause whose subject is a bare noun ({@linkcode BARE_SUBJECT}). */
function hasBareSubject(text: string): boolean {
  for (const match of text.matchAll(BARE_SUBJECT)) {
    const before = match[1]!.trim();
    const words = before === "" ? [] : before.split(/\s+/);
    if ([...words, match[2]!].some((word) => NOT_BARE.has(word.toLowerCase()))) continue;
    if (words.some((word) => /['’]s$/u.test(word) || /^\p{N}/u.test(word))) continue;
    return true;
  }
  return false;
}

const OPENING = /^[\s"“‘'(]*([\p{L}'’]+)(?:\s+([\p{L}'’]+))?/u;
const US = /(?<![\p{L}\p{N}'’])us(?![\p{L}\p{N}'’])/u;

/** Whether the sentence starting `sentence` opens with a verb whose subject is left out. */
function opensSubjectless(sentence: string): boolean {
  if (opensWithVerb(sentence)) return true;
  const found = sentence.match(OPENING);
  if (!found) return false;
  const first = found[1]!;
  const next = found[2]?.toLowerCase();
  if (next === undefined) return false;
  if (MODALS.has(first.replace("’", "'"))) return true;
  return /^\p{Ll}{2,}ing$/u.test(first.toLowerCase()) && first.length >= 5 &&
    OBJECT_OPENERS.has(next);
}

/**
 * Whether `text` (in no one's voice by `voiceOf`) is the speaker's own or its group's remark in
 * chat: a sentence of it opens with a verb whose subject is left out, or it says "us" (not a talk
 * report: `reportsTalk`). Remembered by text.
 */
export const speakersRemark = rememberedByText((text: string): boolean => {
  if (US.test(text) && !reportsTalk(text)) return true;
  if (hasBareSubject(text)) return true;
  for (const match of text.matchAll(SENTENCE_START)) {
    const at = match.index! + match[0].length;
    if (at >= text.length) break;
    if (opensSubjectless(text.slice(at, at + 80))) return true;
  }
  return false;
});
