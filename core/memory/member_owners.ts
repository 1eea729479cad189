/**
 * Whose thing a class member is. A question about the speaker's own things by their class ("What
 * pets do I keep?", "What injuries have I had?", "what medicines do i take": `answer_types.ts`) is
 * answered by a memory that names a member of the class as the speaker's ("our dog Biscuit", "I
 * broke my wrist"), not by one whose every member is someone else's: "my landlord's cat got into
 * the stairwell", "Hugo hurt his knee", "my neighbour dev is diabetic also, he takes insulin".
 * Such a memory names the class as well as the speaker's own does (word alignment matches the
 * member, not its owner), so it loses {@linkcode MEMBER_OTHERS} of its score, as a relative said
 * only as someone else's does (`kin_owners.ts`'s `KIN_OTHERS`).
 *
 * Each word of a memory is read as the speaker's, someone else's or nobody's in particular, within
 * its clause (split at sentence marks, commas and the conjunctions that start a new subject):
 * - the word before it (past one word that is no article: "his two dogs", not "gave her a cat")
 *   is "my" or "our" (the speaker's), or someone's possessive: "dev's", "Hugo's", "his", "her",
 *   "their" (another's; not "the user's", nor "his"/"her" in a memory layer's third-person voice
 *   of the user, "User hurt his knee": `user_voice.ts`'s reading);
 * - else a word of the speaker before it in the clause ("I", "we", "me", "my", "the user") makes
 *   it the speaker's;
 * - else a clause whose subject is another person ("he", "she", "they", someone's possessive, a
 *   person word such as "neighbour" or "colleague", or "my neighbour ...") makes it theirs.
 * A word no rule reads stays nobody's in particular: a memory is only discounted when all the
 * members it holds are read as someone else's.
 *
 * @module
 */
import type { AskedType, TypeMembers } from "./meaning/answer_types.ts";
import { PEOPLE_WORDS } from "./someone_else.ts";
import { isContentWord, stem, words } from "./text.ts";
import { rememberedByText } from "./text_memo.ts";

/** The share of its score a memory loses when every class member it names is someone else's. */
export const MEMBER_OTHERS = 0.5;

/** Whose a word of a memory is. */
export type WordOwner = "speaker" | "other" | undefined;

/** One content word of a memory: its stem and whose it is. */
export interface OwnedWord {
  stem: string;
  owner: WordOwner;
}

/** What splits a text into clauses: sentence marks, commas, and conjunctions that start one. */
const CLAUSE_BREAK =
  /[.;:!?,()\n]|(?<![\p{L}\p{N}])(?:and|but|so|because|while|whereas)(?![\p{L}\p{N}])/giu;
