/**
 * The factors one memory's content gives its score for a query, each from what the query asks
 * (names, a wish or plan, the persona itself, how things are now): the rules `TextFactors`
 * (`text_factors.ts`) holds per record for one search; `rank.ts` re-exports them.
 *
 * @module
 */
import { tellsIntent } from "./intent.ts";
import { holdsSomeName, type OwnedRelation } from "./relation_owners.ts";
import { holdsClippedNames } from "./name_clippings.ts";
import { tellsOfRelative } from "./query_kin.ts";
import { tellsChange } from "./query_now.ts";
import { CHANGE_TOLD, INTENT, RELATIVE_SUBJECT, UNNAMED } from "./text_factor_shares.ts";

/**
 * The factor {@linkcode UNNAMED} gives a memory's score: 1 − UNNAMED when the query names
 * `names` (terms) and neither `content` (`holdsName`: not only as the owner of a relation the
 * query's `relations` do not ask about, "Leo's friend") nor its owner's names (`ownerNames`:
 * the owner persona's name and nickname, terms) hold any of them, else 1.
 */
export function nameFactor(
  names: readonly string[] | undefined,
  content: string,
  ownerNames: readonly string[] = [],
  relations: readonly OwnedRelation[] = [],
): number {
  if (names === undefined || names.length === 0) return 1;
  const held = names.some((name) => ownerNames.includes(name)) ||
    holdsSomeName(content, names, relations) || holdsClippedNames(content, names);
  return held ? 1 : 1 - UNNAMED;
}

/** The factor {@linkcode INTENT} gives a memory's score (`intents`: the query asks about none). */
export function intentFactor(intents: boolean | undefined, content: string): number {
  return intents && tellsIntent(content) ? 1 - INTENT : 1;
}

/**
 * The factor {@linkcode RELATIVE_SUBJECT} gives a memory's score (`own`: the query asks about the
 * persona itself, `asksOwn`).
 */
export function relativeFactor(own: boolean | undefined, content: string): number {
  return own && tellsOfRelative(content) ? 1 - RELATIVE_SUBJECT : 1;
}

/**
 * The factor {@linkcode CHANGE_TOLD} gives a memory's score (`current`: the query asks how things
 * are now, `asksCurrent`): 1 + CHANGE_TOLD when the memory tells of a change (`tellsChange`).
 */
export function changeFactor(current: boolean | undefined, content: string): number {
  return current && tellsChange(content) ? 1 + CHANGE_TOLD : 1;
}
