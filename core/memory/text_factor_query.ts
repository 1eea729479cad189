/**
 * What the text factors (`text_factors.ts`) need to know of the query
 * ({@linkcode TextFactorQuery}), and the most they can multiply a score by for it
 * ({@linkcode factorCeiling}).
 *
 * @module
 */
import type { AskedMembers } from "./member_owners.ts";
import type { QueryModifiers } from "./noun_modifiers.ts";
import type { Voice } from "./query.ts";
import type { OwnedRelation } from "./relation_owners.ts";
import { CHANGE_TOLD, NOTE_HEAD } from "./text_factor_shares.ts";

/** What {@linkcode TextFactors} need to know of the query. */
export interface TextFactorQuery {
  /** Whether memories that tell a wish or a plan lose `INTENT`. */
  intents?: boolean;
  /** Whether the query asks about the persona itself: memories about a relative lose some. */
  own?: boolean;
  /** Whether the query asks how things are now: memories that tell of a change gain some. */
  current?: boolean;
  /** The names the query asks about (terms). */
  names?: readonly string[];
  /** The store's users' name terms (`storeUsers`): a thing one of them owns is the speaker's. */
  users?: ReadonlySet<string>;
  /** The speaker's partner's name term, when an "our" thing is asked: half of "our" (`partnerLines`). */
  partner?: string;
  /** The name terms of each memory's owner persona, by persona id. */
  ownerNames?: ReadonlyMap<string, readonly string[]>;
  /** The relations the query gives a name. */
  relations?: readonly OwnedRelation[];
  /**
   * The query's names a first-person memory introduces as its speaker's (`speaker_names.ts`):
   * every memory in the persona's own voice holds them.
   */
  speakers?: readonly string[];
  /** The query's terms and modifiers: a memory matching it only through modifiers loses some. */
  modifiers?: QueryModifiers;
  /** The query's bare phrase, when some candidate holds it (`pooledPhrase`, `bare_phrases.ts`). */
  phrase?: readonly string[];
  /** The speaker's own relatives the query asks about (`ownKinAsked`): others' lose some. */
  ownKin?: ReadonlySet<string>;
  /** Names whose possessive may lack its apostrophe ("leahs nan": `kin_owners.ts`). */
  kinNames?: ReadonlySet<string>;
  /**
   * The class members an `own` query asks for (`member_owners.ts`): a memory naming only someone
   * else's loses some.
   */
  members?: AskedMembers;
  /**
   * The voice a memory ranks in when its subject is a name the store gives a relation the query
   * asks about (`relation_expansion.ts`: "Kuba ..." in the voice of "our son Kuba"), by id.
   */
  namedVoices?: ReadonlyMap<string, Voice>;
  /**
   * The person each memory opening with "he" or "she" stands for (`pronoun_referents.ts`), by
   * id: its line names that person.
   */
  referents?: ReadonlyMap<string, string>;
}

/**
 * The most the factors can multiply a score by for `query`: all lower it but the change told to a
 * question about now (`CHANGE_TOLD`) and a note's head that holds a query term (`NOTE_HEAD`,
 * `note_heads.ts`). Alignment's bound skips a candidate only below it.
 */
export function factorCeiling(query: Pick<TextFactorQuery, "current" | "modifiers">): number {
  const headed = (query.modifiers?.terms.size ?? 0) > 0 ? 1 + NOTE_HEAD : 1;
  return (query.current ? 1 + CHANGE_TOLD : 1) * headed;
}
