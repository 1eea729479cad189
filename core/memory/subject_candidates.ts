/**
 * Which candidates' words search weighs for comparing them as facts and updates
 * (`unlinked_updates.ts`; `Searcher`'s same-subject comparer, one backend call for them all).
 *
 * @module
 */
import type { Candidate } from "./backend.ts";
import { type Voice, voiceOf } from "./query.ts";
import type { MemoryRecord } from "./schema.ts";
import { comparedCandidates, isKept, relevance } from "./ranking.ts";
import { comparedVoice, inComparedVoice, measuringVoice } from "./update_voices.ts";
import { actingPairs, actingVoice } from "./acting_updates.ts";
import { opensWithNamedEvent } from "./update_evidence.ts";
import { bestByRelevance } from "./best_by_relevance.ts";
import { continuationsOfAny } from "./unvoiced_continuations.ts";
import { holdsNumber } from "./text_digits.ts";
import { altersAnyOf } from "./altered_things.ts";
import { slotOfText } from "./stated_slot.ts";
import { maySettleAny } from "./settled_choices.ts";
import { valuesOfText } from "./stated_values.ts";
import { type AwaitedReading, namingAwaited } from "./awaited_names.ts";
import {
  CHANGE_KIND,
  DEED_KIND,
  SLOT_KIND,
  updateKindsOfText,
  VALUE_KIND,
} from "./update_kinds.ts";

/** How `namingAwaited` reads a candidate: its content, of its persona. */
const CANDIDATE_READING: AwaitedReading<Candidate> = {
  text: (candidate) => candidate.record.content,
  persona: (candidate) => candidate.record.persona_id,
};

/** A record's voice read from its content (`voiceOf`): the voice the functions here default to. */
const contentVoice = (record: MemoryRecord): Voice => voiceOf(record.content);

/**
 * How many more candidates than `findUnlinkedUpdates` compares have their words
 * weighed for the comparison ({@linkcode subjectCandidates}): ranking picks the compared ones by
 * the relevance they rank with, which a link or a name bridge raises for some, so a few of them
 * are not among the best by their own relevance. A memory whose words were not weighed compares
 * as if its one weighed word were all it said ("I dropped my tablet in the bath and it still
 * works somehow" and "... so I walk to work now" shared all their words, 1.0, and all their
 * meaning, 1.0). Twice as many weighed: no such pair in sets 1, 2 and 4 (3 with as many).
 */
export const WEIGHED_SHARE = 2;

/**
 * The candidates whose words search weighs for comparing them (`sameSubject`): the kept ones in
 * `UPDATE_VOICES`, the best {@linkcode WEIGHED_SHARE} times as many by relevance as
 * ranking compares (`comparedCandidates`), as many of those compared only for a new value of
 * what was measured (`measuringVoice`: no one's, with a number), as many in no one's voice
 * without a number that could be a fact and its update (`actingPairs`, with each other or with
 * an own or group change acting on one: "We've moved Pepper to ..." after "Pepper's vet is ..."),
 * the newer remarks in no one's voice going on with any of them (`unvoiced_continuations.ts`),
 * as many in no one's voice naming a thing a compared one awaits (`awaited_names.ts`), and those a name
 * bridge found (`name_bridge.ts`: they rank in the voice of the memory that named them, "Brigitte was in a
 * good mood for once today" in the persona's after "My boss Brigitte keeps asking me to cover
 * extra weekend shifts"). `voice` gives a record's voice (a search's `TextFactors.voice`, worked
 * out once for ranking too).
 */
export function subjectCandidates<C extends Candidate>(
  candidates: readonly C[],
  limit: number,
  voice: (record: MemoryRecord) => Voice = contentVoice,
): C[] {
  // Each kept one's voice and relevance worked out once, not once per list or comparison.
  const kept = candidates.filter(isKept).map((candidate) => ({
    candidate,
    voice: voice(candidate.record),
    relevance: relevance(candidate),
  }));
  // Sorted once for every voice test (`bestByRelevance`).
  const best = bestByRelevance(kept, WEIGHED_SHARE * comparedCandidates(limit));
  const bestOf = (voiced: (item: (typeof kept)[number]) => boolean) =>
    best(voiced).map(({ candidate }) => candidate);
  const measuring = bestOf((item) => measuringVoice(item.voice, item.candidate.record.content));
  // No one's without a number only when one could be a fact and the other its update, with each
  // other or with one that states a number (`actingPairs`).
  // The persona's or the group's change may act on one of them too (`unlinked_updates.ts`).
  const voiced = bestOf((item) => comparedVoice(item.voice, item.candidate.record.content));
  const acting = actingPairs(
    [
      ...measuring,
      ...bestOf((item) => actingVoice(item.voice, item.candidate.record.content)),
      ...voiced,
    ],
    (candidate) => candidate.record.content,
  ).filter((candidate) => !measuring.includes(candidate) && !voiced.includes(candidate));
  // Newer remarks in no one's voice going on with a compared fact (`unvoiced_continuations.ts`):
  // ranking compares those of its best, which need not be the best here (`continuationsOfAny`).
  const continuing = continuationsOfAny(
    voiced,
    bestOf((item) =>
      item.voice === "other" && !comparedVoice(item.voice, item.candidate.record.content)
    ).filter((candidate) => !measuring.includes(candidate) && !acting.includes(candidate)),
    (candidate) => candidate.record,
  );
  // In no one's voice, those naming a thing a compared one awaits (`awaited_names.ts`).
  const meeting = namingAwaited(
    bestOf((item) => !comparedVoice(item.voice, item.candidate.record.content)),
    [...voiced, ...measuring],
    CANDIDATE_READING,
  ).filter((candidate) =>
    !measuring.includes(candidate) && !acting.includes(candidate) && !continuing.includes(candidate)
  );
  const chosen = [...voiced, ...measuring, ...acting, ...continuing, ...meeting];
  // A memory a name bridge found ranks in the voice of the one that named it (`rank.ts`).
  // And a memory a found fact's own words found (`fact_updates.ts`), compared with that fact.
  const bridged = candidates.filter((c) =>
    (c.bridge !== undefined || c.fact !== undefined) && !chosen.includes(c)
  );
  return bridged.length === 0 ? chosen : [...chosen, ...bridged];
}

