/**
 * The options of ranking ({@linkcode RankOptions}), apart from `rank.ts`, which runs it: what
 * the query and the search give the score's formula and factors.
 *
 * @module
 */
import type { SubjectOverlap } from "./meaning/subject_alignment.ts";
import type { AnswerType, Voice } from "./query.ts";
import type { MemoryRecord } from "./schema.ts";
import type { OwnedRelation } from "./relation_owners.ts";
import type { TextFactors } from "./text_factors.ts";
import type { AskedOfNamed } from "./other_things.ts";
import type { SlotPlaces } from "./restated_slots.ts";
import type { ThingKinds } from "./ended_things.ts";
/** How `rank` (`rank.ts`) ranks. */
export interface RankOptions {
  now: number;
  limit: number;
  /** How many to return when more than `limit` (for re-ranking, `coverage.ts`); default `limit`. */
  pool?: number;
  /** The query's voice (`voiceOf`): see {@linkcode voiceFactor}. */
  voice?: Voice;
  /**
   * How much two memories are about the same thing, 0..1 (both ways; see
   * {@linkcode SAME_SUBJECT}); without it unlinked updates are not looked for.
   */
  sameSubject?: (a: MemoryRecord, b: MemoryRecord) => SubjectOverlap;
  /** WordNet's places and persons, for unlinked updates (`findUnlinkedUpdates`). */
  places?: SlotPlaces;
  /** WordNet's synonyms and kinds, for a state ended in other words (`ended_things.ts`). */
  kinds?: ThingKinds;
  /** What the query asks for (`answerType`): a value restated is read for a query on its slot. */
  wanted?: AnswerType;
  /**
   * For a question that asks for a place, a person or a time (`answerType`): whether a memory's text
   * names one (`namesAnswer`); a memory that does not loses {@linkcode ANSWER_TYPE} of its score.
   */
  answers?: (content: string) => boolean;
  /**
   * Whether a memory that tells a wish or a plan (`tellsIntent`) loses {@linkcode INTENT} of its
   * score: when the query asks about none (`asksIntent`).
   */
  intents?: boolean;
  /**
   * Whether the query asks how things are now (`asksCurrent`): an unlinked newer memory then
   * needs to match it only {@linkcode NEWER_SHARE_NOW} as well as the older one.
   */
  current?: boolean;
  /** The query's terms: see `changeOnAsked` (`unlinked_updates.ts`). */
  queryTerms?: readonly string[];
  /**
   * The names the query asks about (`queryNames`, as terms): a memory that holds none loses
   * {@linkcode UNNAMED} of its score.
   */
  names?: readonly string[];
  /**
   * The name terms of each memory's owner persona (`personaNameTerms`), by persona id: a
   * memory holds its owner's names ("I love jazz" of Kira's answers "What does Kira love?").
   */
  ownerNames?: ReadonlyMap<string, readonly string[]>;
  /** The relations the query gives a name ("Priya's partner": `ownedRelations`). */
  relations?: readonly OwnedRelation[];
  /**
   * What a question about one thing asks of the people it names (`other_things.ts`): a line
   * that holds a name and nothing else asked loses `OTHER_THING` of its score.
   */
  askedOfNamed?: AskedOfNamed;
  /** Whether fewer than `limit` matches are followed by others (`fill.ts`), marked `filler`. */
  fill?: boolean;
  /**
   * The search's text factors (`text_factors.ts`), made for these `intents`, `names`,
   * `own`, `ownerNames` and `relations` and shared with word alignment's bound; made here when
   * absent.
   */
  factors?: TextFactors;
  /**
   * Whether the query asks about the persona itself (`asksOwn`): a memory about a relative
   * (`tellsOfRelative`) loses {@linkcode RELATIVE_SUBJECT} of its score.
   */
  own?: boolean;
  /**
   * For a question in clauses (`clauses.ts`): the voice of the clause a memory answers, in place
   * of `voice` (undefined: it answers none, `voice` judges it).
   */
  clauseVoice?: (record: MemoryRecord) => Voice | undefined;
  /**
   * The share (0..1) of the query's match with a superseded memory `older` that lies in what its
   * replacement `newer` does not replace (`replaced_part.ts` `unreplacedShare`): see
   * {@linkcode supersededFactor}. Absent: 0, every superseded memory halved.
   */
  unreplaced?: (older: MemoryRecord, newer: MemoryRecord) => number;
}
