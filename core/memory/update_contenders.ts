/**
 * Which of a search's candidates the pairing of facts and their unlinked updates
 * (`unlinked_updates.ts`) compares, and how each is read: the best kept ones of each voice test
 * (`update_voices.ts`), remarks about someone else that open with a named event for a question
 * about now, those a change may act on (`acting_updates.ts`), those restating a slot another
 * states (`restated_slots.ts`), those naming a thing another awaits (`awaited_names.ts`), a
 * series' newest few (`number_series.ts`), the memories a found fact's own words found
 * (`fact_updates.ts`), and the newer remarks in no one's voice going on with the best compared
 * fact (`unvoiced_continuations.ts`), oldest first.
 *
 * @module
 */
import type { MemoryRecord } from "./schema.ts";
import type { Voice } from "./query.ts";
import type { HeirItem } from "./heir.ts";
import type { NameWords } from "./shared_names.ts";
import type { NumbersByUnit } from "./new_numbers.ts";
import { slotOfText } from "./stated_slot.ts";
import { valuesOfText } from "./stated_values.ts";
import { rememberedByText } from "./text_memo.ts";
import { SLOT_KIND, updateKindsOfText, VALUE_KIND } from "./update_kinds.ts";
import { bestByRelevance } from "./best_by_relevance.ts";
import { fewOfEachSeries } from "./number_series.ts";
import { actingPairs, actingVoice } from "./acting_updates.ts";
import { opensWithNamedEvent } from "./update_evidence.ts";
import { comparedVoice, measuringVoice } from "./update_voices.ts";
import { continuationsOf } from "./unvoiced_continuations.ts";
import { namingAwaited } from "./awaited_names.ts";

/** A candidate as `findUnlinkedUpdates` reads and marks it. */
export interface UpdateItem<T> extends HeirItem<T> {
  record: MemoryRecord;
  relevance: number;
  kept: boolean;
  voice: Voice;
  /** The newer memory that replaces this one without a link, if any. */
  replacedBy?: T;
  /** The found fact whose own words found this one (`fact_updates.ts`), if any. */
  fact?: string;
}

/** A compared candidate with what its text tells, each read at most once. */
export interface Contender<T> {
  item: T;
  /** Its relevance when compared (the older one's may pass to it: `heir.ts`). */
  share: number;
  /** What kinds of update its text may tell, read in one lookup (`update_kinds.ts`). */
  kinds: number;
  /**
   * Whether it is in a compared voice (`comparedVoice` of its voice and text), read once per
   * search: every pair it is the newer one of asks it again (perf73).
   */
  voiced: boolean;
  /** Its text (its record's content). */
  text: string;
  /**
   * Whether it may be the newer one of a pair (`mayTellUpdate`, `newer_signs.ts`), read when it
   * first is.
   */
  telling: boolean | undefined;
  /** Its names, read when a pair gets that far (`update_facts.ts`). */
  names: NameWords | undefined;
  /** Its numbers by unit, read when needed. */
  numbers: NumbersByUnit | undefined;
  /** The numbers a change of it reaches ("to 80 kilograms"), read when needed. */
  reached: NumbersByUnit | undefined;
}

/**
 * The `items` compared as facts and their updates, oldest first (`contenders`), and among them
 * those only a found fact's own words found (`found`: each compared with that fact alone), those
 * going on with the best compared fact (`continuing`: compared with it alone) and those compared
 * only for naming a thing another awaits (`meeting`: each the newer one of a pair only with a
 * memory awaiting what it names, `awaited_names.ts`).
 */
