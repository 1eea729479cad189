/**
 * One pair of the pairing of facts and their unlinked updates (`unlinked_updates.ts`): whether a
 * newer compared memory (`update_contenders.ts`) replaces an older one without a link. It must
 * tell of a change of it (a word of change acting on what it told, a new number, an ending, a
 * move, an altered thing, a restated slot or amount, an event of its subject), be about the same
 * thing (`aboutSameThing`, a shared name, the change's object, `update_bounds.ts`) and match the
 * query well enough beside it (`belowShare`); the readings of the two texts are in
 * `update_evidence.ts`, `update_pair_reads.ts` and the modules they name.
 *
 * @module
 */
import type { SubjectOverlap } from "./meaning/subject_alignment.ts";
import type { MemoryRecord } from "./schema.ts";
import type { AnswerType } from "./query.ts";
import { namesSomeoneElse } from "./someone_else.ts";
import { sharesName } from "./shared_names.ts";
import { isMoney, reachedUnit, statesNewNumber } from "./new_numbers.ts";
import { eventOnFact } from "./fact_events.ts";
import { altersOwn } from "./altered_things.ts";
import { restatesSlot, slotAsked, type SlotPlaces } from "./restated_slots.ts";
import { restatesValue } from "./restated_values.ts";
import { ownChangeOfFact } from "./own_changes.ts";
import { changesNamedThing, changesNamedThingOfOne } from "./named_changes.ts";
import { restatesAmount } from "./restated_amounts.ts";
import { restatesBareAmount } from "./bare_amounts.ts";
import { restatesQuantity } from "./restated_quantities.ts";
import { meetsProspect, prospectAsked } from "./met_prospects.ts";
import { endedAsked, endsThingOf, type ThingKinds } from "./ended_things.ts";
import {
  DEED_KIND,
  NAMED_CHANGE_KIND,
  OWN_CHANGE_KIND,
  REPLACEMENT_KIND,
  SLOT_KIND,
  VALUE_KIND,
} from "./update_kinds.ts";
import { ACTING_VOICES } from "./acting_updates.ts";
import { changesFact, changesSubjectOf, namedEvent, ofRelativeOnly } from "./update_evidence.ts";
import { termSetOfText } from "./update_facts.ts";
import {
  actsOnOlder,
  askedOnce,
  endsOf,
  namesOf,
  numbersIn,
  reachedIn,
  tellsChangeOf,
} from "./update_pair_reads.ts";
import { notesOfOneHead } from "./kept_notes.ts";
import {
  aboutSameThing,
  belowShare,
  MEASURED_SUBJECT,
  NAMED_WORDS,
  NEWER_SHARE_NAMED,
  SAME_SUBJECT,
  SAME_WORDS,
} from "./update_bounds.ts";
import type { Contender, UpdateItem } from "./update_contenders.ts";

/** A change that is no addition, acting on a name its text says (`update_kinds.ts`). */
const NAMED_REPLACEMENT = REPLACEMENT_KIND | NAMED_CHANGE_KIND;

/** What one search's pairs are read with (`findUnlinkedUpdates`'s options, and its own). */
export interface PairReading<T> {
  /** Two memories' overlap in words and meaning (`SubjectOverlap`). */
  sameSubject: (a: MemoryRecord, b: MemoryRecord) => SubjectOverlap;
  /** The contenders only a found fact's own words found (`updateContenders`). */
  found: ReadonlySet<T>;
  /** The share of the older one's relevance a newer one needs (`NEWER_SHARE`, `NEWER_SHARE_NOW`). */
  needed: number;
  /** Whether the query asks how things are now (`asksCurrent`). */
  current?: boolean;
  /** The query's terms: a change befalling one (`changeOnQuery`) needs less in common. */
  queryTerms?: readonly string[];
  /** Whether the query asks for a value (`findUnlinkedUpdates`'s `typed`). */
  typed?: boolean;
  /** WordNet's places and persons: a place inside another, or a group, is no move (`restatesSlot`). */
  places?: SlotPlaces;
  /** WordNet's synonyms and kinds: a state ended in other words (`ended_things.ts`). */
  kinds?: ThingKinds;
  /**
   * What the query asks for (`answerType`): a value restated (`restated_values.ts`) replaces the
   * older one only for a query on its slot, asking its type of value or saying what it is of.
   */
  wanted?: AnswerType;
}

/**
 * How alike in meaning `pair.newer` is to `pair.older` (their `SubjectOverlap`'s meaning) when it
 * replaces it without a link; undefined when it does not. `pair.olderVoiced`: whether the older
 * one is in a compared voice (`comparedVoice`), read once per older contender.
 */
