/**
 * Updates stored without a link (`ranking.ts`): among the best candidates in the persona's own or
 * the group's voice (`UPDATE_VOICES`, `update_voices.ts`), a newer memory that tells of a change
 * (`tellsChange`, not an addition: `additions.ts`; or a new number: `new_numbers.ts`) about the
 * same thing as an older one (`aboutSameThing`, `update_bounds.ts`, or naming what it named:
 * `shared_names.ts`) and matches the query at least `NEWER_SHARE` as well takes the older one's
 * relevance (`heir.ts`), and the older one ranks just below it. A newer memory that a change
 * brings to a new value of a unit the older one measured ("... down to 80 kilograms" after "I
 * weigh 92 kilos": `reachesNewValue`) is about the same thing with less in common
 * (`MEASURED_SUBJECT`), and either of the two may be told in no one's voice (`MEASURING_VOICES`),
 * unless the newer one names someone the older one does not (`someone_else.ts`). Two remarks about
 * someone else (`ACTING_VOICES`, `acting_updates.ts`) are a fact and its update when the newer
 * one's verb of change acts on what the older one names, of whom it names ("Pri sold the Panda for
 * scrap" after "She drives a battered Fiat Panda": `actsOn`), and so is a newer one in the
 * persona's or the group's voice acting so on what an older remark about someone else named
 * ("We've moved Biscuit to Lancaster Road Animal Clinic now that Dr Okafor's retired" after
 * "Biscuit's vet is Dr Okafor at Ribble Vets"; session 27: set 9 stored without links MRR .748 →
 * .756).
 *
 * The parts: which candidates are compared and how each is read (`update_contenders.ts`), whether
 * a newer one replaces an older one (`update_pairs.ts`), the bounds in words, meaning and share
 * (`update_bounds.ts`) and the voices (`update_voices.ts`).
 *
 * @module
 */
import type { SubjectOverlap } from "./meaning/subject_alignment.ts";
import type { MemoryRecord } from "./schema.ts";
import type { AnswerType } from "./query.ts";
import type { SlotPlaces } from "./restated_slots.ts";
import type { ThingKinds } from "./ended_things.ts";
import { inherit } from "./heir.ts";
import { NEWER_SHARE, NEWER_SHARE_NOW } from "./update_bounds.ts";
import { updateContenders, type UpdateItem } from "./update_contenders.ts";
import { replacingMeaning } from "./update_pairs.ts";
import { mayTellUpdate } from "./newer_signs.ts";
import { awaitedHeadsOfText } from "./awaited_heads.ts";
import { meetsProspect } from "./met_prospects.ts";
import { namesAwaited } from "./awaited_names.ts";

export type { UpdateItem } from "./update_contenders.ts";

/**
 * Marks each of the best kept `items` in `UPDATE_VOICES` (or in `MEASURING_VOICES`, for a newer
 * one reaching a new value of what it measured: `update_voices.ts`) that a newer one replaces
 * without a link (`replacedBy`: the most alike in meaning of the newer ones that tell of a change,
 * are about the same thing and match the query well enough: `update_pairs.ts`), and gives that
 * newer one the older one's relevance when higher. Oldest first, so a chain hands it on.
 */
export function findUnlinkedUpdates<T extends UpdateItem<T>>(
  items: readonly T[],
  options: {
    /** Two memories' overlap in words and meaning (`SubjectOverlap`). */
    sameSubject: (a: MemoryRecord, b: MemoryRecord) => SubjectOverlap;
    /** How many of the best are compared (`comparedCandidates`). */
    compared: number;
    /** Whether the query asks how things are now (`asksCurrent`). */
    current?: boolean;
    /** The query's terms: a change befalling one (`changeOnQuery`) needs less in common. */
    queryTerms?: readonly string[];
    /**
     * Whether the query asks for a value (a place, person, time or amount, or a member of an
     * answer type: `answersOf`): only then may a memory a found fact's own words found
     * (`fact_updates.ts`) replace it.
     */
    typed?: boolean;
    /** Whether an item is replaced through a link among the candidates. */
    linked: (item: T) => boolean;
    /** WordNet's places and persons: a place inside another, or a group, is no move (`restatesSlot`). */
    places?: SlotPlaces;
    /** WordNet's synonyms and kinds: a state ended in other words (`ended_things.ts`). */
    kinds?: ThingKinds;
    /** What the query asks for (`answerType`): see `PairReading`'s `wanted`. */
    wanted?: AnswerType;
  },
): void {
  const { contenders, found, continuing, meeting } = updateContenders(items, options);
  const reading = {
    ...options,
    found,
    needed: options.current ? NEWER_SHARE_NOW : NEWER_SHARE,
  };
  for (let i = 0; i < contenders.length; i++) {
    const older = contenders[i]!;
    if (found.has(older.item) || continuing.items.has(older.item) || meeting.has(older.item)) {
      continue;
    }
    const olderVoiced = older.voiced;
    // An older one awaiting something may be met by a newer one with no other sign of an update
    // ("We finally bought the campervan": `met_prospects.ts`); few memories await anything.
    const awaits = awaitedHeadsOfText(older.text).length > 0;
    let best: { item: T; meaning: number } | undefined;
    for (let j = i + 1; j < contenders.length; j++) {
      const newer = contenders[j]!;
      // A memory stored with `supersedes` was told what it replaces by its writer: it is the
      // newer one of no inferred pair ("we moved mom to a care home in Kenora", linked to where
      // mom lived, is no news of "my brother runs a lodge outside Kenora").
      if (newer.item.record.supersedes.length > 0) continue;
      // A remark going on with the best fact is compared with that fact alone.
      if (continuing.items.has(newer.item) && older.item !== continuing.fact) continue;
      // One naming an awaited thing, with the memory awaiting it alone (`awaited_names.ts`).
      if (meeting.has(newer.item) && !namesAwaited(older.text, newer.text)) continue;
      // A memory that tells nothing an update is told by is the newer one of no pair: its pairs
      // are not read (`newer_signs.ts`; read once per contender). Only the prospect it meets makes
      // it the newer one of an awaiting memory's pair: any other reading of the pair (a state
      // ended, "I have not eaten meat since I was nineteen" after "Saving up for a barbecue so we
      // can eat meat outside") tells no change of it, as of any other older memory.
      if (
        !(newer.telling ??= mayTellUpdate(newer, options.current)) &&
        !(awaits && meetsProspect(older.text, newer.text))
      ) continue;
      const meaning = replacingMeaning({ older, newer, olderVoiced }, reading);
      if (meaning === undefined) continue;
      if (!best || meaning > best.meaning) best = { item: newer.item, meaning };
    }
    if (!best) continue;
    // The most alike newer memory is the one that replaces it (a later link of a chain takes
    // the relevance on in its own turn, oldest first).
    older.item.replacedBy = best.item;
    inherit(best.item, older.item);
    best.item.kept = true;
  }
}
