/**
 * What a search query says beyond its content words: its voice (asked in the persona's own
 * "I/my" or not), which ranking matches against each memory's, and what it asks for (a place, a
 * person, a time). Its frame words (`query_frames.ts`), names (`query_names.ts`), family words
 * (`query_kin.ts`) and words of now and change (`query_now.ts`) have modules of their own,
 * re-exported here.
 *
 * @module
 */
import { isContentWord, words } from "./text.ts";
import { asciiWords } from "./query_words.ts";
import { asksWhen, namesTime, TIME_WORDS } from "./time_words.ts";
import { asksQuantity, namesQuantity } from "./quantity_words.ts";
import { asksLength, asksSpan, namesSpan } from "./answer_slots.ts";
import { rememberedByText } from "./text_memo.ts";
import { asksKin, namesOwnKin } from "./query_kin.ts";
import { NAME_PREPOSITIONS } from "./query_names.ts";
import { isTypeCue } from "./meaning/answer_types.ts";
import { spelledVoice } from "./person_spellings.ts";
import { JOINERS, pairsMe } from "./paired_me.ts";
import { OBJECT_PRONOUNS, PRENOMINAL_DETERMINERS } from "./function_words.ts";
import { INITIALISM } from "./meaning/word_relations.ts";

export {
  frameTerms,
  queryTermFactor,
  QUESTION_FRAME_WEIGHT,
  QUESTION_FRAME_WORDS,
} from "./query_frames.ts";
export { HONORIFICS, NAME_PREPOSITIONS, placeWordNames, queryNames } from "./query_names.ts";
export { asksKin, KIN_WORDS, namesOwner } from "./query_kin.ts";
export { asksCurrent, CHANGE_WORDS, CURRENT_WORDS, tellsChange } from "./query_now.ts";

/** Who a text speaks as: the persona itself ("I", "my"), a group it is part of, or neither. */
export type Voice = "self" | "group" | "other";

/** Words of the first person singular as subject or owner ("me" is often only the listener). */
export const SELF_WORDS: ReadonlySet<string> = new Set(["i", "my", "mine", "myself"]);
/** Words of the first person plural. */
export const GROUP_WORDS: ReadonlySet<string> = new Set(["we", "our", "ours", "ourselves"]);

const wordPattern = (list: ReadonlySet<string>) =>
  new RegExp(`(?<![\\p{L}\\p{N}])(?:${[...list].join("|")})(?![\\p{L}\\p{N}])`, "iu");
const SELF_PATTERN = wordPattern(SELF_WORDS);
const GROUP_PATTERN = wordPattern(GROUP_WORDS);

/**
 * The voice of `text`: `self` when it has a word of {@linkcode SELF_WORDS}, pairs "me" with
 * someone ("me and Lars go ice fishing", `paired_me.ts`), or calls a relative
 * of the speaker's by a family title ("Grandpa Karl died in March" is "my grandpa":
 * `namesOwnKin`), else `group` with a word of {@linkcode GROUP_WORDS}, else `other` ("The user
 * said their sister ...").
 */
export function voiceOf(text: string): Voice {
  return rememberedVoice(text);
}

// Remembered by text: ranking reads the voice of the same memories search after search.
const rememberedVoice = rememberedByText((text): Voice => {
  const voice = wordsVoice(text);
  return voice === "other" && namesOwnKin(text) ? "self" : voice;
}, { everyCandidate: true });

/** {@linkcode voiceOf} by its words of person alone. */
function wordsVoice(text: string): Voice {
  const folded = asciiWords(text);
  if (folded !== undefined) {
    // Plain ASCII: the patterns' words are whole words of the text, found without a pass of
    // Unicode patterns (a talk report's "we" too).
    if (folded.some((word) => SELF_WORDS.has(word)) || pairsMe(folded)) return "self";
    const spelled = spelledVoice(folded);
    if (spelled === "self") return "self";
    if (folded.includes("we") && reportsTalk(text)) return "other";
    return spelled === "group" || folded.some((word) => GROUP_WORDS.has(word)) ? "group" : "other";
  }
  if (SELF_PATTERN.test(text)) return "self";
  const unicode = words(text);
  if (pairsMe(unicode)) return "self";
  const spelled = spelledVoice(unicode);
  if (spelled === "self") return "self";
  if (reportsTalk(text)) return "other";
  return spelled === "group" || GROUP_PATTERN.test(text) ? "group" : "other";
}

