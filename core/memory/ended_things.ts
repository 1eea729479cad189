/**
 * A state ended, told with other words for the thing (issue 9, session 49): an older memory tells
 * of a habit, a need or a state ("I drink a glass of red wine with dinner most nights", "I wear
 * glasses for reading") and a newer one denies or ends the same thing named otherwise ("no
 * alcohol at all", "I don't need spectacles anymore"). The two share no word and little meaning
 * (0.17-0.40, as false pairs of the same voice reach 0.30-0.48: HISTORY, session 48), so no bound
 * in meaning tells them apart; WordNet does, word to word: "spectacles" is a synonym of
 * "glasses", and wine is a kind of alcohol.
 *
 * English ends or denies what follows with a closed class of words: a determiner of absence
 * ("no", "without"), a negation ("not", the "n't" of "don't", "never", "no longer") or a verb of
 * ending a habit ("quit", "stopped", "gave up"). The thing ended is the head of what follows
 * ({@linkcode endedHeads}); it is the older memory's thing when it is that word, its synonym or
 * derived word, or a broader kind of it one step up ({@linkcode endsThingOf}). Only that direction: ending alcohol ends wine, ending beer does not end wine.
 *
 * @module
 */
import { isContentWord, stem, words } from "./text.ts";
import { NEGATIONS } from "./negations.ts";
import { TIME_WORDS } from "./time_words.ts";
import { ADVERB, CONDITIONS, MODALS } from "./met_prospects.ts";
import { termSetOfText } from "./update_facts.ts";
import { isNounHead } from "./noun_modifiers.ts";
import { DETERMINERS } from "./told_tense_words.ts";
import { rememberedByText } from "./text_memo.ts";
import { CLOSE_SIMILARITY } from "./meaning/word_relation_data.ts";

/** What {@linkcode endsThingOf} reads of WordNet (`WordVectors` gives both). */
export interface ThingKinds {
  /** A stem's relatives, each with the cosine it counts as (`word_relations.ts`). */
  related(wordStem: string): ReadonlyMap<string, number> | undefined;
  /** A stem's narrower kinds: its hyponyms ("wine" of "alcohol"). */
  narrower(wordStem: string): ReadonlySet<string>;
}

/** Words that deny what follows them, beside {@linkcode NEGATIONS}. */
const DENYING: ReadonlySet<string> = new Set(["without", "never"]);

/**
 * Prepositions that open an adjunct (a closed class): a denial right before one denies the
 * adjunct ({@linkcode frameAt}).
 */
const ADJUNCT_OPENERS: ReadonlySet<string> = new Set(
  "for in at on to from with about by because".split(" "),
);

/** Verbs that end the habit or state that follows them (with "up": {@linkcode GIVE}). */
const ENDING: ReadonlySet<string> = new Set([
  "quit",
  "quits",
  "quitting",
  "stopped",
  "ceased",
]);

/** Verbs of ending a habit told with "up" ("gave up coffee", "given up", "giving up"). */
const GIVE: ReadonlySet<string> = new Set(["gave", "give", "given", "gives", "giving"]);

/**
 * Negations of a modal (a closed class): "won't need glasses", "shouldn't drink" tell no state
 * ended, only one to come or advised.
 */
const MODAL_NEGATIONS: ReadonlySet<string> = new Set([
  "won",
  "wouldn",
  "couldn",
  "shouldn",
  "mightn",
  "mustn",
  "shan",
]);

/**
 * Words of the frame's own phrase passed over before its thing ("no longer in any party"): the
 * adverb "longer" of "no longer".
 */
const PASSED: ReadonlySet<string> = new Set(["longer"]);

/**
 * Adverbs that end the phrase after a frame ("spectacles anymore", "coffee again"): what they
 * follow is its thing.
 */
const PHRASE_ENDS: ReadonlySet<string> = new Set([
  "anymore",
  "again",
  "now",
  "since",
  "last",
  "next",
  "these",
  "lately",
]);

/**
 * Words that open a noun phrase, past which the phrase after a frame goes on ("touched a
 * cigarette", "no more chickens", "quit any sport"): the determiners and "any", "more", "some".
 */
const OPENERS: ReadonlySet<string> = new Set([...DETERMINERS, "any", "more", "some"]);

/**
 * Words of aspect that mark a sentence's denial as a state ended, new since the older memory
 * ("anymore", "now", "since", "no longer", "no more"): without one, "that's not the knee", "no
 * way!" or "don't laugh" deny nothing that was.
 */
const ASPECT =
  /(?<![\p{L}\p{N}])(?:anymore|now|since|(?:no|any)\s+(?:longer|more))(?![\p{L}\p{N}])/iu;

