/**
 * The bounds of the pairing of facts and their unlinked updates (`unlinked_updates.ts`): how much
 * two memories must have in common to be about the same thing (`aboutSameThing`, in words and in
 * meaning: `SubjectOverlap`), and how well the newer one must match the query beside the older
 * one (`NEWER_SHARE` and its looser variants, `belowShare`). `ranking.ts` re-exports the first.
 *
 * @module
 */
import type { SubjectOverlap } from "./meaning/subject_alignment.ts";

/**
 * Two memories are about the same thing when each one's words cover the other's in meaning at
 * least this much (word alignment both ways, the lower of the two; stored facts and their
 * rewordings 0.23-0.55, unrelated pairs in the same voice 0.33 at the 99th percentile) ...
 */
export const SAME_SUBJECT = 0.35;
/**
 * ... and they share at least this weighted share of their words (a name, an object: "Volvo",
 * "ThinkPad", "coffee"), so two remarks on one broad topic (food, work) do not count.
 */
export const SAME_WORDS = 0.1;
/**
 * Two memories that share more of their words, at least this weighted share (the object and a
 * verb: "I drive a red Skoda Fabia that used to belong to my father", "I got rid of the Skoda
 * and now ride an electric bike", 0.15), are about the same thing with less meaning in common,
 * {@linkcode SAME_SUBJECT_SHARING} (0.28 there): what a rewording adds (the new car, the new
 * job) aligns with nothing of the old fact. On the recall sets stored without links, set 1's
 * MRR 0.852 → 0.857, set 2's 0.933 → 0.936 (newer first 0.85 → 0.90), set 3's 0.797 → 0.801
 * (0.56 → 0.63); linked unchanged.
 */
export const SAME_WORDS_SHARING = 0.15;
/** The meaning two memories sharing {@linkcode SAME_WORDS_SHARING} of their words need. */
export const SAME_SUBJECT_SHARING = 0.25;

/**
 * Whether two memories are about the same thing: {@linkcode SAME_WORDS} of their words shared
 * and {@linkcode SAME_SUBJECT} of their meaning, or more words and less meaning
 * ({@linkcode SAME_WORDS_SHARING}, {@linkcode SAME_SUBJECT_SHARING}). Shared words are read
 * first: they are cheap, the meaning's word alignment is not.
 */
export function aboutSameThing(overlap: SubjectOverlap): boolean {
  if (overlap.words < SAME_WORDS) return false;
  const meaning = overlap.words >= SAME_WORDS_SHARING ? SAME_SUBJECT_SHARING : SAME_SUBJECT;
  return overlap.meaning >= meaning;
}
/** An unlinked newer memory replaces an older one only if it matches the query this well. */
export const NEWER_SHARE = 0.5;
/**
 * ... or this well when the query asks how things are now ("Do I still work on farming
 * robots?", "Where do I work now?": `asksCurrent`): such a question expects a change, and the
 * memory that tells it may share few of its words ("I left the robotics company and now teach
 * ...", 0.39 as well). Set 1's MRR stored without links 0.857 → 0.861 (newer first 0.69 →
 * 0.75); sets 2 and 3 and every set linked unchanged (0 in place of 0.25 alike).
 */
export const NEWER_SHARE_NOW = 0.25;

/** ... or this well when it names what the older one named (`sharesName`). */
export const NEWER_SHARE_NAMED = 0.25;

/**
 * A newer memory telling a change that names what an older one named (`sharesName`) is about the
 * same thing, whatever it shares in meaning and however little it matches the query, only when
 * they share at least this weighted share of their words (the lower of the two):
 * {@linkcode SAME_WORDS}, what one shared name is worth between two short facts ("I sold the
 * Corolla" after "I commute in a silver Toyota Corolla"). Two long remarks that mention one
 * person or place in passing ("Ife's party is at the soft play in Oakwood instead" after "we've
 * switched GP practice to Oakwood Lane ...", 0.08) are no fact and its update: without the bound
 * the newer one took the older one's relevance and ranked just above it. Session 37 (recall67),
 * in process: set 14 linked MRR .698 → .730, unlinked .658 → .682, sets 9, 10, 15 up, no line down;
 * at {@linkcode SAME_WORDS_SHARING} set 4 lost "What phone do I have?" (Pixel after "iPhone").
 */
export const NAMED_WORDS = SAME_WORDS;

/**
 * The meaning a newer memory that a change brings to a new value of a unit the older one
 * measured ("to" right before it: `reachesNewValue`) needs in common with it, whatever words
 * they share: the unit names what was measured, as a shared word would ("I weigh 92 kilos",
 * "After a year of cycling I'm down to 80 kilograms": no word shared, 0.31 in meaning), so
 * {@linkcode SAME_SUBJECT_SHARING}'s bound. It needs to match the query only
 * {@linkcode NEWER_SHARE_NAMED} as well, as a named one does. Set 4 stored without links 0.800 /
 * 0.607 → 0.800 / 0.616 (newer first 0.56 → 0.58); sets 1, 2, 3 and 5 and every set linked
 * unchanged. Any new value of the unit (no "to") ranked alike on the sets, but took a number of
 * something else for a new value ("My son Leo is 8 years old", then "My nephew Sami is 11 years
 * old"; "I run 5 km every morning", then "Last Sunday I walked 12 km in the hills").
 */
export const MEASURED_SUBJECT = SAME_SUBJECT_SHARING;

/**
 * Whether a newer memory's share `newer` is below what it needs of the older one's `older`:
 * {@linkcode NEWER_SHARE_NAMED} of it when the query asks about the change (`asked`), else
 * `needed`. `asked` is read only when the two shares' answers differ, so that its test of the
 * texts runs for few pairs; the answer is the same as reading it first.
 */
export function belowShare(
  newer: number,
  older: number,
  options: { asked: () => boolean; needed: number },
): boolean {
  const belowNamed = newer < NEWER_SHARE_NAMED * older;
  const belowNeeded = newer < options.needed * older;
  if (belowNamed === belowNeeded) return belowNamed;
  return options.asked() ? belowNamed : belowNeeded;
}
