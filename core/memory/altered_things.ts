/**
 * Changes told with no word of change (`unlinked_updates.ts`): the persona did something to a
 * thing of its own that a standing fact described, with a verb that alters it ("I cut my hair
 * really short, a pixie cut" after "I have long curly hair down to my waist"; "I sold my piano"
 * after "I have an old upright piano"), or undid what an older memory told it did to that thing
 * ("I found my wedding ring in the pocket of my winter coat" after "I lost my wedding ring at
 * the beach"). Such a newer memory says neither "now" nor "no longer", and no verb of ending, yet
 * the fact no longer holds. What separates it from news about the same thing ("I washed my hair",
 * "I took my dog to the vet", "I lost my keys again" after "I lost my keys") is the kind of verb:
 * one that changes the thing's state, or the opposite of the older memory's own.
 *
 * @module
 */
import { type OwnDeed, ownDeeds, thingWords } from "./own_deeds.ts";
import { isContentWord, stem, words } from "./text.ts";
import { tellsEvent } from "./told_events.ts";
import { eventOfText, termSetOfText } from "./update_facts.ts";
import { rememberedByText } from "./text_memo.ts";

/**
 * Past verbs by which the persona alters a thing of its own so that what a fact said of it no
 * longer holds: its looks (cut, dyed, shaved), its having it (sold, lost, gave away), its working
 * (crashed, wrecked, totalled). Not verbs of use or care ("washed", "took", "walked", "fed").
 */
export const ALTERING_VERBS: readonly string[] = [
  "cut",
  "dyed",
  "shaved",
  "sold",
  "lost",
  "crashed",
  "wrecked",
  "totalled",
  "totaled",
];

/** Past verbs and the past verbs that undo them ("lost" → "found"), read in both directions. */
export const UNDOING_VERBS: ReadonlyMap<string, string> = new Map([
  ["lost", "found"],
  ["broke", "fixed"],
  ["borrowed", "returned"],
]);

/**
 * Another's possessive and the words after it ("Leah's long curly hair"); not "it's", "that's"
 * and other shortened "is".
 */