/**
 * Verbs and nouns of conversation: a memory that opens with "we" and one of them ("We talked
 * about ...", "We had a long chat about ...", after at most three words of time: "Last night we
 * talked ...") reports a conversation, not a fact of the group.
 */
const TALK = "talk|chat|conversation|discussion|debate|argument";
const TALK_VERB = "talked|discussed|chatted|spoke|debated|argued|joked|gossiped";
const TALK_REPORT = new RegExp(
  `^\\s*(?:[\\p{L}\\p{N}]+,?\\s+){0,3}?we\\s+(?:(?:${TALK_VERB})|were\\s+(?:talking|chatting|discussing)|` +
    `had\\s+an?\\s+(?:[\\p{L}]+\\s+)?(?:${TALK}))(?![\\p{L}\\p{N}])`,
  "iu",
);
/** The words of a question about a conversation ("What did we talk about?"). */
const ASKS_TALK_WORDS: ReadonlySet<string> = new Set(
  `${TALK}|talking|talked|discuss|discussed|chatted|said|mentioned`.split("|"),
);
/** A question about a conversation ("What did we talk about?"): talk reports answer it. */
const ASKS_TALK = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${[...ASKS_TALK_WORDS].join("|")})(?![\\p{L}\\p{N}])`,
  "iu",
);

/**
 * Whether `text` reports a conversation of the group ("We talked about strange foods", "We had
 * a long talk about where to go"): a record that something was discussed, not that it holds.
 */
export function reportsTalk(text: string): boolean {
  return TALK_REPORT.test(text);
}

/**
 * Verbs whose object "me" is the one a request is made to, when the verb opens the request
 * ("Tell me about my children", "Can you remind me ...", "Please show me ..."): there "me" is the
 * listener, not what the question is about.
 */
export const LISTENER_VERBS: ReadonlySet<string> = new Set(
  ["tell", "show", "remind", "give", "let", "help", "ask"],
);
/** Words after which such a verb opens a request ("please", "can you", "could you"). */
const REQUEST_OPENERS: ReadonlySet<string> = new Set(["please", "you"]);

/**
 * The voice of a query: {@linkcode voiceOf}'s, except that a question about "me" and no "I" or
 * "my" ("What gives me headaches?", "Which nuts make me ill?") is in the asker's own voice, as
 * one with "I" is. "me" as the listener of a request ("Tell me about ...", "Can you remind me
 * ...": a {@linkcode LISTENER_VERBS} verb opening the sentence) says nothing of the kind. A
 * question about a conversation ("What did we talk about?") prefers no voice (`other`): the
 * group's talk reports ({@linkcode reportsTalk}) are its answers; with "I" or "my" it is still
 * the asker's own ("What has my doctor said about my knee?"). A question in no voice about a
 * family member no one else owns ("Which relative grows grapes?", {@linkcode asksKin}) is in the
 * group's: it asks about the persona's family, so a remark about someone else's ("The user
 * said their grandfather ...") loses `PERSPECTIVE` as it would for "my relative".
 */
export function queryVoice(text: string): Voice {
  const voice = voiceOf(text);
  if (voice === "self") return voice;
  // A question about a conversation asks about the talk itself: no voice is preferred. Not
  // one in the asker's own voice ("What has my doctor said about my knee?").
  const folded = asciiWords(text);
  if (
    folded === undefined ? ASKS_TALK.test(text) : folded.some((word) => ASKS_TALK_WORDS.has(word))
  ) return "other";
  const tokens = folded ?? words(text);
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i] !== "me") continue;
    const verb = tokens[i - 1];
    const before = tokens[i - 2];
    const request = verb !== undefined && LISTENER_VERBS.has(verb) &&
      (before === undefined || REQUEST_OPENERS.has(before));
    if (!request) return "self";
  }
  // "Which relative grows grapes?": a family word no one else owns is the persona's family.
  if (voice === "other" && asksKin(text)) return "group";
  return voice;
}

/** Whether `text` asks where something is or happens ("Where do we live?"). */
export function asksWhere(text: string): boolean {
  return asciiWords(text)?.includes("where") ?? WHERE.test(text);
}

const WHERE = /(?<![\p{L}\p{N}])where(?![\p{L}\p{N}])/iu;
const TOKEN = /[\p{L}\p{N}]+/gu;
/** Prepositions after which a place word says where something is ("in the village"). */
export const PLACE_PREPOSITIONS: ReadonlySet<string> = new Set(
  ["in", "at", "to", "from", "near", "by", "outside", "into", "on"],
);
const DETERMINERS: ReadonlySet<string> = new Set(
  ["the", "a", "an", "our", "my", "your", "his", "her", "its", "their", "this", "that"],
);

/**
 * Whether `text` says where: a preposition of place followed (after a determiner) by a word
 * naming a place (`isPlace`: "in the village", "at a small school", one modifier
 * allowed) or by a capitalised name ("in Leeds", "to the Alps"; not a month or a day, "in
 * August", "on Monday", which says when).
 */
export function namesPlace(text: string, isPlace: (word: string) => boolean): boolean {
  const tokens = text.match(TOKEN) ?? [];
  const folded = (token: string) => words(token)[0] ?? "";
  for (let i = 0; i < tokens.length - 1; i++) {
    const preposition = folded(tokens[i]!);
    if (!PLACE_PREPOSITIONS.has(preposition)) continue;
    let at = i + 1;
    while (at < tokens.length && DETERMINERS.has(folded(tokens[at]!))) at++;
    const next = tokens[at];
    if (next === undefined) continue;
    // A capitalised month or day ("in August", "on Monday") says when, not where.
    if (
      NAME_PREPOSITIONS.has(preposition) && /^\p{Lu}\p{Ll}/u.test(next) &&
      !TIME_WORDS.has(folded(next))
    ) {
      return true;
    }
    for (const word of [next, tokens[at + 1]]) {
      // An initialism goes as written: it is looked up as itself, never as a plural.
      if (word !== undefined && isPlace(INITIALISM.test(word) ? word : folded(word))) return true;
    }
  }
  return false;
}

/**
 * What a question asks for: a place ("where"), a person ("who", "which relative"), a time ("when",
 * "which year": `time_words.ts`), an amount ("how many", "how old": `quantity_words.ts`), or
 * anything.
 */
export type AnswerType = "place" | "person" | "time" | "span" | "quantity" | undefined;

/** Which (folded) words name places and persons (WordNet's, `word_relations.ts`). */
export interface WordKinds {
  isPlace(word: string): boolean;
  isPerson(word: string): boolean;
}

const WHO = /(?<![\p{L}\p{N}])(?:who|whom|whose)(?![\p{L}\p{N}])/iu;
const WHO_WORDS: ReadonlySet<string> = new Set(["who", "whom", "whose"]);

/**
 * What `text` asks for: a place when it asks where, a person when it asks who or which (or
 * what) person, its noun one or two words after ("Which relative grows grapes?", "Which elderly
 * relative ..."; not past a function word, "What does Dad like?", nor a verb taking an object
 * pronoun, "What keeps me awake?"), a place likewise when it asks
 * which place ("Which city did I stay in?"; not a word that asks for an answer type of its own,
 * "What surgery ...": `isTypeCue`), an amount when it asks how many or how much
 * (`asksQuantity`), a time when it asks when (`asksWhen`), else anything.
 */
export function answerType(text: string, kinds: WordKinds): AnswerType {
  if (asksWhere(text)) return "place";
  const ascii = asciiWords(text);
  if (ascii?.some((word) => WHO_WORDS.has(word)) ?? WHO.test(text)) return "person";
  // Before time: "what age" asks for a number of years ("Mila just turned five").
  if (asksQuantity(text)) return "quantity";
  // Before time: "how long" asks for a span ("after 38 years"), not any time ("in the 1970s").
  if (asksSpan(text)) return "span";
  // "How long is the bridge?" asks a length: no span, and no time either.
  if (asksLength(text)) return undefined;
  if (asksWhen(text)) return "time";
  const folded = ascii ?? words(text);
  for (let i = 0; i < folded.length; i++) {
    if (folded[i] !== "which" && folded[i] !== "what") continue;
    for (let at = i + 1; at < Math.min(i + 3, folded.length); at++) {
      const word = folded[at]!;
      // A function word after it makes "what" a pronoun ("what was my job", "what does Dad
      // like"): the noun further on is the clause's subject or owner, not what is asked for.
      // A determiner before the noun keeps it ("which other city").
      if (!isContentWord(word) && !PRENOMINAL_DETERMINERS.has(word)) break;
      // So does a verb, a word taking an object pronoun ("What keeps me awake?": not "keep" the
      // place); not one in a pair, a subject as casual speech has it ("which pub me and Dom like",
      // `paired_me.ts`).
      if (OBJECT_PRONOUNS.has(folded[at + 1] ?? "") && !JOINERS.has(folded[at + 2] ?? "")) break;
      if (kinds.isPerson(word)) return "person";
      // "Which city ...", "What country ...": a place; "What surgery ..." asks for its type.
      if (kinds.isPlace(word) && !isTypeCue(word)) return "place";
    }
  }
  return undefined;
}

/**
 * The words a question asks for an instance of: each folded word right after "what" or "which"
 * ("What sport do I play?", "Which instruments ...": "sport", "instruments"). A memory answers
 * such a word by naming a member of the class ("judo"), so word alignment matches it by its class
 * (`WordVectors.classCentroid`) as it does a plural noun.
 */
export function askedClasses(text: string): string[] {
  const folded = asciiWords(text) ?? words(text);
  const asked: string[] = [];
  for (let i = 0; i < folded.length - 1; i++) {
    if (folded[i] === "what" || folded[i] === "which") asked.push(folded[i + 1]!);
  }
  return asked;
}

/**
 * Whether `text` names someone other than the speaker: a word whose first sense is a person
 * ("my cousin", "the user", "our neighbour"), or a capitalised name inside a sentence that is no
 * place's ("Tomas designs ...", "with Amira"; not "I", not "in Leeds", not "the Alps").
 */
export function namesPerson(text: string, isPerson: (word: string) => boolean): boolean {
  let previous = "";
  // A word starts a sentence by the gap since the word before it, read once (linear in the text).
  let end = 0;
  for (const match of text.matchAll(TOKEN)) {
    const token = match[0];
    const word = words(token)[0] ?? "";
    if (word !== "i" && isPerson(word)) return true;
    const gap = text.slice(end, match.index).trimEnd();
    const startsSentence = gap === "" ? end === 0 : /[.!?]$/.test(gap);
    end = match.index + token.length;
    if (
      !startsSentence && token !== "I" && /^\p{Lu}\p{Ll}/u.test(token) &&
      !NAME_PREPOSITIONS.has(previous) && previous !== "the"
    ) return true;
    previous = word;
  }
  return false;
}

/** Whether `text` names what a question of `type` asks for (a place, a person, a time, an amount). */
export function namesAnswer(text: string, type: AnswerType, kinds: WordKinds): boolean {
  if (type === "place") return namesPlace(text, (word) => kinds.isPlace(word));
  if (type === "person") return namesPerson(text, (word) => kinds.isPerson(word));
  if (type === "time") return namesTime(text);
  if (type === "span") return namesSpan(text);
  if (type === "quantity") return namesQuantity(text);
  return true;
}
