/**
 * The re-scoring model of `_fit.ts` (learning to rank on the open recall sets, issue 9): the
 * constants fitted ({@linkcode Params}, today's {@linkcode CURRENT}, their {@linkcode GRIDS}),
 * the collected hits and queries, and a hit's score for any constants ({@linkcode score},
 * {@linkcode reranked}). `_fit.ts`'s documentation says how it is collected and fitted.
 *
 * @module
 */
import type { LabelledQuery } from "./_set.ts";
import type { Voice } from "../../../core/memory/query.ts";
import type { ScoreParts } from "../../../core/memory/search_hits.ts";
import * as ranking from "../../../core/memory/ranking.ts";
import * as shares from "../../../core/memory/text_factor_shares.ts";

/** The constants fitted (those of `ranking.ts` and `text_factor_shares.ts`). */
export interface Params {
  lexical: number;
  alignment: number;
  vector: number;
  vectorFloor: number;
  nudge: number;
  superseded: number;
  perspective: number;
  groupPerspective: number;
  answerType: number;
  intent: number;
  unnamed: number;
  relativeSubject: number;
  changeTold: number;
}

/** Today's constants, read from `ranking.ts` and `text_factor_shares.ts`. */
export const CURRENT: Params = {
  lexical: ranking.LOCAL_WEIGHTS.lexical,
  alignment: ranking.LOCAL_WEIGHTS.alignment,
  vector: ranking.LOCAL_WEIGHTS.vector,
  vectorFloor: ranking.VECTOR_FLOOR,
  nudge: ranking.NUDGE,
  superseded: ranking.SUPERSEDED,
  perspective: shares.PERSPECTIVE,
  groupPerspective: shares.GROUP_PERSPECTIVE,
  answerType: shares.ANSWER_TYPE,
  intent: shares.INTENT,
  unnamed: shares.UNNAMED,
  relativeSubject: shares.RELATIVE_SUBJECT,
  changeTold: shares.CHANGE_TOLD,
};

const SHARES = [0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6];
/** The values each constant may take (channel weights are renormalised to sum 1). */
export const GRIDS: Record<keyof Params, number[]> = {
  lexical: [0.1, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7],
  alignment: [0.1, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7],
  vector: [0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5],
  vectorFloor: [0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3],
  nudge: [0, 0.025, 0.05, 0.075, 0.1],
  superseded: [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9],
  perspective: SHARES,
  groupPerspective: SHARES,
  answerType: SHARES,
  intent: SHARES,
  unnamed: SHARES,
  relativeSubject: SHARES,
  changeTold: [0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5],
};

/** One collected hit. */
export interface Hit {
  label: string;
  lexical: number;
  /** Absent: no word alignment (then the model's weights applied; not refitted). */
  alignment?: number;
  similarity: number;
  /** Observed relevance minus today's weighted sum (inherited relevance, negation). */
  extra: number;
  importance: number;
  recency: number;
  /** Observed adjustment over today's factors (bounds, inherited factors). */
  rest: number;
  voice: Voice;
  named: boolean;
  answerMiss: boolean;
  intent: boolean;
  relative: boolean;
  changed: boolean;
  linked: boolean;
  filler: boolean;
}

/** One collected query. */
export interface Case {
  set: string;
  unlinked: boolean;
  query: LabelledQuery;
  voice?: Voice;
  hits: Hit[];
}

/** What a collected hit's factors are (see {@linkcode Hit}). */
export type Flags = Pick<
  Hit,
  "voice" | "named" | "answerMiss" | "intent" | "relative" | "changed" | "linked"
>;

/**
 * The model's hit for a search hit's score parts and flags: what its relevance and adjustment
 * held beyond today's weighted sum and factors kept as they are ({@linkcode Hit.extra},
 * {@linkcode Hit.rest}).
 */
export function modelHit(
  label: string,
  parts: ScoreParts,
  flags: Flags,
  voice: Voice | undefined,
): Hit {
  const hit: Hit = {
    label,
    lexical: parts.lexical,
    alignment: parts.alignment,
    similarity: parts.similarity,
    extra: 0,
    importance: parts.importance,
    recency: parts.recency,
    rest: 1,
    filler: parts.filler === true,
    ...flags,
  };
  hit.extra = parts.relevance - weightedSum(hit, CURRENT);
  const today = factors(hit, voice, CURRENT);
  hit.rest = today > 0 ? parts.adjustment / today : 1;
  return hit;
}

function vectorPart(similarity: number, floor: number): number {
  if (!Number.isFinite(similarity)) return 0;
  return Math.max(0, similarity - floor) / (1 - floor);
}

function weightedSum(hit: Hit, p: Params): number {
  if (hit.alignment === undefined) {
    return ranking.MODEL_WEIGHTS.lexical * hit.lexical +
      ranking.MODEL_WEIGHTS.vector * vectorPart(hit.similarity, ranking.VECTOR_FLOOR);
  }
  const total = p.lexical + p.alignment + p.vector;
  return (p.lexical * hit.lexical + p.alignment * hit.alignment +
    p.vector * vectorPart(hit.similarity, p.vectorFloor)) / total;
}

function voiceFactor(query: Voice | undefined, memory: Voice, p: Params): number {
  if (query === undefined || query === "other" || memory === "self") return 1;
  if (memory === "other") return 1 - p.perspective;
  return query === "self" ? 1 - p.groupPerspective : 1;
}

function factors(hit: Hit, voice: Voice | undefined, p: Params): number {
  return voiceFactor(voice, hit.voice, p) * (hit.named ? 1 - p.unnamed : 1) *
    (hit.answerMiss ? 1 - p.answerType : 1) * (hit.intent ? 1 - p.intent : 1) *
    (hit.relative ? 1 - p.relativeSubject : 1) * (hit.changed ? 1 + p.changeTold : 1) *
    (hit.linked ? p.superseded : 1);
}

/** A hit's score with `p`: relevance · nudge · factors (see the module's documentation). */
export function score(hit: Hit, voice: Voice | undefined, p: Params): number {
  const relevance = weightedSum(hit, p) + hit.extra;
  const nudge = 1 + p.nudge * (hit.importance + hit.recency - 1);
  return relevance * nudge * factors(hit, voice, p) * hit.rest;
}

/** The labels of `c`'s hits re-ranked with `p` (as search ranked them: `p` undefined). */
export function reranked(c: Case, p: Params | undefined): string[] {
  if (p === undefined) return c.hits.map((hit) => hit.label);
  const matches = c.hits.filter((hit) => !hit.filler).map((hit, i) => ({
    hit,
    i,
    score: score(hit, c.voice, p),
  }));
  matches.sort((a, b) => b.score - a.score || a.i - b.i);
  return [
    ...matches.map((m) => m.hit.label),
    ...c.hits.filter((h) => h.filler).map((h) => h.label),
  ];
}

/** `value` to three decimals, as fitted constants are printed and saved. */
export function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
