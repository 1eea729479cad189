/**
 * A choice left open, then settled by a line that names nothing else of it (`update_pairs.ts`,
 * through `endsOf` in `update_pair_reads.ts`). "Jonah wants to call the greyhound Pickle. I said
 * Bea. We'll see" poses two names for one thing; "actually we went with Bea in the end" settles
 * it, and says neither "greyhound" nor "call": what ties the two is the option it picks. English
 * tells a decision with a closed class of words ({@linkcode SETTLING}: "in the end", "after all",
 * "ended up", "went with", "decided on", "settled on", "chose", "picked", "opted for"), and a
 * choice still open with another ({@linkcode OPEN_CHOICE}: "or", "between", "we'll see"), so the
 * rule reads no set's words. "actually" is left out: it is mostly a discourse marker ("actually
 * Lisbon was rainy"). Words of settling with another common reading are read only without it:
 * "picked up" fetches ("Mum picked me up"), "went with ... to" is company on the way somewhere
 * ("we went with Priya to the cinema"), "ended up in/at/on" is where one landed ("she ended up
 * in A&E"). A clause that asks (`asked_changes.ts`: "did we end up picking Porto?") or negates
 * (`negations.ts`, "never", "yet": "I haven't decided on Porto yet", "I chose not to invite
 * Sam") settles nothing.
 *
 * - the newer memory says one of those and names after it in its clause, inside a sentence,
 *   exactly one of the names the older one names inside a sentence, the older one names at least
 *   two (the options: "Pickle", "Bea"; a sentence's first word is any capitalised word, so it is
 *   no option) and says the choice is open;
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
import { NEGATIONS } from "./negations.ts";
import { asksChange, CLAUSE_MARK } from "./asked_changes.ts";

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
];

/**
 * Words and phrases that tell a choice still open: a coordination of alternatives ("or",
 * "either", "whether", "between"), an undecided speaker ("not sure", "torn", "can't decide",
 * "we'll see") or a choice under way ("choosing", "deciding", "thinking of"). A question mark in
 * the older message asks it open too.
 */
export const OPEN_CHOICE: readonly string[] = [
  "or",
  "either",
  "whether",
  "between",
  "not sure",
  "unsure",
  "undecided",
  "torn",
  "can't decide",
  "cannot decide",
  "we'll see",
  "choosing",
  "deciding",
  "thinking of",
  "thinking about",
];

/** Other negations of a decision than {@linkcode NEGATIONS}: "never", and "yet" (not yet). */
const NEGATING: ReadonlySet<string> = new Set([...NEGATIONS, "never", "yet"]);

/** A phrase list as one pattern: whole words, any run of spaces inside, either apostrophe. */
const phrasePattern = (phrases: readonly string[]) =>
  new RegExp(
    `(?<![\\p{L}\\p{N}])(?:${
      phrases.map((phrase) => phrase.replaceAll(" ", "\\s+").replaceAll("'", "['’]")).join("|")
    })(?![\\p{L}\\p{N}])`,
    "iu",
  );

/** A phrase of {@linkcode OPEN_CHOICE}, or a question mark. */
const OPEN_PATTERN = new RegExp(`${phrasePattern(OPEN_CHOICE).source}|\\?`, "iu");

/**
 * Words right after a word of settling that give it its other reading: "picked up" (fetched),
 * "ended up in A&E" (landed). "went with ... to" is read apart ({@linkcode isCompany}).
 */
const OTHER_READING: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ["picked", new Set(["up"])],
  ["ended up", new Set(["in", "at", "on"])],
  ["end up", new Set(["in", "at", "on"])],
]);

/** How many words after "picked" an "up" makes it "picked ... up" ("picked Aunt Bea up"). */
export const PARTICLE_REACH = 3;

/** A word or phrase of {@linkcode SETTLING}, whole words, any run of spaces inside. */
const SETTLING_PATTERN = phrasePattern(SETTLING);

/** The names a text's (sender's message's) sentences hold inside, not at their opening. */
function insideNames(text: string): string[] {
  return [...namesOfText(text)].filter(([, inside]) => inside).map(([word]) => word);
}

/** Whether "went with", "gone with" or "going with" is company on the way to a place. */
function isCompany(phrase: string, after: readonly string[]): boolean {
  return /^(?:went|gone|going)\s/u.test(phrase) && after.includes("to");
}

/**
 * Whether the word of settling `phrase`, ending at `end` of `clause`, tells a decision: no
 * negation in its clause ("I haven't decided on Porto", "I chose not to invite Sam", "in the end
 * Sam didn't come": what is denied is not chosen), and not its other reading
 * ({@linkcode OTHER_READING}, {@linkcode isCompany}).
 */
function decides(clause: string, phrase: string, end: number): boolean {
  const folded = phrase.toLowerCase().replace(/\s+/gu, " ");
  const after = words(clause.slice(end));
  if (words(clause).some((word) => NEGATING.has(word))) return false;
  const other = OTHER_READING.get(folded);
  if (other !== undefined && after.slice(0, PARTICLE_REACH).some((word) => other.has(word))) {
    return false;
  }
  return !isCompany(folded, after);
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
  let start = 0;
  for (const clause of message.split(CLAUSE_MARK)) {
    const clauseStart = start;
    start += clause.length + 1;
    const settling = SETTLING_PATTERN.exec(clause);
    if (settling === null) continue;
    const end = settling.index + settling[0].length;
    if (!decides(clause, settling[0], end)) continue;
    // "did we end up picking Porto?": asked, not told (read as a change word is).
    if (asksChange(message, { named: false, end: clauseStart + end })) continue;
    for (const word of words(clause.slice(settling.index))) said.add(word);
  }
  if (said.size === 0) return [];
  return insideNames(text).filter((name) => said.has(name));
});

/**
 * The options of a choice a text leaves open: the names its (sender's) message holds inside a
 * sentence, when it holds two or more and a word of {@linkcode OPEN_CHOICE} or a "?"; none
 * otherwise. Remembered: asked of each pair a text is in.
 */
export const openOptions: (text: string) => readonly string[] = rememberedByText((text) => {
  const options = insideNames(text);
  return options.length >= 2 && OPEN_PATTERN.test(senderMessage(text)) ? options : [];
});

/**
 * Whether one of `texts` may settle a choice another of them leaves open: it settles on a name
 * ({@linkcode settledNames}) that another holds among its open options ({@linkcode openOptions}).
 * A gate before pairs are compared (`subject_candidates.ts`): one pass over the texts.
 */
export function maySettleAny(texts: readonly string[]): boolean {
  const holders = new Map<string, number>();
  for (const text of texts) {
    for (const option of openOptions(text)) holders.set(option, (holders.get(option) ?? 0) + 1);
  }
  if (holders.size === 0) return false;
  return texts.some((text) => {
    const own = new Set(openOptions(text));
    return settledNames(text).some((name) => (holders.get(name) ?? 0) > (own.has(name) ? 1 : 0));
  });
}

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
  const options = openOptions(older);
  const chosen = new Set(settled);
  return options.filter((option) => chosen.has(option)).length === 1;
}
