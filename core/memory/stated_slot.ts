/**
 * The single-valued slot a memory opens by stating (`restated_slots.ts` compares two): its owner
 * (the persona, a role of the persona's, a name or a name's role), its frame (a verb that holds one
 * value at a time: where one lives or works, what one drives, whom one banks with, what one earns,
 * weighs or charges, what one wants to be; or a role told with "is" and a named or counted value)
 * and the content stems of its value. A kin word's "is" tells one of many things about a person
 * ("My sister is a nurse"), and a kin word of which one may have several, told without a name
 * ("My son lives in Leeds"), says not which one: neither states a slot.
 *
 * @module
 */
import { KIN_WORDS } from "./query_kin.ts";
import { words } from "./text.ts";
import { rememberedByText } from "./text_memo.ts";
import { senderMessage } from "./sender_message.ts";
import { reversedSlot } from "./reversed_slots.ts";
import { habitualPlaceSlot } from "./habitual_places.ts";
import { slotOwnerKey, type StatedSlot, valueStems } from "./slot_words.ts";

export type { StatedSlot } from "./slot_words.ts";

/** Verbs (as written) whose object or place holds one value at a time, and their frame. */
const SINGLE_VALUED: ReadonlyMap<string, string> = new Map([
  ["drive", "drive"],
  ["drives", "drive"],
  ["live", "live"],
  ["lives", "live"],
  ["work", "work"],
  ["works", "work"],
  ["bank", "bank"],
  ["banks", "bank"],
  ["earn", "earn"],
  ["earns", "earn"],
  ["weigh", "weigh"],
  ["weighs", "weigh"],
  ["charge", "charge"],
  ["charges", "charge"],
  // What one wants to be: one aim at a time ("kacper wants to be a plumber", then "... an
  // electrician").
  ["want to be", "aim"],
  ["wants to be", "aim"],
]);

/**
 * Verbs that tell their subject took up work somewhere, the change whose outcome is the "work"
 * frame: a verb of getting or beginning with a noun of employment as its object ("started a new
 * job at", "got a job with", "took up a post as", "landed a role at"). Their result is where one
 * works now, one value at a time like "works at": "Tom started a new job at Lidl" restates "Tom
 * works at Aldi". Getting and beginning verbs and the nouns of employment are closed classes in
 * English. Bare "joined X" and "started at X" are left out: X is as often a club, an app, a
 * party, a person or a feast day ("joined Strava", "started at Easter") as an employer, and a
 * capital cannot tell them apart (review45b H1).
 */
const ENTERS_WORK = String.raw`(?:(?:started|starts|began|begins|got|gets|took|takes|landed|` +
  String.raw`lands|accepted|accepts|found|finds)(?:\s+up)?\s+(?:a\s+|an\s+)?(?:new\s+)?` +
  String.raw`(?:job|position|post|role)s?)`;

/**
 * The opening of a slot: its owner (the persona: "I", "we", "User", "the user"; a role of the
 * persona's, a name after it or not: "my/our/user's R", "my brother Felix"; a name, or a name's role: "Neema's class teacher"), an optional
 * time phrase or adverb, and a verb of {@linkcode SINGLE_VALUED} (with its preposition: where one
 * lives is after "in") or, after a role, "is"/"are"; then its value up to a phrase's end.
 */
const SLOT_OPENING = new RegExp(
  String
    .raw`^[\s"“‘'(]*(?:(?<self>I|[Ww]e|[Uu]ser|[Tt]he user)|(?:[Mm]y|[Oo]ur|[Uu]ser['’]s|[Tt]he user['’]s)\s+` +
    String
      .raw`(?<role>\p{Ll}[\p{Ll}-]*(?:\s+\p{Ll}[\p{Ll}-]*){0,2}?(?:\s+\p{Lu}[\p{L}-]+)?)|(?<name>\p{Lu}[\p{L}-]+)` +
    String.raw`(?:['’]s\s+(?<named>\p{Ll}[\p{Ll}-]*(?:\s+\p{Ll}[\p{Ll}-]*){0,2}?))?)` +
    String.raw`(?:\s+(?:this|that|last|next)\s+(?:year|month|week|term|season))?` +
    String.raw`(?:\s+(?:still|currently|now|also|usually))?\s+` +
    String
      .raw`(?<verb>drives?|lives?|works?|banks?|earns?|weighs?|charges?|wants? to be|is|are|${ENTERS_WORK})` +
    String.raw`(?:\s+(?<prep>in|at|for|with|as))?\s+(?<value>[^,;:!?()\n]{1,80})`,
  "u",
);

/** Prepositions each verb's value follows (none: right after the verb). */
const VALUE_AFTER: ReadonlyMap<string, ReadonlySet<string | undefined>> = new Map([
  ["live", new Set(["in"])],
  ["work", new Set(["at", "for", "as"])],
  ["bank", new Set(["with"])],
]);

/** A copula's value names or counts what it is: a capital (a name, a title) or a digit. */
const NAMED_OR_COUNTED = /^(?:(?:an?|the)\s+)?[^\s]*[\p{Lu}\p{N}$£€]/u;

/** A verb's value is a thing or a name: a determiner, a capital or a digit first ("I drive to work": none). */
const THING = /^(?:(?:an?|the|my|our)\s|[\p{Lu}\p{N}$£€])/u;