export function replacingMeaning<T extends UpdateItem<T>>(
  pair: { older: Contender<T>; newer: Contender<T>; olderVoiced: boolean },
  reading: PairReading<T>,
): number | undefined {
  const { older, newer, olderVoiced } = pair;
  if (newer.item.record.created_at <= older.item.record.created_at) return undefined;
  // Another persona's memory (a cross-persona search) tells of its own life, not this one's.
  if (newer.item.record.persona_id !== older.item.record.persona_id) return undefined;
  // Found by the older one's own words, changing what it told, for a question asking the
  // value it gave: what the query asked of it, whatever the newer one's own words.
  const viaFact = reading.typed === true && newer.item.fact === older.item.record.id &&
    changesFact(older.item.record.content, newer.item.record.content);
  // An event that ends what the older fact is about, told of its subject ("Biscuit passed
  // away" after "We have an old beagle named Biscuit"): its update, however little of the
  // query or the fact's words it says (`ending_events.ts`).
  // So does a move of its subject to another place than where it lived (`moved_home.ts`).
  // Read for a pair only when the newer one tells an ending or a move at all (read once per
  // contender), and only where it can decide.
  // No closure here: one would make every call, most of which end at the first tests above,
  // allocate a context for the variables it captures (this runs for every pair of contenders).
  let endsRead: boolean | undefined;
  if (!viaFact && reading.found.has(newer.item) && !(endsRead ??= endsOf(pair))) return undefined;
  // A change of a thing the older fact names ("sold the old Berlingo"): it says what became
  // of it, not the question's words (`named_changes.ts`).
  if (
    !viaFact && newer.share < NEWER_SHARE_NAMED * older.share && !(endsRead ??= endsOf(pair)) &&
    !((newer.kinds & NAMED_REPLACEMENT) === NAMED_REPLACEMENT &&
      changesNamedThing(older.item.record.content, newer.item.record.content))
  ) return undefined;
  // A new value of a number the older gave (the same unit, `new_numbers.ts`) tells a change
  // too ("52 minutes" → "47 minutes"), not a number of something else ("Mila is 4 years
  // old", "Mila's class has 20 children"); and only of a memory about the same thing: it
  // is no change a shared name alone could make a pair of (`named` needs `tellsChange`).
  const olderText = older.item.record.content;
  const newerText = newer.item.record.content;
  // An event told of a name a standing fact names, for a question about now (`namedEvent`).
  const subjectEvent = reading.current === true && olderVoiced &&
    namedEvent(olderText, newerText);
  const voiced = (olderVoiced &&
    (newer.voiced || subjectEvent ||
      (endsRead ??= endsOf(pair)))) ||
    // Two kept notes labelled alike are the keeper's own record of one thing (`kept_notes.ts`).
    notesOfOneHead(olderText, newerText);
  // A verb of change the older memory says too tells of another such event, unless the
  // older told that change too and the newer acts on its thing: a chain (`changesFrom`).
  const told = subjectEvent || ((newer.kinds & REPLACEMENT_KIND) !== 0 &&
    tellsChangeOf(olderText, newerText));
  // The persona altered or undid what the older one told of its own thing, with no word of
  // change ("I cut my hair really short" after "I have long curly hair": `altered_things.ts`):
  // a change, and the same thing (the share gates stand: without them the sets ranked alike).
  // Read at once: few contenders tell such a deed, and a closure per pair cost more.
  const altered = voiced && (newer.kinds & DEED_KIND) !== 0 && altersOwn(olderText, newerText);
  // A slot that holds one value restated with another ("User drives a dark blue Mazda" after
  // "User drives a silver Toyota": `restated_slots.ts`): a change, and the same thing.
  // In any voice: the slot's key holds its owner.
  // So does a value of one thing (a date, a day of the week, an ordinal, a rate) given another
  // with no word of change ("fjords cruise leaves 13 september" after "... cruise to the
  // norwegian fjords on 6 september": `restated_values.ts`).
  const slotRestated = (newer.kinds & older.kinds & SLOT_KIND) !== 0 &&
    restatesSlot(olderText, newerText, reading.places);
  const restated = slotRestated ||
    ((newer.kinds & older.kinds & VALUE_KIND) !== 0 && restatesValue(olderText, newerText, {
      terms: reading.queryTerms ?? [],
      wanted: reading.wanted,
    }));
  // The thing the older one awaited, had or done since ("bought the steam deck" after "saving up
  // for a steam deck": `met_prospects.ts`): its state is over, and it is the same thing. In any
  // voice: the newer clause's subject must be the older one's own.
  const met = meetsProspect(olderText, newerText);
  // The persona's own state, habit or need ended or denied, its thing named in other words ("no
  // alcohol at all" after "a glass of red wine", "don't need spectacles anymore" after "glasses":
  // `ended_things.ts`): a change, and the same thing by WordNet, word to word.
  const ended = voiced && reading.kinds !== undefined &&
    endsThingOf(olderText, newerText, reading.kinds);
  // An event of what a standing fact is about, told with no word of change (`eventOnFact`).
  const changes = told || met || ended || (voiced && eventOnFact(olderText, newerText)) ||
    (endsRead ??= endsOf(pair)) || altered ||
    restated;
  if (voiced && !changes && !statesNewNumber(numbersIn(older), numbersIn(newer))) {
    return undefined;
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
  // A bare value of the same subject ("rent is 1950" after "rent is 1850 euro": `bare_amounts.ts`).
  // Its subject frame reads whose value it is, so a name elsewhere in the line (who told it:
  // "Mr Brennan wrote, from December rent is 1950") is no other owner.
  const bare = restatedAmount === 0 && unit === undefined &&
    restatesBareAmount(newerText, { text: olderText, terms: termSetOfText(olderText) });
  const measured = ((unit !== undefined || restatedAmount > 0) &&
    !namesSomeoneElse(older.item.record.content, newer.item.record.content)) || bare;
  // A new amount of the same kind of quantity, its unit and what it is per ("£575 a month" after
  // "£520 a month", "£2,900" after "£3,400"), told with no "to" and in no frame of a subject: a
  // value now, of the same thing only by the pair's words and meaning (`restated_quantities.ts`).
  const quantity = !measured && restatesQuantity(olderText, newerText);
  const acting = !voiced && !measured &&
    (ACTING_VOICES.has(newer.item.voice) ||
      newer.voiced) &&
    ACTING_VOICES.has(older.item.voice) &&
    (newer.kinds & REPLACEMENT_KIND) !== 0 &&
    actsOnOlder(older, newer);
  // Someone else's change of a thing the older one named ("Marcus moved his broadband from
  // Fibrelink to Hyperoptic" after "Marcus's internet provider is Fibrelink"), of someone
  // both name: an update whatever its voice (`named_changes.ts`).
  const namedAway = !voiced && !measured && !acting &&
    (newer.kinds & NAMED_REPLACEMENT) === NAMED_REPLACEMENT &&
    changesNamedThingOfOne(olderText, newerText);
  if (!voiced && !measured && !acting && !restated && !namedAway && !quantity && !met) {
    return undefined;
  }
  // Not for an event told with no word of change: a named person's other news is no update
  // ("Hanna and I went out for dinner" after "My wife Hanna teaches history ..."); nor a name
  // both only mention in passing, too little of what they say (`NAMED_WORDS`). Their overlap is
  // read here once for such a pair, and kept for the bound in meaning below.
  const sharing = voiced && told && !subjectEvent && sharesName(namesOf(older), namesOf(newer))
    ? reading.sameSubject(older.item.record, newer.item.record)
    : undefined;
  const named = (sharing !== undefined && sharing.words >= NAMED_WORDS) || acting;
  // A relative's change ("My mother feels lonely since she retired") is no change of the
  // persona's own fact ("I always feel tired on Monday mornings"), unless they share a name;
  // nor the persona's own of a relative's fact ("My blood pressure is back to normal" of "My
  // father takes pills for his cholesterol").
  if (
    voiced && !named &&
    (ofRelativeOnly(olderText, newerText) ||
      (ofRelativeOnly(newerText, olderText) && !(endsRead ??= endsOf(pair)) &&
        !sharesName(namesOf(older), namesOf(newer))))
  ) {
    return undefined;
  }
  // A change befalling what the query asks about answers it with less of its words. Read
  // only where it can decide (`changeOnQuery` is a pure test of the two texts).
  // A query naming the restated slot asks what the newer one tells, as a change on it does
  // (`slotAsked`).
  // So does a query naming the thing a met prospect awaited (`prospectAsked`), or the thing of an
  // ended state (`endedAsked`).
  const asked = (slotRestated && slotAsked(olderText, reading.queryTerms)) ||
      (met && prospectAsked(olderText, reading.queryTerms)) ||
      (ended && endedAsked({ older: olderText, newer: newerText }, {
        terms: reading.queryTerms,
        kinds: reading.kinds!,
      }))
    ? () => true
    : askedOnce(voiced && told, { olderText, newerText, queryTerms: reading.queryTerms });
  if (
    !named && !measured && !subjectEvent && !viaFact &&
    // A question asking how much is answered by the amount, whatever else the line says.
    !(quantity && reading.wanted === "quantity") &&
    belowShare(newer.share, older.share, { asked, needed: reading.needed }) &&
    !(endsRead ??= endsOf(pair))
  ) {
    return undefined;
  }
  // An altered thing is the same thing whatever the two share: their overlap (a word
  // alignment) is not read, and it ranks among the newer ones as SAME_SUBJECT alike.
  const overlap = altered
    ? { words: SAME_WORDS, meaning: SAME_SUBJECT }
    : sharing ?? reading.sameSubject(older.item.record, newer.item.record);
  const sameThing = (measured && overlap.meaning >= MEASURED_SUBJECT &&
    (restatedAmount > 0 || !isMoney(unit!) || aboutSameThing(overlap))) ||
    (measured && (restatedAmount === 2 || bare)) ||
    (voiced && told && changesSubjectOf(olderText, newerText)) ||
    (voiced && (named || aboutSameThing(overlap))) || (acting && aboutSameThing(overlap)) ||
    (asked() && overlap.meaning >= SAME_SUBJECT) || (endsRead ??= endsOf(pair)) || altered ||
    restated || met || ended || (quantity && aboutSameThing(overlap)) ||
    namedAway ||
    // The persona's own change of what its own standing fact says (`own_changes.ts`).
    (voiced && told && (newer.kinds & OWN_CHANGE_KIND) !== 0 &&
      ownChangeOfFact(olderText, newerText));
  if (!sameThing) return undefined;
  return overlap.meaning;
}
