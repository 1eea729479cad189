/**
 * A choice left open, then settled by a line that names nothing else of it (`update_pairs.ts`,
 * through `endsOf` in `update_pair_reads.ts`). "Jonah wants to call the greyhound Pickle. I said
 * Bea. We'll see" poses two names for one thing; "actually we went with Bea in the end" settles
 * it, and says neither "greyhound" nor "call": what ties the two is the option it picks. English
 * tells a decision with a closed class of words ({@linkcode SETTLING}: "in the end", "after all",
 * "ended up", "went with", "decided on", "settled on", "chose", "picked", "opted for",
 * "actually"), so the rule reads no set's words:
 *
 * - the newer memory says one of those and names after it in its clause, inside a sentence, exactly one of
 *   the names the older one names inside a sentence, and the older one names at least two (the
 *   options: "Pickle", "Bea"; a sentence's first word is any capitalised word, so it is no option);
 * - both are told by the same speaker: the same sender of a kept exchange (`exchangeSender`), or
 *   neither a kept exchange;
 * - the newer one follows within {@linkcode SETTLING_WINDOW_MS} (a week): a choice is settled
 *   while it is still open, and a week bounds what a lone name can pair with.
 *
 * Names are read from a kept exchange's sender's message (`namesOfText`): the persona's reply
 * only echoes them ("Bea! Welcome home, Bea.").
 *
 * @module
 */
import { exchangeSender } from "./user_names.ts";
import { senderMessage } from "./sender_message.ts";
import { namesOfText } from "./update_facts.ts";
import { rememberedByText } from "./text_memo.ts";
import { words } from "./text.ts";

/** How long after the older memory a settling one may follow: a week. */
export const SETTLING_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

/** Words and phrases that tell a decision made or a plan settled. */
export const SETTLING: readonly string[] = [
  "in the end",
  "after all",
  "ended up",
  "end up",
  "went with",
  "gone with",
  "going with",
  "decided on",
  "settled on",
  "chose",
  "chosen",
  "picked",
  "opted for",
  "actually",
];

/** A word or phrase of {@linkcode SETTLING}, whole words, any run of spaces inside. */
const SETTLING_PATTERN = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${
    SETTLING.map((phrase) => phrase.replaceAll(" ", "\\s+")).join("|")
  })(?![\\p{L}\\p{N}])`,
  "iu",
);

/** The marks that end a clause: a message is cut at them once (one linear pass). */
const CLAUSE_MARKS = /[.,;:!?\n\r\u2028\u2029]/u;

/** The names a text's (sender's message's) sentences hold inside, not at their opening. */
function insideNames(text: string): string[] {
  return [...namesOfText(text)].filter(([, inside]) => inside).map(([word]) => word);
}

/**
 * The names a text settles on: those its (sender's) message holds inside a sentence
 * ({@linkcode insideNames}) and says after a word of {@linkcode SETTLING} in its clause
 * ("actually we went with Bea in the end": `["bea"]`; not "Bisi" in "me and Bisi were in the
 * market, and we ended up with a bag of plantain": the decision is of the plantain; nor "Ife" in
 * "a pink one Ife picked out": the one who chose). Remembered: asked of each
 * pair a text is in. Not one of the update kinds (`update_kinds.ts`): a decision is an update
 * only of the choice it settles, so a text that tells one is still read as told in the past
 * (`told_tense.ts`).
 */
export const settledNames: (text: string) => readonly string[] = rememberedByText((text) => {
  const message = senderMessage(text);
  // What is settled on follows the word that settles it ("actually we went with Bea"; not "a
  // pink one Ife picked out": Ife picked, Ife is not picked).
  const said = new Set<string>();
  for (const clause of message.split(CLAUSE_MARKS)) {
    const settling = SETTLING_PATTERN.exec(clause);
    if (settling !== null) {
      for (const word of words(clause.slice(settling.index))) said.add(word);
    }
  }
  if (said.size === 0) return [];
  return insideNames(text).filter((name) => said.has(name));
});

/** Two memories as a pair is read: their texts and when each was stored (ISO times). */
export interface TimedTexts {
  older: string;
  newer: string;
  olderAt: string;
  newerAt: string;
}

/**
 * Whether `pair.newer` settles a choice `pair.older` left open (see the module's documentation):
 * the same speaker, within {@linkcode SETTLING_WINDOW_MS}, a word of settling, and exactly one of
 * the older one's two or more names inside a sentence.
 */
export function settlesChoice(pair: TimedTexts): boolean {
  const { older, newer } = pair;
  const settled = settledNames(newer);
  if (settled.length === 0) return false;
  const after = Date.parse(pair.newerAt) - Date.parse(pair.olderAt);
  if (!(after > 0 && after <= SETTLING_WINDOW_MS)) return false;
  if (exchangeSender(older) !== exchangeSender(newer)) return false;
  const options = insideNames(older);
  if (options.length < 2) return false;
  return options.filter((option) => settled.includes(option)).length === 1;
}