/** A place's name: where one lives is a capitalised name ("I live in a flat with two cats": none). */
const PLACE = /^\p{Lu}/u;

/** A sentence's end in a value, not a title's full stop ("Mrs. Wairimu Gathoni"). */
const SENTENCE_END = /(?<!(?:^|\s)(?:Mr|Mrs|Ms|Dr|St|Eng|Prof))\.(?:\s|$)/u;

/**
 * The slot `text` opens by stating ({@linkcode SLOT_OPENING}), if any; or, told the other way
 * round, a name filling a role of the speaker's ("Maja's going to be my best person":
 * `reversedSlot`); or where its owner is these days ("Tom's at Lidl these days":
 * `habitualPlaceSlot`).
 */
export function statedSlot(text: string): StatedSlot | undefined {
  return slotFirst(text) ?? reversedSlot(text) ?? habitualPlaceSlot(text);
}

/** The slot `text` opens by stating in {@linkcode SLOT_OPENING}'s order, if any. */
function slotFirst(text: string): StatedSlot | undefined {
  const match = SLOT_OPENING.exec(text) ?? textedOpening(text);
  if (!match?.groups) return undefined;
  const { self, role, name, named, verb, prep } = match.groups;
  const end = match.groups.value!.search(SENTENCE_END);
  const value = end < 0 ? match.groups.value! : match.groups.value!.slice(0, end);
  const lower = verb!;
  const copula = lower === "is" || lower === "are";
  // A verb of taking up work reads as "works" with its preposition (`enteredWork`).
  const entering = !copula && !SINGLE_VALUED.has(lower);
  const entered = entering ? enteredWork(prep) : undefined;
  if (entering && entered === undefined) return undefined;
  const frame = copula ? "be" : entering ? "work" : SINGLE_VALUED.get(lower)!;
  const preposition = entered ?? prep?.toLowerCase();
  // A copula's role stays the owner: "my friend Dev is ..." tells of the role ("my coach Dev is
  // Ana's husband"); a verb's is keyed by the name (see slotOwnerKey).
  const owner = slotOwnerKey({
    speaker: self === undefined ? undefined : /^[Ww]e$/.test(self) ? "we" : "self",
    role,
    roleByName: !copula,
    name,
    named,
  });
  if (owner === undefined) return undefined;
  const roleWords = words(role ?? named ?? "");
  if (copula) {
    // "is" states a slot only of a role that is no kin, with a named or counted value.
    if (roleWords.length === 0 || roleWords.some((word) => KIN_WORDS.has(word))) return undefined;
    if (preposition !== undefined || !NAMED_OR_COUNTED.test(value)) return undefined;
  } else {
    const after = VALUE_AFTER.get(frame);
    if (after ? !after.has(preposition) : preposition !== undefined) return undefined;
    if (!(frame === "live" ? PLACE : THING).test(value)) return undefined;
  }
  const stated = valueStems(value);
  if (stated.length === 0) return undefined;
  return { key: `${owner}|${frame}${preposition === "as" ? " as" : ""}`, value: stated };
}

/**
 * The preposition of "works" a verb of {@linkcode ENTERS_WORK} reads as, or undefined when it
 * tells no work taken up: a noun of employment with "at", "with" (read as "at": where one
 * works), "for" or "as" ("got a job as a nurse": "as", as "works as" is).
 */
function enteredWork(prep: string | undefined): string | undefined {
  const preposition = prep?.toLowerCase();
  if (preposition === "with") return "at";
  return preposition === "at" || preposition === "for" || preposition === "as"
    ? preposition
    : undefined;
}

/**
 * A texted line, in lower case throughout, opening with a word and a verb of one value in its
 * third-person form ("kacper wants to be a plumber", "nugget weighs 4.6kg"): that word is a
 * name, as its capitalised form would be ({@linkcode SLOT_OPENING} read of it so).
 */
function textedOpening(text: string): RegExpExecArray | null {
  if (/\p{Lu}/u.test(text)) return null;
  const opening = TEXTED_OWNER.exec(text);
  if (!opening) return null;
  const at = opening.index + opening[0].indexOf(opening[1]!);
  return SLOT_OPENING.exec(text.slice(0, at) + text[at]!.toUpperCase() + text.slice(at + 1));
}

/** A texted line's opening word right before a third-person verb of {@linkcode SINGLE_VALUED}. */
const TEXTED_OWNER =
  /^[\s"“‘'(]*(\p{Ll}[\p{Ll}-]+)\s+(?:drives|lives|works|banks|earns|weighs|charges|wants to be)\s/u;

/** How many texts {@linkcode slotOfText} read so far. */
let slotReads = 0;

/**
 * How many texts {@linkcode slotOfText} read so far (for tests: each pair of a search asks the
 * slots of its two texts, read once per text however many pairs hold it).
 */
export function slotReadCount(): number {
  return slotReads;
}

/**
 * {@linkcode statedSlot} of a text, remembered; of a kept exchange, of its sender's message
 * (`senderMessage`): the slot is told there, after "Theo said: ", never at the text's opening.
 */
export const slotOfText: (text: string) => StatedSlot | undefined = rememberedByText(
  (text: string) => {
    slotReads++;
    return statedSlot(senderMessage(text));
  },
  { everyCandidate: true },
);

/** Whether `text` opens by stating a slot ({@linkcode statedSlot}). */
export function statesSlot(text: string): boolean {
  return slotOfText(text) !== undefined;
}
