/**
 * Ranking itself: each candidate scored by the formula of `ranking.ts` (relevance, nudged by
 * importance and recency, times the factors of voice, answer type, intent and names), links and
 * unlinked updates (`unlinked_updates.ts`) followed, the best returned.
 *
 * @module
 */
import type { Candidate } from "./backend.ts";
import type { Voice } from "./query.ts";
import type { MemoryRecord } from "./schema.ts";
import { BRIDGE_SHARE } from "./name_bridge.ts";
import { TextFactors } from "./text_factors.ts";
import { findUnlinkedUpdates } from "./unlinked_updates.ts";
import { inheritedFactor } from "./heir.ts";
import { handOnThroughLinks } from "./chain_hand_on.ts";
import { best } from "./rank_best.ts";
import { fillUp } from "./fill.ts";
import {
  comparedCandidates,
  isKept,
  JUST_BELOW,
  mayFill,
  nudge,
  recency,
  relevance,
  supersededFactor,
  voiceFactor,
} from "./ranking.ts";
import { ANSWER_TYPE } from "./text_factor_shares.ts";
import { isUnmarkedNote } from "./unmarked_voice.ts";
import { otherThingFactor } from "./other_things.ts";
import type { RankOptions } from "./rank_options.ts";

export { changeFactor, intentFactor, nameFactor, relativeFactor } from "./content_factors.ts";

/** A ranked memory with the parts of its score. */
export interface Ranked {
  record: MemoryRecord;
  relevance: number;
  recency: number;
  score: number;
  /** The id of the newer memory that replaces this one without a link (it ranks just below). */
  below?: string;
  /** Below the bar for a match (`isKept`), filling the list up to its limit (`fill.ts`). */
  filler?: true;
}

interface Item {
  /** Its place in the search's items: where its score and recency are kept while ranking. */
  at: number;
  record: MemoryRecord;
  relevance: number;
  kept: boolean;
  similarity: number;
  voice: Voice;
  /** The id of the memory that replaces it through a link (`LinkedItem.next`), if any. */
  next: string | null;
  /** The newer memory that replaces this one without a link, if any. */
  replacedBy?: Item;
  /** The older memory this one replaces whose relevance it took (`heir.ts`), if any. */
  heirOf?: Item;
  /** The memory that named this one's subject (`name_bridge.ts`), if any. */
  bridge?: { from: string; share: number };
  /** The found fact whose own words found this one (`fact_updates.ts`), if any. */
  fact?: string;
}

/**
 * What ranking works out per item, by its place (`Item.at`): typed arrays, not an object per
 * candidate (perf75: ~105 KB a chat); only the memories returned become `Ranked` objects.
 */
interface Scores {
  /** Whether it was scored: kept, or below the bar and allowed to fill. */
  scored: Uint8Array;
  score: Float64Array;
  recency: Float64Array;
  /** The factor its replacement leaves its score (`supersededFactor`), for the bounded ones. */
  kept: Float64Array;
}

/**
 * Scores `candidates` at `now` and returns the best `limit`, best first. A candidate whose
 * `superseded_by` names another candidate hands it its relevance (`heir.ts`), and ranks below it.
 */
