/**
 * A single-valued slot restated with another value (`unlinked_updates.ts`): a standing fact opens
 * by telling one value of something that holds only one at a time, and a newer memory opens by
 * telling the same of the same owner with another value, with no word of change ("User drives a
 * dark blue 2019 Mazda CX-5" after "User drives a silver 2014 Toyota Fielder"; "User's mechanic
 * is Juma's nephew Salim ..." after "User's mechanic is Juma at a garage on Lusaka Road"). The
 * newer one supersedes the older. What separates it from a second fact that adds ("I have a dog",
 * then "I have a cat"; "My sister lives in Leeds", then "My brother lives in York") is the frame:
 * its verb holds one value at a time (where one lives or works, what one drives, whom one banks
 * with, what one earns, weighs or charges), or it is a role of the owner ("my mechanic", "Neema's
 * class teacher", "our rent") told with "is" and a named or counted value. A kin word's "is" tells
 * one of many things about a person ("My sister is a nurse", "My sister is a night owl"): none.
 *
 * A restatement that adds is no replacement either (review45's R3): a value told as another or
 * a part-time one ("I work at the Albert Hall on Friday nights as a DJ" after "I work at Tesco";
 * "£200 a week from DJing on the side"; "our dog is Bea, adopted too"), a place inside the older
 * place ("I live in Didsbury, Manchester"; "Hackney" after "London": a place WordNet does not name
 * after one it does), another owner ("We drive a VW camper" after "I drive a Ford Focus", unless
 * the "I" memory says whom "we" are: "I live in Lyon with my partner"), or one of several
 * relatives named by kin alone ("My son lives in Leeds", "My son lives in York": two sons).
 *
 * @module
 */
import { slotOfText, type StatedSlot } from "./stated_slot.ts";
import { type MembershipWords, namesMembership } from "./habitual_places.ts";
import { stem, words } from "./text.ts";
import { rememberedByText } from "./text_memo.ts";

/**
 * Words that tell a value as one more, a part or a while ("also", "too", "on the side", "a
 * second", "part-time", "at weekends", "on Fridays", "on Friday nights", "on Saturday mornings",
 * "every Friday", "twice a week", "some evenings", "in my spare time", "as a volunteer", "for the
 * summer"): the older value still holds beside it (review46 R1).
 */