/** A sentence's end: an aspect word marks the denials of its sentence. */
const SENTENCE_END = /[.!?;\n]/;

/** A clause's end: a state is ended, and its owner named, inside one clause. */
const CLAUSE_END = /[.!?;:\n,—–()]/;

/** The most clauses of a text {@linkcode endedHeads} reads. */
export const CLAUSES_READ = 32;

/** The most words after a frame read for its thing ("t need spectacles anymore": 3). */
export const PHRASE_WORDS = 6;

/** The most content words of the older memory compared with each ended thing. */
export const OLDER_WORDS = 32;

/**
 * Where the thing a frame ends starts in `found` (its words), with whether it ends a state
 * (`ended`: a verb of ending, or a denial in a sentence `marked` by an aspect word), or undefined
 * when `at` holds no frame.
 */
function frameAt(
  found: readonly string[],
  at: number,
  marked: boolean,
): { from: number; ended: boolean } | undefined {
  const word = found[at]!;
  if (GIVE.has(word) && found[at + 1] === "up") return { from: at + 2, ended: true };
  if (ENDING.has(word)) return { from: at + 1, ended: true };
  if (!DENYING.has(word) && !NEGATIONS.has(word)) return undefined;
  let next = at + 1;
  while (NEGATIONS.has(found[next] ?? "")) next++;
  // A denial of an adjunct ("not for religious reasons", "not in Lisbon") denies how or where,
  // not a thing had; "no longer in any party" passes "longer" first.
  if (ADJUNCT_OPENERS.has(found[next] ?? "")) return undefined;
  return { from: at + 1, ended: marked };
}

/**
 * The head of the phrase after a frame, from `from`: its last content word before a word of time,
 * an adverb of {@linkcode PHRASE_ENDS}, a word of grammar other than an opener
 * ({@linkcode OPENERS}) or {@linkcode PHRASE_WORDS} words, past the words of grammar that
 * come first ("t need spectacles anymore" → "spectacles", "in any political party" → "party";
 * "treasurer of the club" → "treasurer": the club is not what ended). A head in "-ing" is a
 * gerund, the activity a negated verb names ("stopped going to the food bank", "didn't go
 * climbing"), not a thing had: none.
 */
function headFrom(found: readonly string[], from: number): string | undefined {
  let head: string | undefined;
  for (let at = from; at < found.length && at < from + PHRASE_WORDS; at++) {
    const word = found[at]!;
    if (PASSED.has(word) && head === undefined) continue;
    if (PHRASE_ENDS.has(word) || TIME_WORDS.has(word) || /^\d/.test(word)) break;
    if (isContentWord(word) && !ADVERB.test(word)) head = word;
    else if (head !== undefined && !OPENERS.has(word)) break;
  }
  return head !== undefined && !head.endsWith("ing") && namesNoun(head) ? head : undefined;
}

/**
 * Whether `word` is used mostly as a noun (`isNounHead`), or is the plural of one: the heads
 * leave out a plural that is also a verb's third person ("glasses"), which a thing ended or
 * had names as a noun.
 */
function namesNoun(word: string): boolean {
  return isNounHead(word) || plural(word);
}

/** Whether `word` is a noun's plural: it ends in "s" (not "ss") after a noun ("glasses"). */
function plural(word: string): boolean {
  return word.endsWith("s") && !word.endsWith("ss") &&
    (isNounHead(word.slice(0, -1)) || isNounHead(word.slice(0, -2)));
}

/** A noun as a thing: its stem, and whether it is written in the plural. */
interface Thing {
  readonly stem: string;
  readonly plural: boolean;
}

/** One thing a clause ends: its head, and the clause's words before its frame (its owner). */
export interface EndedHead {
  /** The head's stem. */
  readonly head: string;
  /** Whether the head is written in the plural ("spectacles"). */
  readonly plural: boolean;
  /**
   * Whether it tells a state ended: a verb of ending, or a denial its sentence marks with an
   * aspect word ({@linkcode ASPECT}); else only denied ("I never drink wine").
   */
  readonly ended: boolean;
  readonly before: readonly string[];
}

/**
 * The things `text` ends or denies, one per frame of its first {@linkcode CLAUSES_READ} clauses:
 * the stem of the head after the frame, with the clause's words before it. A clause that opens
 * with a condition ("if I had no car") or holds a modal before its frame ("I might not need them")
 * tells no state ended.
 */
