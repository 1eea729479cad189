/**
 * Ranking itself: each candidate scored by the formula of `ranking.ts` (relevance, nudged by
 * importance and recency, times the factors of voice, answer type, intent and names), links and
 * unlinked updates (`unlinked_updates.ts`) followed, the best returned.
 *
 * @module
 */
import type { Candidate } from "./backend.ts";
import type { SubjectOverlap } from "./meaning/subject_alignment.ts";
import type { AnswerType, Voice } from "./query.ts";
import type { MemoryRecord } from "./schema.ts";
import { BRIDGE_SHARE } from "./name_bridge.ts";
import type { OwnedRelation } from "./relation_owners.ts";
import { TextFactors } from "./text_factors.ts";
import { findUnlinkedUpdates } from "./unlinked_updates.ts";
import { inheritedFactor } from "./heir.ts";
import { handOnThroughLinks } from "./chain_hand_on.ts";
import { TopK } from "./top_k.ts";
import { type Filler, fillUp } from "./fill.ts";
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
import { type AskedOfNamed, otherThingFactor } from "./other_things.ts";

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

/** How {@linkcode rank} ranks. */
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
  /** The places WordNet names, for unlinked updates (`findUnlinkedUpdates`). */
  places?: { isNamedPlace(word: string): boolean };
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

interface Item {
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
  /** What it ranks as, once scored (kept ones only). */
  ranked?: Ranked;
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
  for (const candidate of candidates) {
    const { record } = candidate;
    if (byId.has(record.id)) continue;
    const item: Item = {
      record,
      relevance: relevance(candidate),
      kept: isKept(candidate),
      similarity: candidate.similarity,
      voice: factors.voice(record),
      bridge: candidate.bridge,
      fact: candidate.fact,
      next: candidate.linkTo ?? record.superseded_by,
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
      wanted: options.wanted,
    });
  }
  // Made once, not per item: a search ranks up to a hundred candidates.
  const voiceOf = (one: Item) =>
    voiceFactor(options.clauseVoice?.(one.record) ?? options.voice, one.voice) *
    factors.named(one.record);
  const ranked: Ranked[] = [];
  const fillers: Filler<Ranked>[] = [];
  // The memories whose score another one's bounds: replaced ones, through a link or without.
  const bounded: { item: Item; kept: number }[] = [];
  for (let i = 0; i < items.length; i++) {
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
    const score = item.relevance * nudge(record.importance, fresh) * voiced * kept;
    const own: Ranked = { record, relevance: item.relevance, recency: fresh, score };
    const below = item.replacedBy?.record.id;
    if (below !== undefined) own.below = below;
    item.ranked = own;
    if (item.kept) ranked.push(own);
    else fillers.push({ ranked: own, similarity: item.similarity });
    if (isLinked || item.replacedBy !== undefined) bounded.push({ item, kept });
  }
  // Keep each replaced memory below its replacement, whatever their nudges (newest first, so a
  // chain settles from its newest link down). Only replaced memories move: the others keep
  // their order (a stable sort of these alone orders them as a sort of all would).
  bounded.sort((a, b) => b.item.record.created_at.localeCompare(a.item.record.created_at));
  for (const { item, kept } of bounded) {
    const own = item.ranked!;
    const linkedTo = item.next ? byId.get(item.next) : undefined;
    const newer = linkedTo?.ranked;
    // What the replacement leaves alone keeps its score, but never above the replacement.
    if (newer) own.score = Math.min(own.score, newer.score * Math.min(kept, JUST_BELOW));
    const unlinked = item.replacedBy?.ranked;
    if (unlinked) own.score = Math.min(own.score, unlinked.score * JUST_BELOW);
  }
  return fillUp(best(ranked, Math.max(options.limit, options.pool ?? 0)), fillers, options.limit);
}

/**
 * The first `count` of `ranked` sorted best first. Ties break on content facts (not ids), so
 * equal stores rank alike on every server. Only those scoring at least the `count`-th best score
 * are sorted: every other one sorts after them, so the first `count` are the same.
 */
function best(ranked: Ranked[], count: number): Ranked[] {
  // A score that is no number would make the sort's order arbitrary: it ranks as 0.
  for (const item of ranked) if (!Number.isFinite(item.score)) item.score = 0;
  const order = (a: Ranked, b: Ranked) =>
    b.score - a.score || b.relevance - a.relevance ||
    b.record.created_at.localeCompare(a.record.created_at) ||
    a.record.content.localeCompare(b.record.content);
  const floor = ranked.length > count ? lowestOfBest(ranked, count) : -Infinity;
  // NaN (no floor, or a score that is no number) leaves every one in, as a full sort would.
  const contenders = floor > -Infinity ? ranked.filter((item) => item.score >= floor) : ranked;
  return contenders.sort(order).slice(0, count);
}

/**
 * The `count`-th highest score of `ranked` (`count` ≥ 1, fewer than there are), or NaN when a
 * score is no number.
 */
export function lowestOfBest(ranked: readonly Ranked[], count: number): number {
  const top = new TopK(count);
  for (let i = 0; i < ranked.length; i++) {
    const score = ranked[i]!.score;
    if (Number.isNaN(score)) return NaN;
    top.offer(i, score);
  }
  return top.lowest;
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
