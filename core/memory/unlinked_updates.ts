/**
 * Updates stored without a link (`ranking.ts`): among the best candidates in the persona's own
 * or the group's voice ({@linkcode UPDATE_VOICES}), a newer memory that tells of a change
 * (`tellsChange`, not an addition: `additions.ts`; or a new number: `new_numbers.ts`) about the
 * same thing as an older one
 * ({@linkcode aboutSameThing}, or naming what it named: `shared_names.ts`) and matches the query
 * at least {@linkcode NEWER_SHARE} as well takes the older one's relevance (`heir.ts`), and the
 * older one ranks just below it. A newer memory that a change brings to a new value of a unit the
 * older one measured ("... down to 80 kilograms" after "I weigh 92 kilos": `reachesNewValue`) is
 * about the same thing with less in common ({@linkcode MEASURED_SUBJECT}), and either of the two
 * may be told in no one's voice ({@linkcode MEASURING_VOICES}), unless the newer one names
 * someone the older one does not (`someone_else.ts`). Two remarks about someone else
 * (`ACTING_VOICES`, `acting_updates.ts`) are a fact and its update when the newer one's verb
 * of change acts on what the older one names, of whom it names ("Pri sold the Panda for scrap"
 * after "She drives a battered Fiat Panda": `actsOn`), and so is a newer one in the persona's or
 * the group's voice acting so on what an older remark about someone else named ("We've moved
 * Biscuit to Lancaster Road Animal Clinic now that Dr Okafor's retired" after "Biscuit's vet is
 * Dr Okafor at Ribble Vets"; session 27: set 9 stored without links MRR .748 → .756).
 *
 * @module
 */