export function updateContenders<T extends UpdateItem<T>>(
  items: readonly T[],
  options: {
    /** How many of the best are compared (`comparedCandidates`). */
    compared: number;
    /** Whether the query asks how things are now (`asksCurrent`). */
    current?: boolean;
    /** Whether an item is replaced through a link among the candidates. */
    linked: (item: T) => boolean;
  },
): {
  contenders: Contender<T>[];
  found: Set<T>;
  continuing: { fact: T | undefined; items: ReadonlySet<T> };
  meeting: ReadonlySet<T>;
} {
  // The best of each voice test, the kept ones not replaced through a link sorted once for all.
  const bestOf = bestByRelevance(
    items.filter((item) => item.kept && !options.linked(item)),
    options.compared,
  );
  // Each item's `comparedVoice`, read once: four tests below and each pair ask it (two memo
  // lookups a time for a memory in no one's voice: `speakersRemark`, `statesUserFact`).
  const voicedItems = new Map<T, boolean>();
  const voiced = (item: T) => {
    let held = voicedItems.get(item);
    if (held === undefined) {
      held = comparedVoice(item.voice, item.record.content);
      voicedItems.set(item, held);
    }
    return held;
  };
  // Each item's update kinds, read once: the slotted and valued tests below and the contenders
  // ask them of the same items (one memo lookup a time, perf82).
  const kindsOfItems = new Map<T, number>();
  const kindsOf = (item: T) => {
    let held = kindsOfItems.get(item);
    if (held === undefined) {
      held = updateKindsOfText(item.record.content);
      kindsOfItems.set(item, held);
    }
    return held;
  };
  // No one's memories without a number are compared only when the newer one's change may act on
  // what the older one names (`actsOn`), with each other or with one that states a number.
  const measuring = bestOf((item) => measuringVoice(item.voice, item.record.content));
  const voicedBest = bestOf(voiced);
  // Remarks about someone else that open with a name and tell an event of it (`namedEvent`).
  const subjects = options.current
    ? bestOf((item) => !voiced(item) && opensWithNamedEvent(item.record.content))
      .filter((item) => !measuring.includes(item))
    : [];
  const acting = actingPairs(
    [
      ...measuring,
      ...bestOf((item) => actingVoice(item.voice, item.record.content)),
      ...voicedBest,
    ],
    (item) => item.record.content,
  ).filter((item) =>
    !measuring.includes(item) && !voicedBest.includes(item) && !subjects.includes(item)
  );
  // Memories in no one's voice that state a slot another compared or slotted one states too
  // ("Neema's class teacher is ..."): the slot names its owner, whatever the voice
  // (`restated_slots.ts`).
  const slotted = sameSlots(
    bestOf((item) =>
      !voiced(item) &&
      (kindsOf(item) & SLOT_KIND) !== 0
    ),
    voicedBest,
  ).filter((item) =>
    !subjects.includes(item) && !measuring.includes(item) && !acting.includes(item)
  );
  // Memories in no one's voice giving a value of a thing another compared or valued one gives a
  // value of too ("the driver assessment day is the second of December": `restated_values.ts`).
  const valued = sameValues(
    bestOf((item) =>
      !voiced(item) &&
      (kindsOf(item) & VALUE_KIND) !== 0
    ),
    voicedBest,
  ).filter((item) =>
    !subjects.includes(item) && !measuring.includes(item) && !acting.includes(item) &&
    !slotted.includes(item)
  );
  // Memories in no one's voice naming a thing a compared one awaits ("The interview went well"
  // after "Next Friday I have a job interview"): they may tell it met (`awaited_names.ts`).
  const meeting = namingAwaited(
    bestOf((item) => !voiced(item)),
    [...voicedBest, ...measuring],
    { text: (item) => item.record.content, persona: (item) => item.record.persona_id },
  ).filter((item) =>
    !subjects.includes(item) && !measuring.includes(item) && !acting.includes(item) &&
    !slotted.includes(item) && !valued.includes(item)
  );
  // A series of near-identical memories (the same but for their numbers) is compared only by
  // its newest few (`number_series.ts`): each of its pairs would reach the alignment.
  const compared = fewOfEachSeries([
    ...voicedBest,
    ...subjects,
    ...measuring,
    ...acting,
    ...slotted,
    ...valued,
    ...meeting,
  ]);
  // Memories a found fact's own words found (`fact_updates.ts`), not compared already: compared
  // with that fact alone.
  const ids = new Set(compared.map((item) => item.record.id));
  const found = new Set(
    items.filter((item) =>
      item.fact !== undefined && ids.has(item.fact) && !compared.includes(item) &&
      !options.linked(item)
    ),
  );
  // Newer remarks in no one's voice going on with the best compared fact, naming no one
  // (`unvoiced_continuations.ts`): compared with that fact alone, in its voice. One naming an
  // awaited thing too is read as a continuation first, as `subject_candidates.ts` reads it.
  const taken = new Set([...compared, ...found].filter((item) => !meeting.includes(item)));
  const fact = voicedBest[0];
  const continuing = new Set(
    continuationsOf(
      fact,
      bestOf((item) => item.voice === "other" && !voiced(item) && !taken.has(item)),
      (item) => item.record,
    ),
  );
  const contenders: Contender<T>[] = [
    ...compared.filter((item) => !continuing.has(item)),
    ...found,
    ...continuing,
  ]
    .map((item) => ({
      item,
      share: item.relevance,
      kinds: kindsOf(item),
      voiced: voiced(item) || continuing.has(item),
      text: item.record.content,
      telling: undefined as boolean | undefined,
      names: undefined as NameWords | undefined,
      numbers: undefined as NumbersByUnit | undefined,
      reached: undefined as NumbersByUnit | undefined,
    }))
    .sort((a, b) => a.item.record.created_at.localeCompare(b.item.record.created_at));
  return {
    contenders,
    found,
    continuing: { fact, items: continuing },
    meeting: new Set(compared.filter((item) => meeting.includes(item) && !continuing.has(item))),
  };
}

/**
 * The `slotted` items whose slot (`slotOfText`) another of `slotted` or of `voiced` states too:
 * those that may restate one another.
 */
function sameSlots<T extends { record: MemoryRecord }>(
  slotted: readonly T[],
  voiced: readonly T[],
): T[] {
  if (slotted.length === 0) return [];
  const keyOf = (item: T) => slotOfText(item.record.content)?.key;
  const counts = new Map<string, number>();
  for (const item of [...slotted, ...voiced]) {
    const key = keyOf(item);
    if (key !== undefined) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return slotted.filter((item) => (counts.get(keyOf(item)!) ?? 0) >= 2);
}

/**
 * The `valued` items one of whose values (`valuesOfText`) another of `valued` or of `voiced`
 * gives a value of the same type of, by a shared anchor noun: those that may restate one another.
 */
function sameValues<T extends { record: MemoryRecord }>(
  valued: readonly T[],
  voiced: readonly T[],
): T[] {
  if (valued.length === 0) return [];
  const keysOf = (item: T) => valueKeysOfText(item.record.content);
  const counts = new Map<string, number>();
  for (const item of new Set([...valued, ...voiced])) {
    for (const key of keysOf(item)) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return valued.filter((item) => keysOf(item).some((key) => (counts.get(key) ?? 0) >= 2));
}

/**
 * The keys `sameValues` counts a text's values by (each value's type and one of its anchor
 * nouns, once each), remembered by text: a function of the text alone, which every search with
 * valued contenders read twice per item (perf77).
 */
export const valueKeysOfText: (text: string) => readonly string[] = rememberedByText((text) => {
  const keys = new Set<string>();
  for (const value of valuesOfText(text)) {
    for (const term of value.anchor) keys.add(`${value.type}|${term}`);
  }
  return [...keys];
});
