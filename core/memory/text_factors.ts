/**
 * The factors a candidate's text gives its score for one query: its names (`nameFactor`), a wish
 * or plan it tells (`intentFactor`), a relative it is about (`relativeFactor`) or only someone
 * else's class members (`member_owners.ts`), a change it tells (`changeFactor`; these four rules
 * are in `content_factors.ts`) and its voice (`voiceOf`; `asked_kin_voice.ts`). Word
 * alignment's bound (`candidate_alignment.ts`) and ranking (`rank.ts`) ask them of the same
 * candidates in one search: a {@linkcode TextFactors} made for the search works each out once
 * per record. It holds them for that search alone (a map by record object, dropped with it).
 *
 * @module
 */
import { kinSenseFactor, ownedKinAsked } from "./kin_sense.ts";
import { othersKinFactor, ownKinAsked } from "./kin_owners.ts";
import { namesAskedKin } from "./asked_kin_voice.ts";
import { othersMembersFactor } from "./member_owners.ts";
import { opensWithVerb } from "./told_events.ts";
import { type Voice, voiceOf } from "./query.ts";
import type { MemoryRecord } from "./schema.ts";
import { changeTold } from "./update_facts.ts";
import { CHANGE_TOLD, RELATIVE_SUBJECT } from "./text_factor_shares.ts";
import { intentFactor, nameFactor, relativeFactor } from "./content_factors.ts";
import { modifierFactor, type QueryModifiers } from "./noun_modifiers.ts";
import { askedClasses, classFactor, type WordClasses } from "./word_class.ts";
import { headFactor } from "./note_heads.ts";
import { terms } from "./text.ts";
import { withReferent } from "./pronoun_referents.ts";
import { asksHabit, pastToldFactor } from "./told_tense.ts";
import { asksNow, finishedPastFactor } from "./finished_past.ts";
import { phraseApartFactor } from "./bare_phrases.ts";
import { askedPossessions, othersThingFactor, type Possession } from "./possessed_topics.ts";
import { markedOf, rolesOf } from "./text_roles.ts";
import { speaksOfUser } from "./user_voice.ts";
import { namesOnlySpeaker, SPEAKER_NAME_ONLY } from "./speaker_names.ts";
import { aboutOtherRelation, askedRelation } from "./relation_subject.ts";
import { askedTies, untiedFactor } from "./relation_ties.ts";
import { type AskedOwnThings, askedSpeakerThings, ownThingsFactor } from "./speaker_things.ts";
import {
  type AskedPeople,
  askedPeople,
  namesSomePerson,
  referentFactor,
} from "./unnamed_referents.ts";
import type { TextFactorQuery } from "./text_factor_query.ts";

/**
 * One record's factors, each worked out when first asked (undefined until then, not NaN: a field
 * made a number boxes it, one allocation per factor and record; unboxed, a factor of 1 is none).
 */
interface Held {
  named: number | undefined;
  intent: number | undefined;
  relative: number | undefined;
  changed: number | undefined;
  modified: number | undefined;
  headed: number | undefined;
  voice: Voice | undefined;
}

/** A query's text factors of records, each worked out once (see the module's documentation). */
export class TextFactors {
  readonly #query: TextFactorQuery;
  readonly #held = new Map<MemoryRecord, Held>();
  /** The query's word classes (`askedClasses`), looked up at the first `modified` only. */
  #asked: WordClasses | undefined;
  /** The relatives the query asks about as someone's (`ownedKinAsked`), read at the first `modified`. */
  #kinAsked: ReadonlySet<string> | undefined;
  /** The kind of relation the query asks about (`askedRelation`; false: none), read when first needed. */
  #askedRelation: "kin" | "companion" | false | undefined;
  /** What the query asks as a person's (`askedPossessions`), read when first needed. */
  #things: readonly Possession[] | undefined;
  /** The speaker's own things the query asks (`speaker_things.ts`), read when first needed. */
  #ownThings: AskedOwnThings | undefined;
  /** Whether the query asks a habit (`told_tense.ts`), read at the first `modified`. */
  #habit: boolean | undefined;
  #now: boolean | undefined; // Whether it asks how things are now (`finished_past.ts`), likewise.
  /** The names the query asks how the speaker knows (`askedTies`), read when first needed. */
  #tied: readonly string[] | undefined;
  /** Whom the query speaks of besides its names (`askedPeople`), read when first needed. */
  #people: AskedPeople | undefined;
  /** The relatives the query asks about as the speaker's (`ownKinAsked`), read when needed. */
  #ownKin: ReadonlySet<string> | undefined;

