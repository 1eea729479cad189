/**
 * What a memory awaits (issue 9, sessions 48-49): the stems of the heads of the noun phrases its
 * frames of awaiting name ("saving up for a steam deck" → `deck`, "baby due" → `babi`), what its
 * states await (`awaiting_states.ts`: "pregnant", "expecting", "hoping to"), and the events it schedules ahead (`scheduled_events.ts`). Read by
 * `met_prospects.ts`, which tells when a newer memory meets one, and by the pairing's candidate
 * choice (`awaited_names.ts`, `unlinked_updates.ts`).
 *
 * @module
 */
import { isContentWord, stem, words } from "./text.ts";
import { TIME_WORDS } from "./time_words.ts";
import { rememberedByText } from "./text_memo.ts";
import { KEPT_STEMS, scheduledPhrases } from "./scheduled_events.ts";
import { CLAUSE_END, headAfter, PHRASE_CHARS, PROP_WORDS } from "./noun_heads.ts";
import { stateHeads } from "./awaiting_states.ts";

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
 * The most frames of awaiting read of one text (each reads `PHRASE_CHARS` characters): a text of
 * nothing but frames ("saving for " × 10,000) costs no more than this many.
 */
export const PROSPECTS_READ = 8;

/** The verb "to be" between a thing and "due" ("the baby is due"). */
const TO_BE: ReadonlySet<string> = new Set(["is", "are", "s", "was", "were"]);

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
 * first {@linkcode PROSPECTS_READ} frames; what its states await (`awaiting_states.ts`: a child
 * when it says "pregnant", the thing intended after "hoping to buy"); and the events it schedules
 * ahead ({@linkcode scheduledHeads}).
 */
export function awaitedHeads(text: string): string[] {
  const heads = new Set<string>([...scheduledHeadsOfText(text), ...stateHeads(text)]);
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
