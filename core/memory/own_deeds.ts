/**
 * The persona's deeds on things of its own, read from one text ("I cut my hair really short" →
 * cut, hair; "I lost my ticket for the gig" → lost, ticket, qualifier gig; "I lost my cat's
 * collar" → lost, collar, owner cat): what `altered_things.ts` compares with an older memory's
 * things.
 *
 * @module
 */
import { isContentWord, stem, words } from "./text.ts";

/**
 * "I" or "we", an optional adverb, a past verb, then "my" or "our" and the thing's words up to
 * the first word of grammar, an "-ly" adverb or a phrase's end.
 */
const OWN_THING =
  /(?<![\p{L}\p{N}])(?:i|we)\s+(?:\p{Ll}+ly\s+)?(\p{L}+)\s+(?:my|our)\s+([\p{L}\s'’-]{1,60})/giu;

/** A possessive opening a thing's words ("my cat's collar"): the thing is what follows it. */
const THING_OWNER = /^[\p{L}-]+['’]s\s+/u;

/** "for the gig", "of the band" right after a thing: which one it is (see `qualifierOf`). */
const QUALIFIER = /^\s+(?:for|of|from)\s+(?:(?:the|a|an|my|our|this|that)\s+)?([\p{L}-]+)/iu;
/**
 * The stems of a thing's words: those after "my" up to the first word of grammar or "-ly" adverb
 * ("hair bright red, a ..." → hair, bright, red; "hair really short" → hair).
 */
export function thingWords(phrase: string): string[] {
  const found: string[] = [];
  for (const word of words(phrase)) {
    if (!isContentWord(word) || word.endsWith("ly")) break;
    found.push(stem(word));
  }
  return found;
}
/**
 * A thing the persona acted on: the verb as written (lower case), the stems of the thing's words
 * and the last of them, its head.
 */
export interface OwnDeed {
  readonly verb: string;
  readonly thing: readonly string[];
  readonly head: string;
  /** The stem of a qualifier after the thing ("my ticket for the gig": gig), if any. */
  readonly qualifier?: string;
  /** The stem of the thing's owner when the persona's is another's ("my dog's hair": dog). */
  readonly owner?: string;
}

/**
 * How many different deeds {@linkcode ownDeeds} reads of one text: a memory tells one to three; a
 * text of thousands made each compared pair read them all (attack33 A1).
 */
export const DEEDS_READ = 16;

/**
 * The persona's deeds on things of its own in `text` ({@linkcode OWN_THING}): the first
 * {@linkcode DEEDS_READ} different ones (a deed told again is read once).
 */
export function ownDeeds(text: string): OwnDeed[] {
  const deeds: OwnDeed[] = [];
  const seen = new Set<string>();
  for (const match of text.matchAll(OWN_THING)) {
    if (deeds.length === DEEDS_READ) break;
    // "my cat's collar": the collar, not the cat; the collar is the cat's.
    const ownedBy = THING_OWNER.exec(match[2]!)?.[0];
    const phrase = ownedBy === undefined ? match[2]! : match[2]!.slice(ownedBy.length);
    const thing = thingWords(phrase);
    const head = thing.at(-1);
    if (head === undefined) continue;
    const qualifier = qualifierOf(phrase, head);
    const verb = match[1]!.toLowerCase();
    const owner = ownedBy === undefined ? undefined : stem(words(ownedBy)[0] ?? "");
    const key = `${verb} ${thing.join(" ")} ${qualifier ?? ""} ${owner ?? ""}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const deed: OwnDeed = { verb, thing, head };
    deeds.push({
      ...deed,
      ...(qualifier === undefined ? {} : { qualifier }),
      ...(owner === undefined ? {} : { owner }),
    });
  }
  return deeds;
}

/** The stem of "for/of/from (the) X" right after the thing's head in `phrase`, if any. */
function qualifierOf(phrase: string, head: string): string | undefined {
  const at = words(phrase).findIndex((word) => stem(word) === head);
  if (at < 0) return undefined;
  const rest = phrase.split(/(?<=[\p{L}'’-])(?=\s)/u).slice(at + 1).join("");
  const word = QUALIFIER.exec(rest)?.[1];
  return word === undefined || !isContentWord(word.toLowerCase())
    ? undefined
    : stem(word.toLowerCase());
}
