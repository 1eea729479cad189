/**
 * A state ended, told with other words for the thing (issue 9, session 49): an older memory tells
 * of a habit, a need or a state ("I drink a glass of red wine with dinner most nights", "I wear
 * glasses for reading") and a newer one denies or ends the same thing named otherwise ("no
 * alcohol at all", "I don't need spectacles anymore"). The two share no word and little meaning
 * (0.17-0.40, as false pairs of the same voice reach 0.30-0.48: HISTORY, session 48), so no bound
 * in meaning tells them apart; WordNet does, word to word: "spectacles" is a synonym of
 * "glasses", and wine is a kind of alcohol.
 *
 * The newer memory's things are read by `ended_heads.ts`; one is the older memory's thing when it
 * is that word, its synonym or derived word, or a broader kind of it one step up
 * ({@linkcode endsThingOf}). Only that direction: ending alcohol ends wine, ending beer does not
 * end wine.
 *
 * @module
 */
import { isContentWord, stem, words } from "./text.ts";
import { ADVERB } from "./met_prospects.ts";
import { termSetOfText } from "./update_facts.ts";
import { rememberedByText } from "./text_memo.ts";
import { capitalisedWords } from "./query_names.ts";
import { CLOSE_SIMILARITY } from "./meaning/word_relation_data.ts";
import { type EndedHead, endedHeadsOfText, namesNoun, singular } from "./ended_heads.ts";

/** What {@linkcode endsThingOf} reads of WordNet and the word vectors (`WordVectors` gives all). */
export interface ThingKinds {
  /** A stem's relatives, each with the cosine it counts as (`word_relations.ts`). */
  related(wordStem: string): ReadonlyMap<string, number> | undefined;
  /** A stem's narrower kinds: its hyponyms ("wine" of "alcohol"). */
  narrower(wordStem: string): ReadonlySet<string>;
  /** The cosine of two folded words' vectors. */
  similarity(a: string, b: string): number;
}

/** The most content words of the older memory compared with each ended thing. */
export const OLDER_WORDS = 32;

/**
 * The least cosine of the word vectors of a head and the older noun one step narrower for the
 * kind to be of the head's sense: WordNet's kinds of a word join those of all its senses ("job"
 * has "office", "party" has "wedding" and "dinner"), and the shipped data does not split them by
 * sense. The bound is the one `field_compounds.ts` reads a lemma's own sense at
 * (FIELD_LEMMA_SIMILARITY); kinds of the same sense sit above it (alcohol/wine 0.47, car/sedan
 * 0.52), kinds of another below (job/office 0.29, party/dinner 0.19, party/wedding 0.11).
 */
export const KIND_SENSE_SIMILARITY = 0.35;

/** A noun as a thing: its stem and word, its number and the content word before it. */
interface Thing {
  readonly stem: string;
  /** The word in the singular. */
  readonly word: string;
  readonly plural: boolean;
  readonly modifier: string | undefined;
  /** Whether the modifier is written with a capital inside its sentence: a name ("Green Party"). */
  readonly named: boolean;
}

/**
 * Whether WordNet's links of `thing`'s stem are its word's own: the stem is the word less an "e"
 * or with "y" as "i" ("spectacl", "parti"), not a stem cut past a suffix that another word shares
 * ("treasurer" and "treasure" both stem to "treasur").
 */
function ownStem({ stem, word }: Thing): boolean {
  return word === stem || word === stem + "e" ||
    (stem.endsWith("i") && word === stem.slice(0, -1) + "y");
}

/**
 * Whether `head` names `thing`. A head with a modifier ("political party") names that kind of its
 * word only: the same word with the same modifier, or a named one ("Green Party"); not another
 * ("a street party": what ends the one does not end the other), and no synonym or kind, as WordNet
 * links the bare word in all its senses. A bare head names the same word; or, where both stems are
 * their words' own ({@linkcode ownStem}), a synonym, a derived word or another form
 * ({@linkcode CLOSE_SIMILARITY} or more) written in the same number, or a broader kind of it one
 * step up: `thing` among the head's own relatives (`related`, WordNet's links of its line) and
 * among its hyponyms (`narrower`), with vectors at {@linkcode KIND_SENSE_SIMILARITY} or more, so a
 * sibling ("beer" of "wine"), a narrower kind ("wine" of "alcohol") or a kind of another sense
 * ("office" of "job") is not. The same number, because a noun used only in the plural has its
 * sense only there (pluralia tantum: "spectacles" are "glasses", not "a glass of red wine"), and
 * WordNet's stems join the two.
 */