const TOKEN = /[\p{L}\p{N}'’]+/gu;
/** Words that are the speaker, folded (a memory layer's "the user" too). */
const SPEAKER: ReadonlySet<string> = new Set([
  "i",
  "im",
  "ive",
  "id",
  "ill",
  "me",
  "myself",
  "we",
  "us",
  "ourselves",
  "user",
  "users",
]);
/** The speaker's possessives. */
const MINE: ReadonlySet<string> = new Set(["my", "our"]);
/** Another's possessive pronouns, folded. */
const THEIR_POSSESSIVES: ReadonlySet<string> = new Set(["his", "her", "their"]);
/** Another person as a clause's subject, folded. */
const THEIR_SUBJECTS: ReadonlySet<string> = new Set(["he", "she", "they", "hes", "shes"]);
/** Articles: a possessive two words before a member reaches past no article ("gave her a cat"). */
const ARTICLES: ReadonlySet<string> = new Set(["a", "an", "the"]);
/** A word with a possessive "'s" (or a bare "'"): its word. */
const POSSESSIVE = /^(\p{L}+)(?:['’]s|s['’])$/u;

/** How many texts {@linkcode ownedWords} read (for tests: once per text). */
let reads = 0;

/** How many texts {@linkcode ownedWords} has read so far (for tests). */
export function ownedWordReads(): number {
  return reads;
}

/** The owner a possessive or a subject word `token` names, if any. */
function possessorOwner(token: string, userVoice: boolean): WordOwner {
  const folded = token.toLowerCase();
  if (MINE.has(folded)) return "speaker";
  if (THEIR_POSSESSIVES.has(folded)) return userVoice ? "speaker" : "other";
  const possessive = POSSESSIVE.exec(folded);
  if (possessive === null) return undefined;
  const word = words(possessive[1]!)[0] ?? "";
  // "it's", "that's", "there's" are no possessives; "the user's" is the speaker's.
  if (!isContentWord(word)) return undefined;
  return SPEAKER.has(word) ? "speaker" : "other";
}

/**
 * The first word of a clause (its `folded` words) that marks an owner for the words after it: a
 * speaker's word ("I", "my") for the speaker, "my"/"our" before a person word ("my neighbour dev
 * ...") for someone else; `at` is the clause's length when none does. Found once per clause, so a
 * clause of many words is read in linear time.
 */
function firstMark(folded: readonly string[]): { at: number; owner: WordOwner } {
  for (let i = 0; i < folded.length; i++) {
    const word = folded[i]!;
    if (MINE.has(word) && PEOPLE_WORDS.has(folded[i + 1] ?? "")) return { at: i, owner: "other" };
    if (SPEAKER.has(word) || MINE.has(word)) return { at: i, owner: "speaker" };
  }
  return { at: folded.length, owner: undefined };
}

/**
 * The owner a clause (its `tokens`, `folded`, and {@linkcode firstMark}) gives its word at `end`:
 * a mark before it, else the clause's opening subject.
 */
function clauseOwner(
  clause: {
    tokens: readonly string[];
    folded: readonly string[];
    mark: { at: number; owner: WordOwner };
  },
  end: number,
  userVoice: boolean,
): WordOwner {
  const { tokens, folded, mark } = clause;
  if (mark.at < end) return mark.owner;
  const first = folded[0];
  if (first === undefined || end === 0) return undefined;
  if (THEIR_SUBJECTS.has(first)) return userVoice ? "speaker" : "other";
  if (PEOPLE_WORDS.has(first)) return "other";
  // "Kirsty's got two cats", "Dev's cat ...": someone's possessive (or "'s" for "has") opens it.
  return possessorOwner(tokens[0]!, userVoice) === "other" ? "other" : undefined;
}

/**
 * The content words of `text` with their owners (see the module's documentation), in order;
 * remembered by text (a search asks it of each candidate, for its alignment's bound and ranking).
 */
export const ownedWords: (text: string) => readonly OwnedWord[] = rememberedByText((text) => {
  reads++;
  const userVoice = /(?<![\p{L}\p{N}])user(?![\p{L}\p{N}])/iu.test(text);
  const owned: OwnedWord[] = [];
  for (const clause of text.split(CLAUSE_BREAK)) {
    const tokens = clause.match(TOKEN) ?? [];
    const folded = tokens.map((token) => words(token)[0] ?? "");
    const mark = firstMark(folded);
    for (let i = 0; i < tokens.length; i++) {
      const base = words(tokens[i]!.replace(/['’]s?$/u, ""))[0] ?? "";
      if (!isContentWord(base)) continue;
      let owner = i > 0 ? possessorOwner(tokens[i - 1]!, userVoice) : undefined;
      if (owner === undefined && i > 1 && !ARTICLES.has(folded[i - 1]!)) {
        owner = possessorOwner(tokens[i - 2]!, userVoice);
      }
      owned.push({
        stem: stem(base),
        owner: owner ?? clauseOwner({ tokens, folded, mark }, i, userVoice),
      });
    }
  }
  return owned;
});

/** The members a query asks for by their class, as stems, and its own class words' stems. */
export interface AskedMembers {
  /** Each asked type's members (`TypeMembers.all`). */
  members: readonly ReadonlySet<string>[];
  /** The query's cue words ("pets", "injuries"): a memory saying one names no member by it. */
  cues: ReadonlySet<string>;
}

/**
 * The members a question asks for by their class (`types`: a search's asked answer types and
 * their members, `answer_types.ts`), with its cue words; undefined when it asks for none, or asks
 * about someone else's: "What pets does my landlord keep?", "what injuries has he had?" (a word
 * naming a person, by `isPerson`, other than "the user"; another's pronoun or possessive).
 */
export function askedMembers(
  types: { asked: readonly AskedType[]; members: TypeMembers } | undefined,
  query: { text: string; isPerson: (word: string) => boolean },
): AskedMembers | undefined {
  if (types === undefined || types.asked.length === 0 || asksOthers(query)) return undefined;
  const members: ReadonlySet<string>[] = [];
  for (const { type } of types.asked) {
    const typed = types.members.all.get(type);
    if (typed !== undefined && !members.includes(typed)) members.push(typed);
  }
  if (members.length === 0) return undefined;
  return { members, cues: new Set(types.asked.map(({ word }) => stem(word))) };
}

/** Whether a question names a person other than the speaker (see {@linkcode askedMembers}). */
function asksOthers(query: { text: string; isPerson: (word: string) => boolean }): boolean {
  for (const token of query.text.match(TOKEN) ?? []) {
    const word = words(token)[0] ?? "";
    if (SPEAKER.has(word)) continue;
    if (THEIR_POSSESSIVES.has(word) || THEIR_SUBJECTS.has(word)) return true;
    if (possessorOwner(token, false) === "other" || query.isPerson(word)) return true;
  }
  return false;
}

/**
 * 1 − {@linkcode MEMBER_OTHERS} when `content` names members of the asked classes (`asked`) and
 * every one of them is someone else's, else 1.
 */
export function othersMembersFactor(asked: AskedMembers, content: string): number {
  let held = 0;
  for (const { stem: wordStem, owner } of ownedWords(content)) {
    if (asked.cues.has(wordStem) || !asked.members.some((set) => set.has(wordStem))) continue;
    if (owner !== "other") return 1;
    held++;
  }
  return held > 0 ? 1 - MEMBER_OTHERS : 1;
}