import type { SubjectOverlap } from "./meaning/alignment.ts";
import type { MemoryRecord } from "./schema.ts";
import type { Voice } from "./query.ts";
import { namesSomeoneElse } from "./someone_else.ts";
import { statesUserFact } from "./user_voice.ts";
import { type HeirItem, inherit } from "./heir.ts";
import { type NameWords, sharesName } from "./shared_names.ts";
import { isMoney, type NumbersByUnit, reachedUnit, statesNewNumber } from "./new_numbers.ts";
import { changesFrom } from "./query_now.ts";
import { eventOnFact } from "./fact_events.ts";
import { endsFact } from "./ending_events.ts";
import { movedAway } from "./moved_home.ts";
import { altersOwn } from "./altered_things.ts";
import { restatesSlot, slotOfText } from "./restated_slots.ts";
import { ownChangeOfFact } from "./own_changes.ts";
import { changesNamedThing, changesNamedThingOfOne } from "./named_changes.ts";
import { restatesAmount } from "./restated_amounts.ts";
import { openingSubjectOfText } from "./fact_events.ts";
import {
  DEED_KIND,
  ENDING_KIND,
  MOVE_KIND,
  NAMED_CHANGE_KIND,
  OWN_CHANGE_KIND,
  REPLACEMENT_KIND,
  SLOT_KIND,
  updateKindsOfText,
} from "./update_kinds.ts";
import { speakersRemark } from "./chat_voice.ts";
import { bestByRelevance } from "./best_by_relevance.ts";
import { holdsDigits } from "./text_digits.ts";
import { fewOfEachSeries } from "./number_series.ts";
import { ACTING_VOICES, actingPairs, actingVoice, actsOn } from "./acting_updates.ts";
import {
  changeOnQuery,
  changesFact,
  changesSubjectOf,
  namedEvent,
  ofRelativeOnly,
  opensWithNamedEvent,
  sameOwnerUntold,
} from "./update_evidence.ts";
import {
  changeStemsOfText,
  namesOfText,
  numbersOfText,
  reachedNumbersOfText,
  termSetOfText,
} from "./update_facts.ts";

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
 * The voices whose memories are compared as facts and their updates: the persona's own and the
 * group's, in any pairing ("I rent a one-bedroom apartment above a bakery in Ghent", then "Last
 * month we bought a terraced house ... and moved in"; "We keep four chickens", then "A fox got
 * the last of our hens, so there are no more chickens"). Not no one's: a remark in no one's voice
 * is about someone or something else, and two about one person share that name and a good part
 * of their meaning whatever they tell ("Mila just turned five ...", "Mila learned to swim ...
 * now": alike 0.67 in meaning; "My best friend Dev is a wedding photographer in Brussels", "The
 * train to Brussels was cancelled, so Dev came by bus").
 */
export const UPDATE_VOICES: ReadonlySet<Voice> = new Set(["self", "group"]);

/**
 * Whether a memory in `voice` saying `content` is compared as a fact or an update: in
 * {@linkcode UPDATE_VOICES}, or in no one's by its words of person but the speaker's own remark
 * in chat (`speakersRemark`: "learning the hardanger fiddle!!", "Mandy coaches us now").
 */
export function comparedVoice(voice: Voice, content?: string): boolean {
  return UPDATE_VOICES.has(voice) ||
    // A memory layer's "User drives a Mazda" is the user's own fact (`user_voice.ts`).
    (voice === "other" && content !== undefined &&
      (speakersRemark(content) || statesUserFact(content)));
}

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
 * The voices of memories compared as facts and updates only when a change brings the newer one to
 * a new value of a unit the older one measured (`reachesNewValue`, and
 * {@linkcode MEASURED_SUBJECT} in meaning), on either side: no one's ("Our rent is 900 euros a
 * month", then "The landlord raised the rent to 1,050 euros starting this month"; "She takes
 * sertraline, 50 mg every morning", then "Her GP doubled the sertraline to 100 mg a day"; not
 * "The neighbours pay 1,200 euros a month for a bigger flat"). A remark about someone else that
 * names what a fact named and tells of a change is often no update of it (the train to Brussels
 * cancelled, a friend in Brussels: `UPDATE_VOICES`); a new value reached of what the fact
 * measured is. The newer side in it: set 4 stored without links 0.800 / 0.616 → 0.807 / 0.622
 * (half a 0.742 / 0.555 → 0.758 / 0.568; half b 0.675 → 0.674 MRR: the new rent now stands where
 * the old one stood, just above it, one place above another answer); the older side too: set 6
 * stored without links 0.853 / 0.728 → 0.853 / 0.732 (half a 0.730 → 0.738, newer first 0.30 →
 * 0.40; half b unchanged). Sets 1, 2, 3 and 5 and every set linked unchanged.
 */
export const MEASURING_VOICES: ReadonlySet<Voice> = new Set(["other"]);

/**
 * Whether a memory in `voice` saying `content` may be compared as a fact or its update though
 * not in {@linkcode UPDATE_VOICES}: in {@linkcode MEASURING_VOICES}, with a number in digits.
 */
export function measuringVoice(voice: Voice, content: string): boolean {
  return MEASURING_VOICES.has(voice) && holdsDigits(content);
}

/** A change that is no addition, acting on a name its text says (`update_kinds.ts`). */
const NAMED_REPLACEMENT = REPLACEMENT_KIND | NAMED_CHANGE_KIND;

/** A candidate as {@linkcode findUnlinkedUpdates} reads and marks it. */
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

