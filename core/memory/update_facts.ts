/**
 * What `findUnlinkedUpdates` and `mayPairAsUpdates` read of a memory's text, remembered by text
 * (`text_memo.ts`): whether it tells of a change or a replacement, its names, the numbers it
 * states and those a change reached. Ranking asks them of its best candidates search after
 * search, and each is a pass of Unicode regular expressions over the text (in a simulated turn's
 * recall ~40 % of the unlinked updates' CPU); each depends on the text alone. The maps are shared
 * by every caller: they are read, never changed (`ReadonlyMap`). Those the readers of a pair ask
 * of every contender (`update_pairs.ts`: its terms, names and words of change) are worked out
 * when a memory is stored (`everyCandidate`): a search right after storing the persona's own
 * lines of change worked out each compared one's (review49d M1).
 *
 * @module
 */
import { tellsReplacement } from "./additions.ts";
import { type NumbersByUnit, numbersOf, reachedNumbersOf } from "./new_numbers.ts";
import { tellsChange } from "./query_now.ts";
import { changeStems, type ChangeWord } from "./change_words.ts";
import { terms } from "./text.ts";
import { type NameWords, nameWords } from "./shared_names.ts";
import { rememberedByText } from "./text_memo.ts";
import { type ToldEvent, toldEvent } from "./told_events.ts";
import { changeClauseTerms } from "./change_clauses.ts";
import { senderMessage } from "./sender_message.ts";

/** {@linkcode changeClauseTerms} of a text, remembered. */
export const changeClausesOfText: (text: string) => ReadonlySet<string> = rememberedByText(
  changeClauseTerms,
);

/** {@linkcode toldEvent} of a text, remembered. */
export const eventOfText: (text: string) => ToldEvent = rememberedByText(toldEvent, {
  everyCandidate: true,
});

/** {@linkcode tellsChange} of a text, remembered. */
export const changeTold: (text: string) => boolean = rememberedByText(tellsChange, {
  everyCandidate: true,
});

/** {@linkcode tellsReplacement} of a text, remembered. */
export const replacementTold: (text: string) => boolean = rememberedByText(tellsReplacement);

/**
 * {@linkcode nameWords} of a text, remembered (one map for every caller); of a kept exchange, of
 * the sender's message alone (`sender_message.ts`: a reply's names are echoes).
 */
export const namesOfText: (text: string) => NameWords = rememberedByText(
  (text) => nameWords(senderMessage(text)),
  { everyCandidate: true },
);

/** {@linkcode numbersOf} of a text, remembered (one map for every caller). */
export const numbersOfText: (text: string) => NumbersByUnit = rememberedByText(numbersOf);

/** {@linkcode reachedNumbersOf} of a text, remembered (one map for every caller). */
export const reachedNumbersOfText: (text: string) => NumbersByUnit = rememberedByText(
  reachedNumbersOf,
);

/** {@linkcode changeStems} of a text, remembered. */
export const changeStemsOfText: (text: string) => readonly ChangeWord[] = rememberedByText(
  changeStems,
  { everyCandidate: true },
);

/**
 * The set of a text's {@linkcode terms}, remembered; asked of every contender of a pair and, when
 * one awaits a thing, of every candidate (`awaited_names.ts`).
 */
export const termSetOfText: (text: string) => ReadonlySet<string> = rememberedByText(
  (text) => new Set(terms(text)),
  { everyCandidate: true },
);
