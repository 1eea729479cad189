/**
 * The persona's own change of its own standing fact (`unlinked_updates.ts`): the newer memory
 * says "I" or "we" right before a word of change whose object is a word the older fact says, and
 * the older fact is the persona's own ("I", "we", "my", "our" opening it) and tells no event ("I
 * stopped climbing and took up pottery instead" after "On weekends I go rock climbing at the
 * indoor wall" is not, "I gave up hospital work and now train paramedics" after "I work night
 * shifts as a nurse in the emergency department"). What the change leads to (pottery, a college)
 * aligns with nothing of the old fact, so the two share too little in words and meaning to count
 * as about one thing; the object of the persona's own change tells it. Someone or something
 * else's change is not the persona's ("the boiler stopped working" after "I take the underground
 * to work"; session 30's first try, any change acting on a fact's word, paired such by the dozen).
 *
 * @module
 */
import { KIN_WORDS } from "./query_kin.ts";
import { stem, words } from "./text.ts";
import { rememberedByText } from "./text_memo.ts";
import { tellsEvent } from "./told_events.ts";
import { changeStemsOfText, eventOfText, termSetOfText } from "./update_facts.ts";

/** The persona as the teller of a change: "I" or "we", with a contraction. */
const PERSONA = /^(?:i|we)(?:['’](?:m|ve|re|d|ll))?$/;

/** "me" or "us" right after a change word: the persona is what it changes. */
const PERSONA_AFTER = /^\s+(?:me|us)(?![\p{L}\p{N}])/iu;

/** "my" or "our" right after a change word: a thing of the persona's own is what it changes. */
const OWN_AFTER = /^\s+(?:my|our)(?![\p{L}\p{N}])/iu;

/** How many words before a change word's end may hold the persona ("I finally gave up"). */
const TELLER_WINDOW = 4;

/**
 * An older fact that is the persona's own: it opens with "I", "we", "my" or "our", or with a
 * phrase of time and then one ("On weekends I go rock climbing"; not "Tilly's mom is my sister").
 */
const OWN_FACT =
  /^[\s"“‘'(]*(?:(?:on|since|every|most|after|before|during)\s[^,.;!?]{1,30}?[,\s]\s*)?(?:i|we|(?<owner>my|our))(?:['’]\p{L}+)?\s+(?<next>[\p{L}-]+)/iu;

/** Words after "my" that make a fact someone else's: kin and companions ("My uncle smoked a pipe"). */
const OTHERS: ReadonlySet<string> = new Set([
  ...KIN_WORDS,
  ..."friend friends neighbour neighbours neighbor neighbors colleague colleagues boss manager partner girlfriend boyfriend flatmate roommate best old"
    .split(" "),
]);

/**
 * Verbs too light to tell what a change ends ("I stopped going to the food bank" ends no "I
 * usually go to bed after midnight"): the object after them names it, not they.
 */
const LIGHT_VERBS: ReadonlySet<string> = new Set([
  "go",
  "do",
  "get",
  "make",
  "take",
  "have",
  "us",
  "come",
  "keep",
  "put",
  "feel",
  "start",
]);

/**
 * A word as written and with a plural's "s" or "es" dropped ("accounts" → "account", "boxes" →
 * "box", "horses" → "horse": both, since the "e" may be the word's own).
 */
const singulars = (
  word: string,
): string[] => [word, word.replace(/s$/, ""), word.replace(/es$/, "")];

/**
 * Whether `older` says a word of stem `term` as `newer` says it, past a plural: stems join words
 * of other meaning ("accountant" and "accounts" are both "account").
 */
function sameWord(older: string, newer: string, term: string): boolean {
  const said = singularsOfText(older).get(term);
  const says = singularsOfText(newer).get(term);
  return said !== undefined && says !== undefined && [...says].some((word) => said.has(word));
}

/** How many times {@linkcode singularsByStem} read a text (for tests: once per text). */
let singularReads = 0;

/** How many texts' words {@linkcode sameWord} read so far (for tests). */
export function singularReadCount(): number {
  return singularReads;
}

/** Each stem of `text` and its words as written, a plural's "s" dropped ({@linkcode singulars}). */
function singularsByStem(text: string): Map<string, Set<string>> {
  singularReads++;
  const found = new Map<string, Set<string>>();
  for (const word of words(text)) {
    const term = stem(word);
    let forms = found.get(term);
    if (forms === undefined) found.set(term, forms = new Set());
    for (const form of singulars(word)) forms.add(form);
  }
  return found;
}

/**
 * {@linkcode singularsByStem} of a text, remembered: asked per change of each compared pair, and
 * a long text read anew per change made every search quadratic in it (attack33 A2).
 */
const singularsOfText: (text: string) => ReadonlyMap<string, ReadonlySet<string>> =
  rememberedByText(singularsByStem);

/** Whether one of the {@linkcode TELLER_WINDOW} words before `end` in `text` is the persona. */
function toldByPersona(text: string, end: number): boolean {
  const before = text.slice(Math.max(0, end - 60), end).toLowerCase().match(/[\p{L}'’]+/gu) ?? [];
  return before.slice(-TELLER_WINDOW).some((word) => PERSONA.test(word));
}

/** A change the persona tells: what it acts on (its object's head) and its own stems. */
interface OwnChange {
  readonly direct: string;
  readonly stems: readonly string[];
}

/** The persona's own changes `text` tells ({@linkcode toldByPersona}), light verbs left out. */
export function ownChanges(text: string): OwnChange[] {
  const found: OwnChange[] = [];
  for (const { stems, object, direct, end } of changeStemsOfText(text)) {
    if (stems.length === 0) continue;
    // The persona or its own thing changed by someone else: "The doctor's switched me off
    // metformin", "doctor upped my sertraline" act on what follows "me" or "my".
    const next = text.slice(end, end + 8);
    // After "me" the object is what it was changed off or to; after "my" the object's head.
    const persona = PERSONA_AFTER.test(next);
    const acted = persona ? object : direct;
    if (acted === undefined || LIGHT_VERBS.has(acted)) continue;
    if (persona || OWN_AFTER.test(next) || toldByPersona(text, end)) {
      found.push({ direct: acted, stems });
    }
  }
  return found;
}

/** {@linkcode ownChanges} of a text, remembered. */
const ownChangesOfText = rememberedByText(ownChanges);

/** Whether `text` tells a change of the persona's own ({@linkcode ownChanges}). */
export function tellsOwnChange(text: string): boolean {
  return ownChangesOfText(text).length > 0;
}

/** Whether `text` is the persona's own standing fact ({@linkcode OWN_FACT}, {@linkcode OTHERS}). */
function ownStanding(text: string): boolean {
  const own = OWN_FACT.exec(text);
  if (!own?.groups) return false;
  if (own.groups.owner && OTHERS.has(own.groups.next!.toLowerCase())) return false;
  return !tellsEvent(eventOfText(text));
}

/** {@linkcode ownStanding} of a text, remembered. */
const ownStandingText = rememberedByText(ownStanding);

/**
 * Whether `newer` tells the persona's own change ({@linkcode toldByPersona}) whose object's head
 * is a word of `older` as `older` says it ({@linkcode sameWord}; no light verb), the persona's own
 * standing fact ({@linkcode OWN_FACT}, not a relative's or a friend's: {@linkcode OTHERS}; no
 * event).
 */
export function ownChangeOfFact(older: string, newer: string): boolean {
  const changes = ownChangesOfText(newer);
  if (changes.length === 0 || !ownStandingText(older)) return false;
  const terms = termSetOfText(older);
  return changes.some(({ stems, direct }) =>
    terms.has(direct) && !stems.every((term) => terms.has(term)) &&
    sameWord(older, newer, direct)
  );
}