function namesThing(head: Thing, thing: Thing, kinds: ThingKinds): boolean {
  if (head.modifier !== undefined) {
    return head.word === thing.word && (thing.modifier === head.modifier || thing.named);
  }
  if (head.word === thing.word) return true;
  if (!ownStem(head) || !ownStem(thing)) return false;
  const related = kinds.related(head.stem)?.get(thing.stem);
  if (related === undefined) return false;
  if (related >= CLOSE_SIMILARITY) return head.plural === thing.plural;
  return kinds.narrower(head.stem).has(thing.stem) &&
    kinds.similarity(head.word, thing.word) >= KIND_SENSE_SIMILARITY;
}

/** An ended head as a thing (it is named by no capital: its modifier is read as a kind). */
function headThing({ head, word, plural, modifier }: EndedHead): Thing {
  return { stem: head, word, plural, modifier, named: false };
}

/**
 * The nouns among the first {@linkcode OLDER_WORDS} content words of `text` (words used mostly as
 * nouns, or their plurals) that it does not deny itself (`endedHeads`: "I never drink wine"), each
 * with the content word right before it: the things a newer memory may end.
 */
function things(text: string): Thing[] {
  const denied = new Set(endedHeadsOfText(text).map(({ head }) => head));
  const names = new Set(
    capitalisedWords(text).filter(({ opensSentence }) => !opensSentence).map(({ folded }) =>
      folded
    ),
  );
  const found: Thing[] = [];
  const all = words(text);
  let content = 0;
  for (let at = 0; at < all.length && content < OLDER_WORDS; at++) {
    const word = all[at]!;
    if (!isContentWord(word)) continue;
    content++;
    if (!namesNoun(word) || denied.has(stem(word))) continue;
    const before = all[at - 1];
    const modifier = before !== undefined && isContentWord(before) && !ADVERB.test(before)
      ? before
      : undefined;
    const lemma = singular(word);
    found.push({
      stem: stem(word),
      word: lemma,
      plural: lemma !== word,
      modifier,
      named: modifier !== undefined && names.has(modifier),
    });
  }
  return found;
}

/**
 * {@linkcode things} of a text, remembered (read once per older contender and text; worked out
 * when a memory is stored, as every contender's is asked: `everyCandidate`).
 */
const thingsOfText: (text: string) => readonly Thing[] = rememberedByText(things, {
  everyCandidate: true,
});

/**
 * Whether one clause of `newer` ends the thing of `older` (`endedHeads`: a verb of ending, or a
 * denial in a sentence marked by an aspect word, `EndedHead.ended`): its head names one of the
 * older memory's first {@linkcode OLDER_WORDS} content words (see `namesThing`), every content
 * word before its frame is the older memory's own (its subject) or an adverb ("so I don't need
 * spectacles anymore"; not "Jayden quit smoking" after "I smoke"), and `older` does not deny that
 * thing itself ("I never drink wine").
 */
export function endsThingOf(older: string, newer: string, kinds: ThingKinds): boolean {
  const ended = endedHeadsOfText(newer).filter((head) => head.ended);
  if (ended.length === 0) return false;
  const olderTerms = termSetOfText(older);
  const things = thingsOfText(older);
  return ended.some((head) =>
    head.before.every((word) =>
      !isContentWord(word) || ADVERB.test(word) || olderTerms.has(stem(word))
    ) &&
    things.some((thing) => namesThing(headThing(head), thing, kinds))
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
  return endedHeadsOfText(texts.newer).some((head) =>
    head.ended &&
    olderThings.some((thing) =>
      terms.includes(thing.stem) && namesThing(headThing(head), thing, kinds)
    )
  );
}
