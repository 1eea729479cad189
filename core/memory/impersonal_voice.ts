/**
 * Lines told of no person at all, and the speaker named as "me" in a pair. A user who dictates
 * or texts drops the subject where it is a thing or a habit of the speaker's own: "curling is
 * Wednesday nights at the Fort Rouge club", "the mortgage renewed at four point two", "rent is
 * £475 a month". `voiceOf` finds no "I", "my" or "we" there and reads the line as told by no
 * one, which ranking weighs like another person's fact ("Raj's truck is a Kenworth"). A line
 * that tells of no one else — no pronoun of the third person anywhere, no "user", and a
 * subject that is neither a name nor someone's ("Colleen's dad ...") — has no other person in
 * it to be about: it is the speaker's remark ({@linkcode toldOfNoOne}). And "me" paired with
 * someone ("me and loss go ice fishing", "Colleen and me met at a social") is the speaker taking
 * part, as "I" is ({@linkcode pairsMe}). Read from grammar alone: closed classes of pronouns,
 * determiners and auxiliaries, and the shape of words (a capital, a possessive "'s").
 *
 * @module
 */
import { rememberedByText } from "./text_memo.ts";
import { TIME_WORDS } from "./time_words.ts";
import { toldEvent } from "./told_events.ts";

/**
 * Pronouns of the third person, with the texting spellings of their contractions ("hes",
 * "shes", "theyre"): any of them anywhere tells of someone other than the speaker.
 */
const THIRD_PERSON: ReadonlySet<string> = new Set(
  ("he she they him her them his hers their theirs himself herself themselves themself " +
    "hes shes theyre theyve theyll").split(" "),
);

/**
 * Words that name the user in the third person, a memory layer's way of telling of its user
 * ("User lives in ...", `user_voice.ts`): that is a person told of, not a line of no one.
 */
const PERSON_NOUNS: ReadonlySet<string> = new Set(["user", "users"]);

/**
 * Closed classes that may open a subject without naming anyone: determiners and quantifiers
 * ("The truck ...", "Every winter ..."), and the words that may stand before a subject.
 */
const FUNCTION_OPENERS: ReadonlySet<string> = new Set(
  ("the a an this that these those some any no every each all both another other such its it " +
    "there here what which when where how why if so and but then also just still now well oh " +
    "okay ok um uh yeah yes hey last next one two few many much more most").split(" "),
);

/** Words after which a capitalised word is a thing's name, not a person's ("the Husky"). */
const DETERMINERS: ReadonlySet<string> = new Set(
  "the a an this that these those every each some any no at in on to from of by for".split(" "),
);

/**
 * Auxiliaries, copulas and modals: the first of them ends a line's subject ("the mortgage is
 * ...", "ice fishing with loss is ..."), a closed class of the grammar.
 */
const AUXILIARIES: ReadonlySet<string> = new Set(
  ("is was are were be been has have had will would can could shall should may might must does " +
    "did do isnt wasnt arent werent hasnt havent hadnt wont wouldnt cant couldnt doesnt didnt dont " +
    "gets got goes went").split(" "),
);

/** Possessives that name no one: "it's", "that's", "what's", "let's", "today's", "one's". */
const NO_ONES: ReadonlySet<string> = new Set(
  ("it that what there here let who where how when everyone everybody someone somebody anyone " +
    "anybody nobody one today tonight tomorrow yesterday").split(" "),
);

/** The most words of a line read as its subject when no auxiliary or past form ends it first. */
export const SUBJECT_WORDS = 4;

/** A line's words as written (case and a final "'s" kept), punctuation around each dropped. */
function rawWords(text: string): string[] {
  const out: string[] = [];
  for (const token of text.split(/\s+/)) {
    const word = token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}'’]+$/gu, "").replace(/['’]+$/u, "");
    if (word !== "") out.push(word);
  }
  return out;
}

/** `word` folded: lower case, a curly apostrophe straight. */
const fold = (word: string) => word.toLowerCase().replace(/’/gu, "'");

/** Whether `word` (folded) is a verb in the past by its ending ("renewed", not "need"). */
const pastByEnding = (word: string) =>
  /^\p{Ll}{2,}[^e]ed$/u.test(word) || toldEvent(`I ${word}`).verbs.length > 0;

/**
 * Whether `word` (as written) says someone's: a possessive "'s" ("Colleen's", "biscuit's") but
 * the contractions and possessives that name no one ({@linkcode NO_ONES}).
 */