/**
 * Marks each of the best kept `items` in {@linkcode UPDATE_VOICES} (or in
 * {@linkcode MEASURING_VOICES}, for a newer one reaching a new value of what it measured) that a
 * newer one replaces without a link (`replacedBy`: the most alike in meaning of the newer ones that tell of a change, are
 * about the same thing and match the query well enough), and gives that newer one the older
 * one's relevance when higher. Oldest first, so a chain hands it on.
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
    /** The places WordNet names (`isNamedPlace`): a place inside another is no move (`restatesSlot`). */
    places?: { isNamedPlace(word: string): boolean };
  },
): void {
  const { sameSubject } = options;
  // The best of each voice test, the kept ones not replaced through a link sorted once for all.
  const bestOf = bestByRelevance(
    items.filter((item) => item.kept && !options.linked(item)),
    options.compared,
  );
  // No one's memories without a number are compared only when the newer one's change may act on
  // what the older one names (`actsOn`), with each other or with one that states a number.
  const measuring = bestOf((item) => measuringVoice(item.voice, item.record.content));
  const voicedBest = bestOf((item) => comparedVoice(item.voice, item.record.content));
  // Remarks about someone else that open with a name and tell an event of it (`namedEvent`).
  const subjects = options.current
    ? bestOf((item) =>
      !comparedVoice(item.voice, item.record.content) && opensWithNamedEvent(item.record.content)
    )
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
      !comparedVoice(item.voice, item.record.content) &&
      (updateKindsOfText(item.record.content) & SLOT_KIND) !== 0
    ),
    voicedBest,
  ).filter((item) =>
    !subjects.includes(item) && !measuring.includes(item) && !acting.includes(item)
  );
  // A series of near-identical memories (the same but for their numbers) is compared only by
  // its newest few (`number_series.ts`): each of its pairs would reach the alignment.
  const compared = fewOfEachSeries([
    ...voicedBest,
    ...subjects,
    ...measuring,
    ...acting,
    ...slotted,
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
  const contenders = [...compared, ...found]
    .map((item) => ({
      item,
      share: item.relevance,
      // What kinds of update its text may tell, read in one lookup (`update_kinds.ts`).
      kinds: updateKindsOfText(item.record.content),
      names: undefined as NameWords | undefined,
      numbers: undefined as NumbersByUnit | undefined,
      reached: undefined as NumbersByUnit | undefined,
    }))
    .sort((a, b) => a.item.record.created_at.localeCompare(b.item.record.created_at));
  const needed = options.current ? NEWER_SHARE_NOW : NEWER_SHARE;
  // Each contender's names are read once, and only when a pair gets that far (and remembered
  // by text: `update_facts.ts`).
  const namesOf = (contender: { item: T; names: NameWords | undefined }) =>
    contender.names ??= namesOfText(contender.item.record.content);
  const numbersIn = (contender: { item: T; numbers: NumbersByUnit | undefined }) =>
    contender.numbers ??= numbersOfText(contender.item.record.content);
  const reachedIn = (contender: { item: T; reached: NumbersByUnit | undefined }) =>
    contender.reached ??= reachedNumbersOfText(contender.item.record.content);
  for (let i = 0; i < contenders.length; i++) {
    const older = contenders[i]!;
    if (found.has(older.item)) continue;
    const olderVoiced = comparedVoice(older.item.voice, older.item.record.content);
    let best: { item: T; meaning: number } | undefined;
    for (let j = i + 1; j < contenders.length; j++) {
      const newer = contenders[j]!;
      if (newer.item.record.created_at <= older.item.record.created_at) continue;
      // Another persona's memory (a cross-persona search) tells of its own life, not this one's.
      if (newer.item.record.persona_id !== older.item.record.persona_id) continue;
      // Found by the older one's own words, changing what it told, for a question asking the
      // value it gave: what the query asked of it, whatever the newer one's own words.
      const viaFact = options.typed === true && newer.item.fact === older.item.record.id &&
        changesFact(older.item.record.content, newer.item.record.content);
      // An event that ends what the older fact is about, told of its subject ("Biscuit passed
      // away" after "We have an old beagle named Biscuit"): its update, however little of the
      // query or the fact's words it says (`ending_events.ts`).
      // So does a move of its subject to another place than where it lived (`moved_home.ts`).
      // Read for a pair only when the newer one tells an ending or a move at all (read once per
      // contender), and only where it can decide.
      let endsRead: boolean | undefined;
      const ends = () =>
        endsRead ??= olderVoiced &&
          (((newer.kinds & ENDING_KIND) !== 0 &&
            endsFact(older.item.record.content, newer.item.record.content)) ||
            ((newer.kinds & MOVE_KIND) !== 0 &&
              movedAway(older.item.record.content, newer.item.record.content)));
      if (!viaFact && found.has(newer.item) && !ends()) continue;
      // A change of a thing the older fact names ("sold the old Berlingo"): it says what became
      // of it, not the question's words (`named_changes.ts`).
      if (
        !viaFact && newer.share < NEWER_SHARE_NAMED * older.share && !ends() &&
        !((newer.kinds & NAMED_REPLACEMENT) === NAMED_REPLACEMENT &&
          changesNamedThing(older.item.record.content, newer.item.record.content))
      ) continue;
      // A new value of a number the older gave (the same unit, `new_numbers.ts`) tells a change
      // too ("52 minutes" → "47 minutes"), not a number of something else ("Mila is 4 years
      // old", "Mila's class has 20 children"); and only of a memory about the same thing: it
      // is no change a shared name alone could make a pair of (`named` needs `tellsChange`).
      const olderText = older.item.record.content;
      const newerText = newer.item.record.content;
      // An event told of a name a standing fact names, for a question about now (`namedEvent`).
      const subjectEvent = options.current === true && olderVoiced &&
        namedEvent(olderText, newerText);
      const voiced = olderVoiced &&
        (comparedVoice(newer.item.voice, newer.item.record.content) || subjectEvent || ends());
      // A verb of change the older memory says too tells of another such event, unless the
      // older told that change too and the newer acts on its thing: a chain (`changesFrom`).
      const told = subjectEvent || ((newer.kinds & REPLACEMENT_KIND) !== 0 &&
        changesFrom(
          changeStemsOfText(newer.item.record.content),
          termSetOfText(older.item.record.content),
          changeStemsOfText(older.item.record.content),
        ));
      // The persona altered or undid what the older one told of its own thing, with no word of
      // change ("I cut my hair really short" after "I have long curly hair": `altered_things.ts`):
      // a change, and the same thing (the share gates stand: without them the sets ranked alike).
      // Read at once: few contenders tell such a deed, and a closure per pair cost more.
      const altered = voiced && (newer.kinds & DEED_KIND) !== 0 && altersOwn(olderText, newerText);
      // A slot that holds one value restated with another ("User drives a dark blue Mazda" after
      // "User drives a silver Toyota": `restated_slots.ts`): a change, and the same thing.
      // In any voice: the slot's key holds its owner.
      const restated = (newer.kinds & older.kinds & SLOT_KIND) !== 0 &&
        restatesSlot(olderText, newerText, options.places);
      // An event of what a standing fact is about, told with no word of change (`eventOnFact`).
      const changes = told || (voiced && eventOnFact(olderText, newerText)) || ends() || altered ||
        restated;
      if (voiced && !changes && !statesNewNumber(numbersIn(older), numbersIn(newer))) {
        continue;
      }
      // A change to a new value of a unit the older one measured: about the same thing with
      // less in common, in no one's voice too (`MEASURED_SUBJECT`, `MEASURING_VOICES`).
      const unit = reachedUnit(numbersIn(older), reachedIn(newer));
      // An amount restated of what the older one named, told with no word of change ("cdj pot:
      // £410" after "got £230 in the pot": `restated_amounts.ts`): a value now, as "to" tells.
      const restatedAmount = unit === undefined || isMoney(unit)
        ? restatesAmount(newerText, {
          text: olderText,
          numbers: numbersIn(older),
          terms: termSetOfText(olderText),
        })
        : 0;
      const measured = (unit !== undefined || restatedAmount > 0) &&
        !namesSomeoneElse(older.item.record.content, newer.item.record.content);
      const acting = !voiced && !measured &&
        (ACTING_VOICES.has(newer.item.voice) ||
          comparedVoice(newer.item.voice, newer.item.record.content)) &&
        ACTING_VOICES.has(older.item.voice) &&
        (newer.kinds & REPLACEMENT_KIND) !== 0 &&
        actsOn(
          changeStemsOfText(newer.item.record.content),
          termSetOfText(older.item.record.content),
          () => sharesName(namesOf(older), namesOf(newer)) || sameOwnerUntold(olderText, newerText),
          () => openingSubjectOfText(olderText),
        );
      // Someone else's change of a thing the older one named ("Marcus moved his broadband from
      // Fibrelink to Hyperoptic" after "Marcus's internet provider is Fibrelink"), of someone
      // both name: an update whatever its voice (`named_changes.ts`).
      const namedAway = !voiced && !measured && !acting &&
        (newer.kinds & NAMED_REPLACEMENT) === NAMED_REPLACEMENT &&
        changesNamedThingOfOne(olderText, newerText);
      if (!voiced && !measured && !acting && !restated && !namedAway) continue;
      // Not for an event told with no word of change: a named person's other news is no update
      // ("Hanna and I went out for dinner" after "My wife Hanna teaches history ...").
      const named =
        (voiced && told && !subjectEvent && sharesName(namesOf(older), namesOf(newer))) ||
        acting;
      // A relative's change ("My mother feels lonely since she retired") is no change of the
      // persona's own fact ("I always feel tired on Monday mornings"), unless they share a name;
      // nor the persona's own of a relative's fact ("My blood pressure is back to normal" of "My
      // father takes pills for his cholesterol").
      if (
        voiced && !named &&
        (ofRelativeOnly(olderText, newerText) ||
          (ofRelativeOnly(newerText, olderText) && !ends() &&
            !sharesName(namesOf(older), namesOf(newer))))
      ) {
        continue;
      }
      // A change befalling what the query asks about answers it with less of its words. Read
      // only where it can decide (`changeOnQuery` is a pure test of the two texts).
      let askedRead: boolean | undefined;
      const asked = () =>
        askedRead ??= voiced && told && changeOnQuery(olderText, newerText, options.queryTerms);
      if (
        !named && !measured && !subjectEvent && !viaFact &&
        belowShare(newer.share, older.share, { asked, needed }) && !ends()
      ) {
        continue;
      }
      // An altered thing is the same thing whatever the two share: their overlap (a word
      // alignment) is not read, and it ranks among the newer ones as SAME_SUBJECT alike.
      const overlap = altered
        ? { words: SAME_WORDS, meaning: SAME_SUBJECT }
        : sameSubject(older.item.record, newer.item.record);
      const sameThing = (measured && overlap.meaning >= MEASURED_SUBJECT &&
        (restatedAmount > 0 || !isMoney(unit!) || aboutSameThing(overlap))) ||
        (measured && restatedAmount === 2) ||
        (voiced && told && changesSubjectOf(olderText, newerText)) ||
        (voiced && (named || aboutSameThing(overlap))) || (acting && aboutSameThing(overlap)) ||
        (asked() && overlap.meaning >= SAME_SUBJECT) || ends() || altered || restated ||
        namedAway ||
        // The persona's own change of what its own standing fact says (`own_changes.ts`).
        (voiced && told && (newer.kinds & OWN_CHANGE_KIND) !== 0 &&
          ownChangeOfFact(olderText, newerText));
      if (!sameThing) continue;
      if (!best || overlap.meaning > best.meaning) {
        best = { item: newer.item, meaning: overlap.meaning };
      }
    }
    if (!best) continue;
    // The most alike newer memory is the one that replaces it (a later link of a chain takes
    // the relevance on in its own turn, oldest first).
    older.item.replacedBy = best.item;
    inherit(best.item, older.item);
    best.item.kept = true;
  }
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