export function rank(candidates: readonly Candidate[], options: RankOptions): Ranked[] {
  const factors = options.factors ?? new TextFactors(options);
  const byId = new Map<string, Item>();
  // The items in the map's order, walked as an array: no iterator per walk.
  const items: Item[] = [];
  for (let i = 0; i < candidates.length; i++) {
    const candidate = candidates[i]!;
    const { record } = candidate;
    if (byId.has(record.id)) continue;
    // Every field set here, those set later too: adding one later grows a second store.
    const item: Item = {
      at: items.length,
      record,
      relevance: relevance(candidate),
      kept: isKept(candidate),
      similarity: candidate.similarity,
      voice: factors.voice(record),
      bridge: candidate.bridge,
      fact: candidate.fact,
      next: candidate.linkTo ?? record.superseded_by,
      replacedBy: undefined,
      heirOf: undefined,
    };
    byId.set(record.id, item);
    items.push(item);
  }
  handOnThroughNames(byId, items);
  handOnThroughLinks(byId, items);
  const linked = (item: Item) => item.next !== null && byId.has(item.next);
  if (options.sameSubject) {
    findUnlinkedUpdates(items, {
      sameSubject: options.sameSubject,
      compared: comparedCandidates(options.limit),
      current: options.current,
      queryTerms: options.queryTerms,
      typed: options.answers !== undefined,
      linked,
      places: options.places,
      kinds: options.kinds,
      wanted: options.wanted,
    });
  }
  // A note in no grammatical person ("boss = Gareth"): the group's voice (`unmarked_voice.ts`).
  const unmarked = (one: Item) => one.voice === "other" && isUnmarkedNote(one.record.content);
  // Made once, not per item: a search ranks up to a hundred candidates.
  const voiceOf = (one: Item) =>
    voiceFactor(options.clauseVoice?.(one.record) ?? options.voice, one.voice, unmarked(one)) *
    factors.named(one.record);
  const count = items.length;
  const scores: Scores = {
    scored: new Uint8Array(count),
    score: new Float64Array(count),
    recency: new Float64Array(count),
    kept: new Float64Array(count),
  };
  // The kept items scored and those that may fill, by place, in the items' order.
  const ranked: number[] = [];
  const fillers: number[] = [];
  // The memories whose score another one's bounds: replaced ones, through a link or without.
  const bounded: Item[] = [];
  for (let i = 0; i < count; i++) {
    const item = items[i]!;
    if (!item.kept && !(options.fill && mayFill(item.similarity))) continue;
    const { record } = item;
    const fresh = recency(record, options.now);
    const voiced = inheritedFactor(item, voiceOf) *
      (options.answers && !options.answers(record.content) ? 1 - ANSWER_TYPE : 1) *
      otherThingFactor(options.askedOfNamed, record.content, options.answers) *
      factors.intent(record) * factors.relative(record) * factors.changed(record) *
      factors.modified(record) * factors.headed(record);
    const isLinked = linked(item);
    const kept = isLinked
      ? supersededFactor(options.unreplaced?.(record, byId.get(item.next!)!.record) ?? 0)
      : 1;
    scores.score[i] = item.relevance * nudge(record.importance, fresh) * voiced * kept;
    scores.recency[i] = fresh;
    scores.kept[i] = kept;
    scores.scored[i] = 1;
    if (item.kept) ranked.push(i);
    else fillers.push(i);
    if (isLinked || item.replacedBy !== undefined) bounded.push(item);
  }
  // Keep each replaced memory below its replacement, whatever their nudges (newest first, so a
  // chain settles from its newest link down). Only replaced memories move: the others keep
  // their order (a stable sort of these alone orders them as a sort of all would).
  bounded.sort((a, b) => b.record.created_at.localeCompare(a.record.created_at));
  for (let i = 0; i < bounded.length; i++) {
    const item = bounded[i]!;
    const { at } = item;
    const linkedTo = item.next ? byId.get(item.next) : undefined;
    // What the replacement leaves alone keeps its score, but never above the replacement.
    if (linkedTo !== undefined && scores.scored[linkedTo.at] === 1) {
      const bound = scores.score[linkedTo.at]! * Math.min(scores.kept[at]!, JUST_BELOW);
      scores.score[at] = Math.min(scores.score[at]!, bound);
    }
    const unlinked = item.replacedBy;
    if (unlinked !== undefined && scores.scored[unlinked.at] === 1) {
      scores.score[at] = Math.min(scores.score[at]!, scores.score[unlinked.at]! * JUST_BELOW);
    }
  }
  const wanted = Math.max(options.limit, options.pool ?? 0);
  const found = best(ranked, { items, score: scores.score, count: wanted })
    .map((at) => rankedOf(items[at]!, scores));
  // The ones below the bar become `Ranked` only when the list has room for them.
  if (found.length >= options.limit || fillers.length === 0) return found;
  const filling = fillers.map((at) => ({
    ranked: rankedOf(items[at]!, scores),
    similarity: items[at]!.similarity,
  }));
  return fillUp(found, filling, options.limit);
}

/** The memory at `item`'s place as ranking returns it. */
function rankedOf(item: Item, scores: Scores): Ranked {
  const own: Ranked = {
    record: item.record,
    relevance: item.relevance,
    recency: scores.recency[item.at]!,
    score: scores.score[item.at]!,
  };
  const below = item.replacedBy?.record.id;
  if (below !== undefined) own.below = below;
  return own;
}

/**
 * A memory reached through a name the query's words introduce ("my husband Tomas" → "Tomas
 * designs libraries", `name_bridge.ts`) takes {@linkcode BRIDGE_SHARE} of the naming memory's
 * relevance, times the share of the query the naming word carries, when that is more than its
 * own, and its voice: it is about the persona's own.
 */
function handOnThroughNames(byId: ReadonlyMap<string, Item>, items: readonly Item[]): void {
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const source = item.bridge === undefined ? undefined : byId.get(item.bridge.from);
    if (!source?.kept) continue;
    const handed = BRIDGE_SHARE * item.bridge!.share * source.relevance;
    if (handed <= item.relevance) continue;
    item.relevance = handed;
    item.kept = true;
    item.voice = source.voice;
  }
}
