/**
 * Questions that ask for several facts at once by their shape: a class asked for in the plural
 * ("what pets do we have", "which trips have we got", "who are my kids") or everything of a kind
 * ("all the car notes", "list my allergies"). Each member of the class is told in a memory of
 * its own ("our golden retriever Biscuit ...", "Pepper died ..."), and what tells one member
 * apart shares no word with the question; the lines that share its words are often chit-chat
 * ("the cat knocked my tea over") or repeats of one member. So such a question is answered in
 * the order a broad one is (`broad_subject.ts`): more hits read, each by what it tells beyond
 * the question, what hits above already told counting less.
 *
 * @module
 */
import { spokenWords } from "./chat_speak.ts";
import { FINITE_AUXILIARIES, PERSONAL_POSSESSIVES } from "./function_words.ts";
import { STOPWORDS, words } from "./text.ts";

/**
 * The question words that ask for a class's instances when a plural noun follows ("what
 * pets", "which trips").
 */
const CLASS_ASKERS: ReadonlySet<string> = new Set(["what", "which"]);

/**
 * Quantifiers over everything of a kind ("all the car notes", "list my allergies").
 */
const EVERY_WORDS: ReadonlySet<string> = new Set(["all", "list"]);

/** The words a quantifier's noun phrase opens with ("all the ...", "all my ...", "all of"). */
const PHRASE_OPENERS: ReadonlySet<string> = new Set([
  "the",
  ...PERSONAL_POSSESSIVES,
  "of",
  "these",
  "those",
  // The dialect "my" ("ma weans"), a stop word already (NLTK lists "ma").
  "ma",
]);

/** Linking verbs of "who are my kids", "who're the neighbours". */
const WHO_LINKS: ReadonlySet<string> = new Set(["are", "were", "re"]);

/** Whether `word` reads as a plural noun (`readsAsPlural` in `meaning/class_centroid.ts`). */
export type PluralTest = (word: string) => boolean;

/**
 * Whether `text` asks for several facts by its shape: "what"/"which" followed by a plural noun
 * (at most {@linkcode CLASS_WORD_REACH} words on, past modifiers: "which Polish dishes"), "who
 * are" before a plural ("who are my kids"), or "all"/"list" before a noun phrase ("all the car
 * notes", "list allergies"). Dialect and texting spellings of function words read as what they
 * stand for (`chat_speak.ts`). `isPlural` tells a plural noun ("pets", "kids", "allergies").
 */
export function asksSeveral(text: string, isPlural: PluralTest): boolean {
  return severalShapes(text, isPlural).asks;
}

/**
 * The class nouns `text` asks several facts of, each once, in order: by
 * {@linkcode asksSeveral}'s shapes ("pets" of "what pets do we have", "kids" of "who are my
 * kids", "notes" of "all the car notes"), and the thing owned by every one or by several, a
 * universal possessive ("medication" of "everyone's medication") or a plural one before a plural
 * ("allergies" of "the kids' allergies", not "house" of "my parents' house"): one fact of each
 * owner. None when it has no such shape.
 */
export function askedClassWords(text: string, isPlural: PluralTest): string[] {
  const { classWords } = severalShapes(text, isPlural);
  for (const [, owner, mark, run] of text.matchAll(SEVERAL_OWNERS)) {
    const word = ownedHead(run!.toLowerCase().split(/\s+/u), isPlural);
    // Several owners own several things only when what they own is plural too: "my parents'
    // house" is one house.
    const several = mark!.startsWith("s")
      ? isPlural(`${owner!.toLowerCase()}s`) && isPlural(word)
      : UNIVERSAL_OWNERS.has(owner!.toLowerCase());
    if (several && !STOPWORDS.has(word) && !classWords.includes(word)) classWords.push(word);
  }
  return classWords;
}

/** The universal pronouns whose possessive owns one thing of each member ("everyone's"). */
const UNIVERSAL_OWNERS: ReadonlySet<string> = new Set(["everyone", "everybody"]);