/**
 * Whether any two of `candidates` could be a fact and its unlinked update: one that
 * `findUnlinkedUpdates` may compare tells of a change, or of altering a thing another one tells of
 * (`altered_things.ts`; in no one's voice, two that could be a
 * fact and its update: `actingPairs`), or two state a number in any voice
 * (`statesNewNumber` needs one in each; `measuringVoice`), or two state one slot or a value of
 * one type of the same thing (`restated_slots.ts`, `restated_values.ts`), or one tells a decision
 * that may settle another's open choice (`settled_choices.ts`), or one names a thing another
 * awaits (`awaited_names.ts`: it may tell it met). Kept or not: a link or a name
 * bridge may keep one in ranking (`rank.ts`).
 * When none could, search weighs no words for them (a backend call saved) and ranking compares
 * no pairs. `voice` gives a record's voice, as for {@linkcode subjectCandidates}.
 */
export function mayPairAsUpdates(
  candidates: readonly Candidate[],
  voice: (record: MemoryRecord) => Voice = contentVoice,
): boolean {
  let withDigits = 0;
  const others: string[] = [];
  // Only one persona's memories are a fact and its update (the pair loop of
  // `unlinked_updates.ts` skips the others): a cross-persona search holds several personas'.
  const voicedOf = new Map<string, { voiced: string[]; deeds: string[] }>();
  const slots = new Set<string>();
  const values = new Set<string>();
  let othersTellChange = false;
  for (const candidate of candidates) {
    const content = candidate.record.content;
    const persona = candidate.record.persona_id;
    if (holdsNumber(content) && ++withDigits >= 2) return true;
    // One lookup of what kinds of update the text may tell (`update_kinds.ts`).
    const kinds = updateKindsOfText(content);
    // Two that state one slot (`restated_slots.ts`) may be a fact and its restatement, in any
    // voice (the slot names its owner), within one persona.
    if ((kinds & SLOT_KIND) !== 0) {
      const key = `${persona}\0${slotOfText(content)!.key}`;
      if (slots.has(key)) return true;
      slots.add(key);
    }
    // So may two giving a value of one type of the same thing (`restated_values.ts`).
    if ((kinds & VALUE_KIND) !== 0) {
      const keys = new Set<string>();
      for (const value of valuesOfText(content)) {
        for (const term of value.anchor) keys.add(`${persona}\0${value.type}|${term}`);
      }
      for (const key of keys) {
        if (values.has(key)) return true;
        values.add(key);
      }
    }
    // A bridged memory ranks in the voice of the one that named it (`rank.ts`). In its text's
    // own voice (the default), one lookup that the found facts' lookup made already for most.
    if (
      candidate.bridge === undefined &&
      !(voice === contentVoice
        ? inComparedVoice(content)
        : comparedVoice(voice(candidate.record), content))
    ) {
      others.push(content);
      // Only a change told (`changeTold`, this bit) makes a newer one of `actingPairs`.
      if ((kinds & CHANGE_KIND) !== 0) othersTellChange = true;
      continue;
    }
    if ((kinds & CHANGE_KIND) !== 0) return true;
    let own = voicedOf.get(persona);
    if (own === undefined) voicedOf.set(persona, own = { voiced: [], deeds: [] });
    own.voiced.push(content);
    if ((kinds & DEED_KIND) !== 0) own.deeds.push(content);
  }
  // The persona altering its own thing tells a change with no word of change, of a fact among
  // them (`altered_things.ts`); someone else's change replaces an older remark when it acts on
  // what that one named.
  for (const { voiced, deeds } of voicedOf.values()) {
    if (deeds.length > 0 && altersAnyOf(deeds, voiced)) return true;
    // A decision may settle a choice another one of the persona's left open
    // (`settled_choices.ts`): only when one names an option another leaves open.
    if (maySettleAny(voiced)) return true;
  }
  // One naming a thing another awaits may tell it met, in any voice (`awaited_names.ts`).
  if (namingAwaited(candidates, candidates, CANDIDATE_READING).length > 0) {
    return true;
  }
  // With no change told among them, `actingPairs` finds no newer one: none is read again.
  return othersTellChange && actingPairs(others, (content) => content).length > 0;
}

/**
 * The best kept `candidates` in no one's voice (as many as {@linkcode subjectCandidates} takes of
 * a voice) that open with a name and tell an event of it (`opensWithNamedEvent`): for a question
 * about now, such a remark may update a standing fact that names it (`namedEvent`), so its words
 * are weighed for the comparison too. `voice` gives a record's voice, as for
 * {@linkcode subjectCandidates}.
 */
export function namedEventCandidates<C extends Candidate>(
  candidates: readonly C[],
  options: { limit: number; voice: (record: MemoryRecord) => Voice },
): C[] {
  return candidates
    .filter((candidate) =>
      isKept(candidate) &&
      !comparedVoice(options.voice(candidate.record), candidate.record.content) &&
      opensWithNamedEvent(candidate.record.content)
    )
    .sort((a, b) => relevance(b) - relevance(a))
    .slice(0, WEIGHED_SHARE * comparedCandidates(options.limit));
}