const ADDITIONAL = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:also|too|as well|on the side|second|another|extra|part[- ]time|` +
    String.raw`(?:at|on|over) (?:the )?weekends?|` +
    String
      .raw`on (?:mon|tues|wednes|thurs|fri|satur|sun)days?(?: (?:morning|afternoon|evening|night)s?)?|` +
    String.raw`(?:every|each) (?:day|week|weekend|month|morning|afternoon|evening|night|other|` +
    String.raw`(?:mon|tues|wednes|thurs|fri|satur|sun)day)|(?:once|twice|three times) a|` +
    String.raw`(?:some|most) (?:days|weeks|weekends|mornings|afternoons|evenings|nights)|` +
    String.raw`in my (?:spare|free) time|during the week|as a volunteer|` +
    String
      .raw`\p{L}+ nights|at night|in the evenings|(?:for|over|during) the (?:summer|holidays?|winter)|` +
    String
      .raw`this (?:summer|winter|term)|for (?:now|a while|a few \p{L}+)|until|temporar(?:y|ily)|` +
    String.raw`(?:on|for) holiday)(?![\p{L}\p{N}])`,
  "iu",
);

/** A relative clause's opening after a comma: what follows tells more of the value before it. */
const RELATIVE_CLAUSE = /,\s*(?:who|which|whose)(?![\p{L}\p{N}])/iu;

/** "with my partner": an "I" memory that says whom its "we" are. */
const HOUSEHOLD = /(?<![\p{L}\p{N}])with (?:my|our) \p{L}/iu;

/**
 * What {@linkcode restatesSlot} reads of the word data: the places WordNet names
 * (`isNamedPlace`: a place inside another is no move) and what tells a group from a home
 * (`namesMembership`).
 */
export interface SlotPlaces extends MembershipWords {
  /** Whether a folded word is only a place's name. */
  isNamedPlace(word: string): boolean;
}

/**
 * Whether `newer` states the slot `older` states (`statedSlot`, `stated_slot.ts`: the same owner and
 * frame) with another value: the head of its value (the last content word) is no word of the
 * older one's value ("Juma's nephew Salim" after "Juma"; not "a Toyota" after "a silver Toyota").
 */
export function restatesSlot(
  older: string,
  newer: string,
  places?: SlotPlaces,
): boolean {
  const before = slotOfText(older);
  const after = slotOfText(newer);
  if (before === undefined || after === undefined) return false;
  if (before.key !== after.key && !householdOwners(before, after, older + " " + newer)) {
    return false;
  }
  // "In" a group is no home ("I'm in AA these days" after "I live in Leeds": `habitual_places.ts`).
  if (
    places !== undefined && before.key.endsWith("|live") &&
    (namesMembership(older, places) || namesMembership(newer, places))
  ) {
    return false;
  }
  const head = after.value.at(-1)!;
  // An "also" of a relative clause tells more of the new value, not that it is one more ("...
  // is Mr. Dennis Lutta, who also runs the chess club").
  if (before.value.includes(head) || additionalText(newer)) return false;
  return !(before.key.endsWith("|live") && placeInside({ before, after, older, newer }, places));
}

/**
 * Whether a query's `terms` name the slot `older` states: its verb ("Where does Tom work?" of
 * "My brother Tom works at Aldi": "work") or, for a role told with "is", the role's head ("Who is
 * my dentist?" of "My dentist is Dr. Shah"). Such a query asks the one value the slot holds, so a
 * newer memory restating it answers it however few of its other words it says ("I started a new
 * job at the post office" for "Where do I work?": no word in common but the slot).
 */
export function slotAsked(older: string, terms: readonly string[] | undefined): boolean {
  const slot = slotOfText(older);
  if (slot === undefined || terms === undefined || terms.length === 0) return false;
  const [owner, frame] = slot.key.split("|") as [string, string];
  const named = frame === "be" ? owner.split(" ").at(-1)! : stem(frame.split(" ")[0]!);
  return terms.includes(named);
}

/**
 * Whether a text tells an addition ({@linkcode ADDITIONAL}) before any relative clause,
 * remembered: asked per pair (review46 R2).
 */
const additionalText: (text: string) => boolean = rememberedByText((text) =>
  ADDITIONAL.test(text.split(RELATIVE_CLAUSE)[0]!)
);

/** How many texts {@linkcode placeInside} read the words of (for tests: once per text). */
let firstWordReads = 0;

/** How many texts' words {@linkcode placeInside} read so far (for tests). */
export function placeWordReadCount(): number {
  return firstWordReads;
}

/**
 * Each stem of a text and its first word as written, remembered: {@linkcode placeInside} asks it
 * per compared pair, and a long text read anew per pair made every search quadratic in it
 * (attack33 A3, review46 R2).
 */
const firstWordsOfText: (text: string) => ReadonlyMap<string, string> = rememberedByText(
  (text) => {
    firstWordReads++;
    const found = new Map<string, string>();
    for (const word of words(text)) {
      const term = stem(word);
      if (!found.has(term)) found.set(term, word);
    }
    return found;
  },
);

/** "I" and "we" in the same frame, one memory telling whom "we" are ("with my partner"). */
function householdOwners(before: StatedSlot, after: StatedSlot, both: string): boolean {
  const frames = [before.key, after.key].map((key) => key.replace(/^(?:self|we)\|/, "|"));
  return frames[0] === frames[1] && before.key !== frames[0] && after.key !== frames[1] &&
    HOUSEHOLD.test(both);
}

/**
 * Whether one place lies inside the other: either memory names both ("Didsbury, Manchester",
 * "Didsbury in south Manchester"), or WordNet names one and not the other (a city and a part of
 * it it does not know: "London", then "Hackney").
 */
function placeInside(
  pair: { before: StatedSlot; after: StatedSlot; older: string; newer: string },
  places: SlotPlaces | undefined,
): boolean {
  const { before, after } = pair;
  const newerStems = firstWordsOfText(pair.newer);
  if (before.value.some((word) => newerStems.has(word))) return true;
  if (firstWordsOfText(pair.older).has(after.value.at(-1)!)) return true;
  if (places === undefined) return false;
  const named = (value: readonly string[], text: string) => {
    const head = firstWordsOfText(text).get(value.at(-1)!);
    return head !== undefined && places.isNamedPlace(head);
  };
  return named(before.value, pair.older) !== named(after.value, pair.newer);
}
