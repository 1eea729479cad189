/**
 * Unlinked updates about someone else (`unlinked_updates.ts`): two remarks in no one's voice are
 * a fact and its update when the newer one's verb of change acts on what the older one told of
 * ({@linkcode actsOn}); only the remarks that could be such a pair are compared
 * ({@linkcode actingPairs}).
 *
 * @module
 */
import type { Voice } from "./query.ts";
import type { ChangeWord } from "./change_words.ts";
import { sharesName } from "./shared_names.ts";
import { sameOwnerUntold } from "./update_evidence.ts";
import { openingSubjectOfText } from "./fact_events.ts";
import { changeStemsOfText, changeTold, namesOfText, termSetOfText } from "./update_facts.ts";

const DIGIT = /\p{N}/u;

/**
 * The voices of memories compared as facts and updates, both sides, when a verb of change in the
 * newer one acts on what the older one names, told of someone the older one names
 * ({@linkcode actsOn}): no one's. A remark about someone else that names what a fact named and
 * tells of a change is often no update of it ("The train to Brussels was cancelled, so Dev came
 * by bus" after "My best friend Dev is a wedding photographer in Brussels": `UPDATE_VOICES`);
 * one whose change ends the very thing the older one named, right after its verb, is ("Priya
 * left the recording studio in May" after "Priya works as a sound engineer at a recording
 * studio in Glasgow"), and so is one whose change acts on nothing but befalls the one the
 * older one names, by name ("Borin left after three nights" after "Borin has rented the east
 * room"). Such a newer one needs to match the query only `NEWER_SHARE_NAMED` as well,
 * and the two must be about the same thing (`aboutSameThing`). Set 6 stored without
 * links 0.857 / 0.760 → 0.874 / 0.793 (updates 0.85 / 0.54 → 0.95 / 0.74, newer first 0.45 →
 * 0.75); every other set, linked and unlinked, and set 6 linked unchanged. With the older side
 * in any voice, set 7 (held out) lost 0.001 MRR linked and unlinked: both sides in no one's voice.
 */
export const ACTING_VOICES: ReadonlySet<Voice> = new Set(["other"]);

/**
 * Whether a memory in `voice` saying `content` is compared as an update in
 * {@linkcode ACTING_VOICES} only: with no number in digits (one with a number is compared as
 * measuring, `MEASURING_VOICES` of `update_voices.ts`).
 */
export function actingVoice(voice: Voice, content: string): boolean {
  return ACTING_VOICES.has(voice) && !DIGIT.test(content);
}

/**
 * The memories of `items` (no one's) that could be one of a pair, a fact and its update
 * ({@linkcode actsOn} for some other one, either way round, whichever is newer): only these are
 * worth comparing (and weighing words for). Set lookups over the pairs of those that tell of a
 * change and the rest, by text.
 */
export function actingPairs<T>(items: readonly T[], content: (item: T) => string): T[] {
  const newers = items.flatMap((item) => {
    if (!changeTold(content(item))) return [];
    const changes = changeStemsOfText(content(item)).filter(({ stems, direct, subject }) =>
      stems.length > 0 && (direct !== undefined || subject !== undefined)
    );
    return changes.length === 0 ? [] : [{ item, changes }];
  });
  if (newers.length === 0) return [];
  const paired = new Set<T>();
  for (const older of items) {
    const terms = termSetOfText(content(older));
    // Read only for a change told of no name (`actsOn`), once per older remark.
    let openingRead: readonly string[] | undefined;
    const opening = () => openingRead ??= openingSubjectOfText(content(older));
    for (const newer of newers) {
      if (newer.item === older) continue;
      // `actsOn` without a closure per pair (a pair's names are read only when they decide):
      // this loop meets every pair of the candidates.
      const acts = acting(newer.changes, terms, opening);
      if (
        acts === NO_ACT ||
        (acts === ACTS_IF_NAMED &&
          !(sharesName(namesOfText(content(older)), namesOfText(content(newer.item))) ||
            sameOwnerUntold(content(older), content(newer.item))))
      ) continue;
      paired.add(newer.item);
      paired.add(older);
    }
  }
  return items.filter((item) => paired.has(item));
}

/**
 * Whether a verb of change of a newer memory (`changes`: its `changeStems`), one the older one
 * (`olderTerms`) does not say itself, changes what the older one told of:
 * - it acts on something the older one names, the head of the words right after it
 *   ({@linkcode ChangeWord.direct}: "Priya left the recording studio", "Pri sold the Panda for
 *   scrap"; not "Greta moved the bakery ovens", "Tom left his keys at the restaurant"), told of
 *   someone the older one names: the word right before the verb ({@linkcode ChangeWord.subject}:
 *   "Priya left") is one of its terms, or the two share a name (`sharedName`, asked last: "Pri
 *   sold the Panda" after "... a battered Fiat Panda that she calls Bean");
 * - or it acts on nothing (a stop word, "to" or a comma after it) and befalls the one named
 *   right before it, by name, whom the older one names ("Borin Ashbeard left after only three
 *   nights", "Pri and Ewan broke up in the autumn", "Ana moved to Lisbon"; not "The lodger left"),
 *   or the thing the older one opens with as its subject (`olderOpening`, `openingSubject`: "girls
 *   holiday changed to malaga" after "girls holiday to ibiza booked for august"; not "the sofa
 *   moved to the spare room" after "nugget sleeps on the sofa all day").
 */
export function actsOn(
  changes: readonly ChangeWord[],
  olderTerms: ReadonlySet<string>,
  sharedName: () => boolean,
  olderOpening?: () => readonly string[],
): boolean {
  const acts = acting(changes, olderTerms, olderOpening);
  return acts === ACTS || (acts === ACTS_IF_NAMED && sharedName());
}

/** {@linkcode acting}: no change of `changes` acts on what the older one told of. */
const NO_ACT = 0;
/** {@linkcode acting}: a change acts on it, whatever names the two share. */
const ACTS = 1;
/** {@linkcode acting}: a change acts on it if the two share a name (and none acts without). */
const ACTS_IF_NAMED = 2;

/**
 * {@linkcode actsOn} with the shared name left to the caller: {@linkcode ACTS} when a change
 * acts without it, else {@linkcode ACTS_IF_NAMED} when one would with it, else
 * {@linkcode NO_ACT}. The same answer as `actsOn`'s (a shared name is a pure test of the two
 * texts, so when it is read does not matter), with no closure made per call.
 */
function acting(
  changes: readonly ChangeWord[],
  olderTerms: ReadonlySet<string>,
  olderOpening?: () => readonly string[],
): typeof NO_ACT | typeof ACTS | typeof ACTS_IF_NAMED {
  let result: typeof NO_ACT | typeof ACTS_IF_NAMED = NO_ACT;
  for (const { stems, direct, subject, named } of changes) {
    if (stems.length === 0 || allIn(stems, olderTerms)) continue;
    if (direct === undefined) {
      if (
        subject !== undefined && olderTerms.has(subject) &&
        (named || olderOpening?.().includes(subject) === true)
      ) return ACTS;
    } else if (olderTerms.has(direct)) {
      if (subject !== undefined && olderTerms.has(subject)) return ACTS;
      result = ACTS_IF_NAMED;
    }
  }
  return result;
}

/** Whether every one of `terms` is in `set` (`Array.every` without a closure per call). */
function allIn(terms: readonly string[], set: ReadonlySet<string>): boolean {
  for (const term of terms) if (!set.has(term)) return false;
  return true;
}