function someones(word: string): boolean {
  const folded = fold(word);
  if (!folded.endsWith("'s")) return false;
  return !NO_ONES.has(folded.slice(0, -2));
}

/**
 * Whether the subject of `words` (the line's words as written, up to its first auxiliary or past
 * form, at most {@linkcode SUBJECT_WORDS}) names a person: someone's ("Raj's truck"), or a word
 * written as a name — capitalised, not after a determiner ("the Husky", "at Fort Rouge"), not a
 * word of time ("Wednesday") or a function word ("The", "Every") — "Hayden works ...".
 */
function subjectNamesSomeone(words: readonly string[]): boolean {
  for (let i = 0; i < Math.min(words.length, SUBJECT_WORDS); i++) {
    const word = words[i]!;
    const folded = fold(word);
    if (i > 0 && (AUXILIARIES.has(folded.replace("'", "")) || pastByEnding(folded))) return false;
    if (someones(word)) return true;
    const before = i > 0 ? fold(words[i - 1]!) : undefined;
    const named = /^\p{Lu}\p{Ll}/u.test(word) && folded !== "i" &&
      !FUNCTION_OPENERS.has(folded) && !TIME_WORDS.has(folded) &&
      !(before !== undefined && DETERMINERS.has(before));
    if (named) return true;
  }
  return false;
}

/**
 * Whether `text` tells of no person at all (see the module doc): no pronoun of the third person
 * ({@linkcode THIRD_PERSON}), no "user", and a subject that names no one. Asked of lines
 * `voiceOf` reads as no one's: a line with "I", "my" or "we" tells of its speaker whatever else
 * it says. Remembered by text.
 */
export const toldOfNoOne = rememberedByText((text: string): boolean => {
  const words = rawWords(text);
  if (words.length === 0) return false;
  for (const word of words) {
    const folded = fold(word);
    const bare = folded.replace(/'.*$/u, "");
    if (THIRD_PERSON.has(bare) || PERSON_NOUNS.has(bare)) return false;
  }
  return !subjectNamesSomeone(words);
});

/** Words joining "me" to someone else in a pair ("me and loss", "Colleen n me"). */
const JOINERS: ReadonlySet<string> = new Set(["and", "n"]);

/**
 * Whether `words` (a text's folded words) pair "me" with someone ("me and loss go ice fishing",
 * "Colleen and me met"): the speaker takes part in what the line tells, as with "I". Not "between
 * you and me", an aside that tells nothing of the speaker.
 */
export function pairsMe(words: readonly string[]): boolean {
  for (let i = 0; i < words.length; i++) {
    if (words[i] !== "me") continue;
    if (JOINERS.has(words[i + 1] ?? "")) return true;
    if (JOINERS.has(words[i - 1] ?? "") && words[i - 3] !== "between") return true;
  }
  return false;
}

/** Prepositions: the first of them ends a subject's head ("ice fishing with loss is ..."). */
const PREPOSITIONS: ReadonlySet<string> = new Set(
  "with at in on to from of by for about into over under near after before since".split(" "),
);

/**
 * The head of `text`'s subject, folded: the last word of its opening noun phrase, after its
 * determiner and before a preposition, an auxiliary or a past form ("the mortgage renewed ..." →
 * `mortgage`, "ice fishing with loss is ..." → `fishing`); undefined when no such word opens it
 * within {@linkcode SUBJECT_WORDS} words.
 */
export function subjectHead(text: string): string | undefined {
  return subjectOf(text)?.head;
}

/** {@linkcode subjectHead} and whether "the" opens the subject. */
export function subjectOf(text: string): { head: string; definite: boolean } | undefined {
  const words = rawWords(text).map(fold);
  let head: string | undefined;
  let definite = false;
  for (let i = 0; i < Math.min(words.length, SUBJECT_WORDS + 1); i++) {
    const word = words[i]!.replace(/'s$/u, "");
    const bare = word.replace("'", "");
    if (AUXILIARIES.has(bare) || PREPOSITIONS.has(word) || (head && pastByEnding(word))) {
      return head === undefined ? undefined : { head, definite };
    }
    if (FUNCTION_OPENERS.has(word)) {
      if (head !== undefined) return { head, definite };
      definite = word === "the";
      continue;
    }
    head = word;
  }
  return undefined;
}