export function endedHeads(text: string): EndedHead[] {
  const ended: EndedHead[] = [];
  let clauses = 0;
  for (const sentence of text.split(SENTENCE_END, CLAUSES_READ)) {
    const marked = ASPECT.test(sentence);
    for (const clause of sentence.split(CLAUSE_END)) {
      if (++clauses > CLAUSES_READ) return ended;
      const found = words(clause);
      if (CONDITIONS.has(found[0]!)) continue;
      for (let at = 0; at < found.length; at++) {
        if (MODALS.has(found[at]!) || MODAL_NEGATIONS.has(found[at]!)) break;
        const frame = frameAt(found, at, marked);
        if (frame === undefined) continue;
        const head = headFrom(found, frame.from);
        if (head !== undefined) {
          const before = found.slice(0, at);
          ended.push({ head: stem(head), plural: plural(head), ended: frame.ended, before });
        }
        break;
      }
    }
  }
  return ended;
}

/** {@linkcode endedHeads} of a text, remembered (read once per contender and text). */
export const endedHeadsOfText: (text: string) => readonly EndedHead[] = rememberedByText(
  endedHeads,
);

/**
 * Whether `head` names `thing`: the same stem, a synonym, a derived word or another form
 * ({@linkcode CLOSE_SIMILARITY} or more) written in the same number, or a broader kind of it one
 * step up: `thing` among the head's own relatives (`related`, WordNet's links of its line) and
 * among its hyponyms (`narrower`), so a sibling ("beer" of "wine") or a narrower kind ("wine" of
 * "alcohol") is not. The same number, because a noun used only in the plural has its sense only
 * there (pluralia tantum: "spectacles" are "glasses", not "a glass of red wine"), and WordNet's
 * stems join the two.
 */
function namesThing(head: Thing, thing: Thing, kinds: ThingKinds): boolean {
  if (head.stem === thing.stem) return true;
  const related = kinds.related(head.stem)?.get(thing.stem);
  if (related === undefined) return false;
  if (related >= CLOSE_SIMILARITY) return head.plural === thing.plural;
  return kinds.narrower(head.stem).has(thing.stem);
}

/**
 * The stems of the nouns among the first {@linkcode OLDER_WORDS} content words of `text` (words
 * used mostly as nouns: `isNounHead`) that it does not deny itself ({@linkcode endedHeads}: "I
 * never drink wine"): the things a newer memory may end.
 */
function things(text: string): Thing[] {
  const denied = new Set(endedHeadsOfText(text).map(({ head }) => head));
  const found: Thing[] = [];
  for (const word of words(text).filter(isContentWord).slice(0, OLDER_WORDS)) {
    if (namesNoun(word) && !denied.has(stem(word))) {
      found.push({ stem: stem(word), plural: plural(word) });
    }
  }
  return found;
}

/** {@linkcode things} of a text, remembered (read once per older contender and text). */
const thingsOfText: (text: string) => readonly Thing[] = rememberedByText(things);

/**
 * Whether one clause of `newer` ends the thing of `older` ({@linkcode endedHeads}: a verb of
 * ending, or a denial in a sentence marked by an aspect word, `EndedHead.ended`): its head names one of the older memory's first {@linkcode OLDER_WORDS} content words (see
 * `namesThing`), every content word before its frame is the older memory's own (its subject) or
 * an adverb ("so I don't need spectacles anymore"; not "Jayden quit smoking" after "I smoke"),
 * and `older` does not deny that thing itself ("I never drink wine").
 */
export function endsThingOf(older: string, newer: string, kinds: ThingKinds): boolean {
  const ended = endedHeadsOfText(newer).filter((head) => head.ended);
  if (ended.length === 0) return false;
  const olderTerms = termSetOfText(older);
  const things = thingsOfText(older);
  return ended.some(({ head, plural, before }) =>
    before.every((word) =>
      !isContentWord(word) || ADVERB.test(word) || olderTerms.has(stem(word))
    ) &&
    things.some((thing) => namesThing({ stem: head, plural }, thing, kinds))
  );
}

/**
 * Whether the query (its stemmed `terms`) names the thing of `older` a newer memory ends
 * ({@linkcode endsThingOf}): it asks about it ("Do I wear glasses?"), so the newer memory answers
 * it however little else of the query it says, as a query naming a restated slot does.
 */
export function endedAsked(
  texts: { older: string; newer: string },
  options: { terms: readonly string[] | undefined; kinds: ThingKinds },
): boolean {
  const { terms, kinds } = options;
  if (terms === undefined) return false;
  const olderThings = thingsOfText(texts.older);
  return endedHeadsOfText(texts.newer).some(({ head, plural, ended }) =>
    ended &&
    olderThings.some((thing) =>
      terms.includes(thing.stem) && namesThing({ stem: head, plural }, thing, kinds)
    )
  );
}