  /** Factors for `query` (one search's: the map lives as long as this object). */
  constructor(query: TextFactorQuery) {
    this.#query = query;
  }

  #of(record: MemoryRecord): Held {
    let held = this.#held.get(record);
    if (held === undefined) {
      held = {
        named: undefined,
        intent: undefined,
        relative: undefined,
        changed: undefined,
        modified: undefined,
        headed: undefined,
        voice: undefined,
      };
      this.#held.set(record, held);
    }
    return held;
  }

  /** {@linkcode nameFactor} of `record` (its content and its owner's names) for the query. */
  named(record: MemoryRecord): number {
    const { names } = this.#query;
    if (names === undefined || names.length === 0) return 1;
    const held = this.#of(record);
    if (held.named === undefined) {
      const { ownerNames, relations, speakers = [] } = this.#query;
      const owner = ownerNames?.get(record.persona_id) ?? [];
      // A remark opening with a verb in the past ("quit the cinema, working at ...") is the
      // speaker's own, its "I" left out as casual speech does (`opensWithVerb`).
      const spoken = speakers.length > 0 &&
        (this.voice(record) === "self" || opensWithVerb(record.content) ||
          speaksOfUser(record.content));
      const referent = this.#query.referents?.get(record.id);
      const given = spoken ? [...owner, ...speakers] : owner;
      const also = referent === undefined ? given : [...given, ...terms(referent)];
      if (namesOnlySpeaker(record.content, speakers, this.#query.modifiers?.terms)) {
        held.named = SPEAKER_NAME_ONLY;
      } else {
        const factor = nameFactor(names, record.content, also, relations);
        const unnamed = factor < 1 && namesSomePerson(names, this.#askedPeople())
          ? factor * referentFactor(record.content, this.#askedPeople())
          : factor;
        held.named = unnamed * this.#untied(record.content);
      }
    }
    return held.named;
  }

  /** `untiedFactor` (`relation_ties.ts`) of `content` for the query's names. */
  #untied(content: string): number {
    return untiedFactor(this.#askedTies(), content);
  }

  /** The names the query asks how the speaker knows (`askedTies`), read once per search. */
  #askedTies(): readonly string[] {
    const { names = [], modifiers } = this.#query;
    return this.#tied ??= modifiers === undefined ? [] : askedTies(modifiers.text, names);
  }

  /** Whom the query speaks of besides its names (`askedPeople`), read once per search. */
  #askedPeople(): AskedPeople {
    return this.#people ??= askedPeople(this.#query.modifiers?.text ?? "");
  }

  /** {@linkcode intentFactor} of `record`'s content for the query. */
  intent(record: MemoryRecord): number {
    if (!this.#query.intents) return 1;
    const held = this.#of(record);
    if (held.intent === undefined) held.intent = intentFactor(true, record.content);
    return held.intent;
  }

  /**
   * {@linkcode relativeFactor} of `record`'s content for the query, times `othersMembersFactor`
   * (`member_owners.ts`) when it asks for class members.
   */
  relative(record: MemoryRecord): number {
    const things = this.#askedThings();
    const own = this.#ownThings ??= askedSpeakerThings(this.#query.modifiers?.text ?? "");
    if (!this.#query.own && things.length === 0 && own.mine.length + own.ours.length === 0) {
      return this.#otherRelation(record);
    }
    const held = this.#of(record);
    if (held.relative === undefined) {
      const { members } = this.#query;
      const told = this.#query.own
        ? relativeFactor(true, record.content) *
          (members === undefined ? 1 : othersMembersFactor(members, record.content))
        : this.#otherRelation(record);
      held.relative = told * othersThingFactor(things, record.content) *
        ownThingsFactor(own, record.content, this.#query);
    }
    return held.relative;
  }

  /** What the query asks as a person's (`possessed_topics.ts`), read at the first ask. */
  #askedThings(): readonly Possession[] {
    const text = this.#query.modifiers?.text;
    return this.#things ??= text === undefined ? [] : askedPossessions(text);
  }

  /**
   * 1 − RELATIVE_SUBJECT for a memory about a relation of the other kind than the one the query
   * asks about (`relation_subject.ts`: "my colleague ..." for "my wife's job"), else 1.
   */
  #otherRelation(record: MemoryRecord): number {
    const text = this.#query.modifiers?.text;
    if (text === undefined) return 1;
    // false: read, none asked (`??=` would read a null again for every record).
    if (this.#askedRelation === undefined) this.#askedRelation = askedRelation(text) ?? false;
    if (this.#askedRelation === false) return 1;
    return aboutOtherRelation(this.#askedRelation, record.content) ? 1 - RELATIVE_SUBJECT : 1;
  }

  /** `changeFactor` (`content_factors.ts`) of `record`'s content for the query. */
  changed(record: MemoryRecord): number {
    if (!this.#query.current) return 1;
    const held = this.#of(record);
    if (held.changed === undefined) held.changed = changeTold(record.content) ? 1 + CHANGE_TOLD : 1;
    return held.changed;
  }

  /**
   * `modifierFactor` (`noun_modifiers.ts`) times `classFactor` (`word_class.ts`) times
   * `kinSenseFactor` (`kin_sense.ts`) of `record`'s content for the query: its matched words in
   * another role or sense. Held with the record's other factors: alignment's bound and ranking
   * both ask it of the same candidates, and its lookups of the text's roles, kin uses and marked
   * uses cost more than one of the held entry.
   */
  modified(record: MemoryRecord): number {
    const { modifiers } = this.#query;
    if (modifiers === undefined || modifiers.terms.size === 0) return 1;
    const held = this.#of(record);
    if (held.modified === undefined) held.modified = this.#modified(modifiers, record);
    return held.modified;
  }

  #modified(modifiers: QueryModifiers, record: MemoryRecord): number {
    const { content } = record;
    // A relative the query asks about as someone's, said only as anyone's ("as a child").
    const { ownKin, kinNames } = this.#query;
    const kin = kinSenseFactor(this.#kinAsked ??= ownedKinAsked(modifiers.text), content) *
      (ownKin === undefined ? 1 : othersKinFactor(ownKin, content, kinNames ?? new Set()));
    // A memory told only in the past, for a question in the present (`told_tense.ts`), or at a
    // time its words mark as over, for a question about now (`finished_past.ts`); one without
    // the bare phrase asked in order (`bare_phrases.ts`). A question asking how the speaker knows
    // someone ("who is Priya?") asks no "now": a past tie ("Priya used to be my neighbour") is
    // how they know them.
    this.#now ??= asksNow(modifiers.text) && this.#askedTies().length === 0;
    const told = pastToldFactor(this.#habit ??= asksHabit(modifiers.text), content) *
      finishedPastFactor(this.#now, record) *
      phraseApartFactor(this.#query.phrase, content);
    const asked = this.#asked ??= askedClasses(modifiers.text);
    const roles = rolesOf(content);
    // modifierFactor is 1 when neither text has a modifier pair: most memories, most queries.
    const modifier = roles.modifiers.pairs.length === 0 && modifiers.modifiers.pairs.length === 0
      ? 1
      : modifierFactor(modifiers, content, roles.modifiers);
    // classFactor is 1 for a query with no word of a plain class: its marked uses go unread.
    if (asked.verbs.size === 0 && asked.nouns.size === 0) return kin * modifier * told;
    return kin * modifier * told * classFactor(modifiers, content, markedOf(roles), asked);
  }

  /** `headFactor` (`note_heads.ts`) of `record`'s content for the query's terms. */
  headed(record: MemoryRecord): number {
    const terms = this.#query.modifiers?.terms;
    if (terms === undefined || terms.size === 0) return 1;
    const held = this.#of(record);
    if (held.headed === undefined) held.headed = headFactor(terms, record.content);
    return held.headed;
  }

  /**
   * {@linkcode voiceOf} `record`'s content; the speaker's for a line in no one's voice naming a
   * relative the query asks about as the speaker's (`namesAskedKin`).
   */
  voice(record: MemoryRecord): Voice {
    const held = this.#of(record);
    if (held.voice !== undefined) return held.voice;
    const referent = this.#query.referents?.get(record.id);
    // A line opening with "he" is told in the voice of the person it stands for ("Dad's ...":
    // the speaker's own family).
    const text = referent === undefined ? record.content : withReferent(record.content, referent);
    const voice = this.#query.namedVoices?.get(record.id) ?? voiceOf(text);
    // A line naming the relative the query asks about as the speaker's, with no other owner
    // ("mums birthday is ...", "Tom Brennan = husband"), is the speaker's news of them.
    const ownKin = this.#ownKin ??= ownKinAsked(this.#query.modifiers?.text ?? "");
    return held.voice = voice === "other" && namesAskedKin(ownKin, record.content) ? "self" : voice;
  }
}
