/**
 * What a memory awaits (issue 9, sessions 48-49): the stems of the heads of the noun phrases its
 * frames of awaiting name ("saving up for a steam deck" → `deck`, "baby due" → `babi`), a child
 * when it says "pregnant", and the events it schedules ahead (`scheduled_events.ts`). Read by
 * `met_prospects.ts`, which tells when a newer memory meets one, and by the pairing's candidate
 * choice (`awaited_names.ts`, `unlinked_updates.ts`).
 *
 * @module
 */
import { isContentWord, stem, words } from "./text.ts";
import { PERSONAL_POSSESSIVES } from "./function_words.ts";
import { TIME_WORDS } from "./time_words.ts";
import { rememberedByText } from "./text_memo.ts";
import { CLAUSE_BREAK, denies, KEPT_STEMS, scheduledPhrases } from "./scheduled_events.ts";

/**
 * The frames of awaiting that take what is awaited after "for": a verb of saving, waiting,
 * training, applying or queuing, or a place on a waiting list.
 */
const AWAITED_FOR = new RegExp(
  "(?<![\\p{L}\\p{N}])(?:sav(?:e|es|ing)(?:\\s+up)?|wait(?:s|ing)?|train(?:s|ing)?|" +
    "appl(?:y|ies|ying)|queu(?:e|es|ing|eing)|on\\s+(?:the|a)\\s+waiting\\s+list)\\s+for\\s+",
  "giu",
);

/** "due" (expected): what is awaited is named right before it ("baby due 30 April"). */
const DUE = /(?<![\p{L}\p{N}])due(?![\p{L}\p{N}])/giu;

/**
 * Being pregnant awaits a child, which English names as "pregnant" says nothing of: "Maja's
 * pregnant again!!", then "Maja had the baby", "had a girl", "had twins". The nouns a birth is
 * told with are a closed set.
 */
export const PREGNANT = /(?<![\p{L}\p{N}])pregnant(?![\p{L}\p{N}])/iu;
export const BORN_HEADS: readonly string[] = ["baby", "boy", "girl", "son", "daughter", "twins"]
  .map(stem);

/** The verb "to be" between a thing and "due" ("the baby is due"). */
const TO_BE: ReadonlySet<string> = new Set(["is", "are", "s", "was", "were"]);

/** Words before the awaited noun that {@linkcode headAfter} passes over. */
export const NOUN_OPENERS: ReadonlySet<string> = new Set([
  "a",
  "an",
  "the",
  ...PERSONAL_POSSESSIVES,
  "this",
  "that",
  "some",
  "new",
]);

/**
 * The prop-word "one" stands for a noun said elsewhere ("the next one is due", "the oled one"):
 * it names no awaited thing of its own.
 */
const PROP_WORDS: ReadonlySet<string> = new Set(["one", "ones"]);

/** How far after a frame of awaiting its noun phrase is read, in characters. */
const PHRASE_CHARS = 60;

/**
 * The most frames of awaiting read of one text (each reads {@linkcode PHRASE_CHARS} characters):
 * a text of nothing but frames ("saving for " × 10,000) costs no more than this many.
 */
export const PROSPECTS_READ = 8;

/** A clause's end: a prospect is met, and its subject named, inside one clause. */
export const CLAUSE_END = /[.!?;:\n,—–()]/;

/** Words leading a time ahead or past ("next Friday", "last week"): the noun phrase ends there. */
const TIME_LEADS: ReadonlySet<string> = new Set(["next", "last", "this", "coming"]);

/** The stem of the last word of the noun phrase opening `after` (past openers and numbers). */
export function headAfter(after: string): string | undefined {
  const phrase = words(after.slice(0, PHRASE_CHARS).split(CLAUSE_END, 1)[0]!);
  let at = 0;
  while (at < phrase.length && (NOUN_OPENERS.has(phrase[at]!) || /^\d/.test(phrase[at]!))) at++;
  let head: string | undefined;
  for (; at < phrase.length; at++) {
    const word = phrase[at]!;
    // A possessor is no head ("a girl's night"); nor is a time ahead ("an interview next Friday").
    if (word === "s" && head !== undefined) {
      head = undefined;
      continue;
    }
    if (TIME_LEADS.has(word) && TIME_WORDS.has(phrase[at + 1]!)) break;
    if (!isContentWord(word) || TIME_WORDS.has(word) || /^\d/.test(word)) break;
    head = word;
  }
  return head === undefined || PROP_WORDS.has(head) ? undefined : stem(head);
}

/** The stem of the word right before "due" (past "is"/"are"), unless a word of time or grammar. */
function headBefore(before: string): string | undefined {
  const clause = before.slice(-PHRASE_CHARS).split(CLAUSE_END).at(-1)!;
  const found = words(clause);
  while (found.length > 0 && TO_BE.has(found.at(-1)!)) found.pop();
  const word = found.at(-1);
  return word === undefined || !isContentWord(word) || TIME_WORDS.has(word) ||
      /^\d/.test(word) || PROP_WORDS.has(word)
    ? undefined
    : stem(word);
}

/**
 * The stems of the events `text` schedules ahead (`scheduled_events.ts`): the head of the noun
 * phrase after each "have" of a clause pointing ahead ("Next Friday I have a job interview" →
 * `interview`).
 */
function scheduledHeads(text: string): string[] {
  const heads = new Set<string>();
  for (const phrase of scheduledPhrases(text)) {
    const head = headAfter(phrase);
    if (head !== undefined && !KEPT_STEMS.has(head)) heads.add(head);
  }
  return [...heads];
}

/**
 * {@linkcode scheduledHeads} of a text, remembered; asked of every candidate through
 * {@linkcode awaitedHeadsOfText}, so worked out when a memory is stored (`everyCandidate`).
 */
export const scheduledHeadsOfText: (text: string) => readonly string[] = rememberedByText(
  scheduledHeads,
  { everyCandidate: true },
);

/**
 * The stems of what `text` awaits: the head of the noun phrase after each frame of awaiting
 * ("saving up for a steam deck" → `deck`), or the word before "due" ("baby due" → `babi`); the
 * first {@linkcode PROSPECTS_READ} frames; a child when it says "pregnant" ({@linkcode BORN_HEADS});
 * and the events it schedules ahead ({@linkcode scheduledHeads}).
 */
export function awaitedHeads(text: string): string[] {
  const heads = new Set<string>(scheduledHeadsOfText(text));
  if (text.split(CLAUSE_BREAK).some((clause) => PREGNANT.test(clause) && !denies(clause))) {
    for (const head of BORN_HEADS) heads.add(head);
  }
  let read = 0;
  for (const match of text.matchAll(AWAITED_FOR)) {
    if (++read > PROSPECTS_READ) break;
    const head = headAfter(text.slice(match.index + match[0].length));
    if (head !== undefined) heads.add(head);
  }
  read = 0;
  for (const match of text.matchAll(DUE)) {
    if (++read > PROSPECTS_READ) break;
    const head = headBefore(text.slice(Math.max(0, match.index - PHRASE_CHARS), match.index));
    if (head !== undefined) heads.add(head);
  }
  return [...heads];
}

/**
 * {@linkcode awaitedHeads} of a text, remembered: `mayPairAsUpdates` (`subject_candidates.ts`)
 * asks it of every candidate of a search, so it is worked out when a memory is stored
 * (`everyCandidate`, `memory_prep.ts`), not at the first search that finds it.
 */
export const awaitedHeadsOfText: (text: string) => readonly string[] = rememberedByText(
  awaitedHeads,
  { everyCandidate: true },
);