/**
 * An owner's possessive and the words after it ("everyone's medication", "the kids' allergies",
 * "everyone's phone numbers"), up to {@linkcode OWNED_REACH} of them on one line.
 */
const SEVERAL_OWNERS =
  /(?<![\p{L}\p{N}'\u2019])(\p{L}+?)(['\u2019]s|s['\u2019])[^\S\r\n]+(\p{L}+(?:[^\S\r\n]+\p{L}+){0,2})/gu;

/** How many words after a possessive may make the noun it owns ("phone numbers", 2). */
export const OWNED_REACH = 3;

/**
 * The head of the noun a possessive owns, of the words after it: English pluralises only a
 * compound's last noun ("phone numbers", never "phones number"), so the first plural word before
 * a stop word is the head; without one the first word ("everyone's medication").
 */
function ownedHead(after: readonly string[], isPlural: PluralTest): string {
  for (const word of after.slice(0, OWNED_REACH)) {
    if (STOPWORDS.has(word)) break;
    if (isPlural(word)) return word;
  }
  return after[0]!;
}

function severalShapes(
  text: string,
  isPlural: PluralTest,
): { asks: boolean; classWords: string[] } {
  const plain = spokenWords(words(text));
  const classWords: string[] = [];
  let asks = false;
  const found = (at: number) => {
    if (at < 0) return false;
    if (!classWords.includes(plain[at]!)) classWords.push(plain[at]!);
    return true;
  };
  for (let at = 0; at < plain.length; at++) {
    const word = plain[at]!;
    const next = plain[at + 1];
    if (next === undefined) break;
    if (CLASS_ASKERS.has(word)) {
      asks = found(classWordAfter(plain, at + 1, { isPlural, clause: true })) || asks;
    } else if (word === "who" && WHO_LINKS.has(next)) {
      // "who are my kids": the plural is what "are" says of them, no clause follows it.
      asks = found(classWordAfter(plain, at + 2, { isPlural, clause: false })) || asks;
    } else if (EVERY_WORDS.has(word) && (PHRASE_OPENERS.has(next) || isPlural(next))) {
      found(classWordAfter(plain, at + 1, { isPlural, clause: false }));
      asks = true;
    }
  }
  return { asks, classWords };
}

/**
 * The words that may follow a question's class noun: an auxiliary or the clause's subject
 * ("what pets do we have", "which trips we have", "what tablets am I on") or a second class
 * ("which scars and tattoos"). A word in "s" before anything else is a verb whose subject the
 * question asks ("what keeps me awake", "which sibling fixes bikes", "what Kasia cooks for
 * Christmas"): no class.
 */
const CLAUSE_GOES_ON: ReadonlySet<string> = new Set([
  ...FINITE_AUXILIARIES,
  "must",
  "i",
  "we",
  "you",
  "he",
  "she",
  "they",
  "and",
  "or",
]);

/** How many words after "what"/"which" its class noun may come (past a modifier or two). */
export const CLASS_WORD_REACH = 3;

/**
 * Where a plural noun comes within {@linkcode CLASS_WORD_REACH} words from `from`, before any
 * function word other than a possessive ("what pets", "which Polish dishes", "who are my kids";
 * not "what is it about cats": "is" ends the phrase); -1 when none does.
 */
function classWordAfter(
  plain: readonly string[],
  from: number,
  options: { isPlural: PluralTest; clause: boolean },
): number {
  const { isPlural, clause } = options;
  for (let at = from; at < Math.min(plain.length, from + CLASS_WORD_REACH); at++) {
    const word = plain[at]!;
    if (PHRASE_OPENERS.has(word)) continue;
    if (STOPWORDS.has(word)) return -1;
    if (isPlural(word)) {
      const next = plain[at + 1];
      return !clause || next === undefined || CLAUSE_GOES_ON.has(next) ? at : -1;
    }
  }
  return -1;
}