const OTHERS_PHRASE =
  /(?<![\p{L}\p{N}])(?!(?:it|that|he|she|there|here|what|who|where|let|how)['’]s\b)\p{L}+['’]s\s+([\p{L}\s'-]{1,60})/giu;

/** "I" or "we" opening a text: the persona tells of itself, of its own things. */
const OWN_OPENING = /^[\s"“‘'(]*(?:i|we)(?:['’]\p{L}+)?(?![\p{L}\p{N}])/iu;

/** "my" or "our" and the words after it, up to a phrase's end. */
const OWN_PHRASE = /(?<![\p{L}\p{N}])(?:my|our)\s+([\p{L}\s'-]{1,60})/giu;

/**
 * The heads of `text`: the last stem of each run of content words ("I have long curly hair down
 * to my waist" → long, hair, waist; "I have an old upright piano" → piano), what its phrases
 * name, not what describes it ("old", "upright").
 */
export function phraseHeads(text: string): Set<string> {
  const heads = new Set<string>();
  let last: string | undefined;
  for (const word of words(text)) {
    if (isContentWord(word) && !word.endsWith("ly")) {
      last = stem(word);
      continue;
    }
    if (last !== undefined) heads.add(last);
    last = undefined;
  }
  if (last !== undefined) heads.add(last);
  return heads;
}

/**
 * What `text` tells of its things' owners, read once: the stems of the things it says "my" or
 * "our" before ({@linkcode OWN_PHRASE}), whether it opens with "I" or "we", and the stems another
 * owner's possessive holds ({@linkcode OTHERS_PHRASE}: every content word up to a word of
 * grammar; "curly" describes, it is no adverb here).
 */
interface Ownership {
  readonly owned: ReadonlySet<string>;
  readonly opening: boolean;
  readonly others: ReadonlySet<string>;
}

/** How many times {@linkcode ownershipOf} read a text (for tests: once per text, not per deed). */
let ownershipReads = 0;

/** How many texts' owners were read so far (for tests). */
export function ownershipReadCount(): number {
  return ownershipReads;
}

/** {@linkcode Ownership} of `text`. */
function ownershipOf(text: string): Ownership {
  ownershipReads++;
  const owned = new Set<string>();
  for (const match of text.matchAll(OWN_PHRASE)) {
    for (const word of thingWords(match[1]!)) owned.add(word);
  }
  const opening = OWN_OPENING.test(text);
  const others = new Set<string>();
  if (opening) {
    for (const match of text.matchAll(OTHERS_PHRASE)) {
      for (const word of words(match[1]!)) {
        if (!isContentWord(word)) break;
        others.add(stem(word));
      }
    }
  }
  return { owned, opening, others };
}

/**
 * {@linkcode ownershipOf} a text, remembered: asked per deed of each compared pair, and a long
 * text read anew per deed made every search quadratic in it (attack33 A1).
 */
const ownershipOfText: (text: string) => Ownership = rememberedByText(ownershipOf);

/**
 * Whether `text` tells of `thing` as the persona's own: it opens with "I" or "we" ("I have long
 * curly hair"), or says "my" or "our" before that thing ("My hair is long"). Not a friend's
 * ("My friend dyed her hair bright blue"); "I think Leah's long curly hair is gorgeous": the hair
 * is Leah's, whoever opens.
 */
function ownsThing(text: string, thing: string): boolean {
  const { owned, opening, others } = ownershipOfText(text);
  return owned.has(thing) || (opening && !others.has(thing));
}

/**
 * Whether a deed's thing is the one `older` tells of by its modifiers: each word before its head
 * and its qualifier ("my ticket for the gig") is a word of `older` ("a season ticket": none).
 */
function sameKind(deed: OwnDeed, older: ReadonlySet<string>): boolean {
  const modifiers = deed.thing.slice(0, -1);
  if (deed.qualifier !== undefined) modifiers.push(deed.qualifier);
  return modifiers.every((word) => older.has(word));
}

/**
 * Verbs of {@linkcode ALTERING_VERBS} after whose thing its new look often follows ("I dyed my
 * hair bright red", "I cut my hair short"): any word of the thing may be the fact's. After the
 * others only the thing's head is ("I lost my house keys" alters no house).
 */
const RESHAPING: ReadonlySet<string> = new Set(["cut", "dyed", "shaved"]);

const UNDOERS = new Set([...UNDOING_VERBS.values(), ...UNDOING_VERBS.keys()]);
const ALTERING = new Set(ALTERING_VERBS);

/**
 * {@linkcode ownDeeds} of a text, remembered: read per contender and per older memory of each pair,
 * search after search (a regex walk each time before session 31's fix132).
 */
const deedsOfText: (text: string) => readonly OwnDeed[] = rememberedByText(ownDeeds, {
  everyCandidate: true,
});

/** {@linkcode phraseHeads} of a text, remembered: read per older memory of each pair. */
const headsOfText: (text: string) => ReadonlySet<string> = rememberedByText(phraseHeads);

/** Whether `text` tells a deed that may alter or undo ({@linkcode altersOwn}'s cheap first test). */
export function tellsOwnDeed(text: string): boolean {
  return deedsOfText(text).some(({ verb }) => ALTERING.has(verb) || UNDOERS.has(verb));
}

/** Whether `verb` undoes `done` ({@linkcode UNDOING_VERBS}, either way round). */
function undoes(verb: string, done: string): boolean {
  return UNDOING_VERBS.get(done) === verb || UNDOING_VERBS.get(verb) === done;
}

/**
 * Whether `newer` tells the persona altered a thing of its own that `older`, a standing fact of
 * the persona's own thing, names ({@linkcode ALTERING_VERBS}; a word of the thing is a head of
 * `older`: {@linkcode phraseHeads}), or undid what `older` told it did to that same thing
 * ({@linkcode UNDOING_VERBS}).
 */
export function altersOwn(older: string, newer: string): boolean {
  return altersDeeds(older, deedsOfText(newer));
}

/** {@linkcode altersOwn} with the newer memory's deeds read already. */
function altersDeeds(older: string, deeds: readonly OwnDeed[]): boolean {
  if (deeds.length === 0) return false;
  const standing = !tellsEvent(eventOfText(older));
  const heads = headsOfText(older);
  const done = deedsOfText(older);
  const terms = termSetOfText(older);
  return deeds.some((deed) => {
    const { verb, thing } = deed;
    // A reshaping verb's words after the thing tell its new look ("cut my hair really short").
    if (!RESHAPING.has(verb) && !sameKind(deed, terms)) return false;
    // "I cut my dog's hair" alters the dog's, not the persona's own ("I have long curly hair"):
    // a fact that names that owner ("My dog has long shaggy hair").
    const owns = (word: string) =>
      deed.owner === undefined ? ownsThing(older, word) : terms.has(deed.owner);
    return (standing && ALTERING.has(verb) &&
      (RESHAPING.has(verb) ? thing : thing.slice(-1)).some((word) =>
        heads.has(word) && owns(word)
      )) ||
      done.some((other) => thing.includes(other.head) && undoes(verb, other.verb));
  });
}

/**
 * Whether one of `newer` (texts that tell a deed: {@linkcode tellsOwnDeed}) alters or undoes one of
 * `older` ({@linkcode altersOwn}), read only where an older text holds a word of the thing: for
 * search to compare pairs only where such a pair may be (`subject_candidates.ts`).
 */
export function altersAnyOf(newer: readonly string[], older: readonly string[]): boolean {
  return newer.some((text) => {
    const deeds = deedsOfText(text);
    const things = deeds.flatMap(({ thing }) => thing);
    return older.some((other) => {
      if (other === text) return false;
      const terms = termSetOfText(other);
      return things.some((word) => terms.has(word)) && altersDeeds(other, deeds);
    });
  });
}
