/**
 * Where someone is these days, told with "be" (`restated_slots.ts`): "Tom's at Lidl these days"
 * restates "Tom works at Aldi", "I'm in York nowadays" restates "I live in Leeds". English says
 * where one works or lives with the plain copula and a preposition of place when an adverb of
 * habitual present marks it as one's settled state, not a visit: "these days" and "nowadays"
 * (a closed pair; "now" alone is left out: "I'm at Tesco now" is where one stands this minute).
 * The preposition picks the frame, as the slot verbs' own do (`stated_slot.ts`): "at" a named
 * place is where one works ("works at"), "in" a named place where one lives ("lives in"). The
 * place must be a name (a capital first, after an optional "the"): "I'm in the choir these days",
 * "she's at school these days" tell no workplace or home. "In" a group is membership, not a home
 * ("I'm in AA these days", "Tom's in the Scouts these days"): what the word data tells of the
 * name decides (recall104, {@linkcode namesMembership}).
 *
 * @module
 */
import { slotOwnerKey, type StatedSlot, valueStems } from "./slot_words.ts";
import { stem } from "./text.ts";
import { REGION_CODES } from "./region_codes.ts";
import { CLOSE_SIMILARITY } from "./meaning/word_relations.ts";

/**
 * The opening: an owner ("I'm", "we're", "my/our <role>", a name, each with "is" or "'s"), "at" or
 * "in", a place's name, then "these days" or "nowadays" in the same clause.
 */
const HABITUAL_PLACE = new RegExp(
  String.raw`^[\s"“‘'(]*(?:(?<self>I)(?:['’]m|\s+am)|(?<we>[Ww]e)(?:['’]re|\s+are)|` +
    String
      .raw`(?:[Mm]y|[Oo]ur)\s+(?<role>\p{Ll}[\p{Ll}-]*(?:\s+\p{Ll}[\p{Ll}-]*)?(?:\s+\p{Lu}[\p{L}-]+)?)` +
    String.raw`(?:['’]s|\s+is)|(?<name>\p{Lu}[\p{L}-]+)(?:['’]s|\s+is))` +
    String.raw`\s+(?<prep>at|in)\s+(?<value>(?:the\s+)?\p{Lu}[^,;:!?()\n]{0,60}?)` +
    String.raw`\s+(?:these\s+days|nowadays)(?![\p{L}\p{N}])`,
  "u",
);

/**
 * Values that name no workplace or home though written with a capital (review45b H2): a
 * possessive, someone's home ("at Mum's", "at Tom's"); a numeral or a lone letter, one of a
 * numbered or lettered group ("in Year 10", "in Team B"); or, with no article, a noun of the
 * closed class English uses bare for an institution's purpose ("at Uni", "in Hospital", "at
 * Church", as "at school", "in prison"), which tells what one does there, not where.
 */
const NO_PLACE = new RegExp(
  String.raw`^\p{Lu}[\p{L}-]*['’]s(?![\p{L}\p{N}])|(?:^|\s)(?:\p{N}|\p{Lu}(?![\p{L}\p{N}]))|` +
    String.raw`^(?:[Ss]chool|[Uu]ni|[Uu]niversity|[Cc]ollege|[Hh]ospital|[Pp]rison|[Jj]ail|` +
    String
      .raw`[Cc]hurch|[Cc]hapel|[Cc]lass|[Cc]ourt|[Ww]ork|[Hh]ome|[Bb]ed|[Ss]ea)(?![\p{L}\p{N}])`,
  "u",
);

/** The frame each preposition of place stands for: where one works, where one lives. */
const FRAME_OF: ReadonlyMap<string, string> = new Map([["at", "work"], ["in", "live"]]);

/**
 * The slot `text` states by telling where its owner is these days ({@linkcode HABITUAL_PLACE}),
 * keyed as `stated_slot.ts` keys the verb's: "tom|work", "self|live", "self's mum|work".
 */
export function habitualPlaceSlot(text: string): StatedSlot | undefined {
  const match = HABITUAL_PLACE.exec(text);
  if (!match?.groups) return undefined;
  const { self, we, role, name, prep, value } = match.groups;
  if (NO_PLACE.test(value!)) return undefined;
  const owner = slotOwnerKey({
    speaker: self !== undefined ? "self" : we !== undefined ? "we" : undefined,
    role,
    roleByName: true,
    name,
  });
  if (owner === undefined) return undefined;
  const stated = valueStems(value!);
  if (stated.length === 0) return undefined;
  return { key: `${owner}|${FRAME_OF.get(prep!)!}`, value: stated };
}

/** What {@linkcode namesMembership} asks of the word data (WordNet's, `word_relations.ts`). */
export interface MembershipWords {
  /** Whether a folded word names a place. */
  isPlace(word: string): boolean;
  /** Whether a folded word names a person. */
  isPerson(word: string): boolean;
  /** A word's WordNet relatives by its stem (undefined: WordNet does not know it). */
  related(wordStem: string): ReadonlyMap<string, number> | undefined;
}

/** A name written in capitals only, two to five letters: an initialism ("AA", "RAF"). */
const INITIALISM = /^\p{Lu}{2,5}$/u;

/**
 * Whether a word's close relatives (its synonyms, `CLOSE_SIMILARITY`) include a place: WordNet
 * lists "MD" beside "Maryland" in one sense, though its first senses are a doctor's.
 */
function namesPlaceBy(related: ReadonlyMap<string, number>, words: MembershipWords): boolean {
  for (const [word, similarity] of related) {
    if (similarity >= CLOSE_SIMILARITY && words.isPlace(word)) return true;
  }
  return false;
}

/**
 * Whether `text` tells where its owner is these days "in" a group, not a home: the head of its
 * value (the last word) is, by WordNet,
 *
 * - an initialism WordNet knows and never as a place ("AA" is Alcoholics Anonymous or a degree,
 *   "RAF" an air force; "LA", "UK" are places, and "NYC", "SF" it does not know: read as homes,
 *   as any name it does not know is, "Didsbury"), with no synonym that is a place ("MD":
 *   Maryland, "MO": Missouri) and no region's code (`REGION_CODES`: "NSW", "BC", "NI", "GA",
 *   which WordNet knows only as other things: review46b H4);
 * - a plural whose singular names a person and which names no place ("the Scouts", "the
 *   Ramblers", "Weight Watchers"): a group is named by its members, a town is not ("Leeds" is
 *   a place, "Keynes" no plural of a person noun).
 *
 * English puts both after "be in" as it does a town ("I'm in the Scouts", "I'm in York"); only
 * what the name names tells them apart.
 */
export function namesMembership(text: string, words: MembershipWords): boolean {
  const match = HABITUAL_PLACE.exec(text);
  if (match?.groups?.prep !== "in") return false;
  const head = match.groups.value!.split(/\s+/).at(-1)!;
  const folded = head.toLowerCase();
  if (INITIALISM.test(head)) {
    const related = words.related(stem(folded));
    return related !== undefined && !words.isPlace(folded) && !REGION_CODES.has(head) &&
      !namesPlaceBy(related, words);
  }
  return folded.length > 3 && folded.endsWith("s") && words.isPerson(folded.slice(0, -1)) &&
    !words.isPlace(folded) && !words.isPlace(folded.slice(0, -1));
}
