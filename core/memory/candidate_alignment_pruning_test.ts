/**
 * Alignment's pruning (`candidate_alignment.ts`) is conservative: a candidate that could still
 * reach the best ones' voice-weighted scores is aligned exactly as with no pruning at all (a
 * limit whose compared candidates outnumber the candidates: the floor stays 0). Memories and
 * query are from the open development set `tests/bench/recall/set2`; the lexical and vector
 * parts are set so the candidate under test falls between the floor pruning must use and the
 * floor a wrong voice factor would give.
 */
import assert from "node:assert/strict";
import type { Candidate } from "./backend.ts";
import { alignCandidates, type AlignmentQuery } from "./candidate_alignment.ts";
import { LocalEmbedder } from "./embedder.ts";
import {
  comparedCandidates,
  LOCAL_WEIGHTS,
  outscoreRatio,
  relevance,
  relevanceBound,
  voiceFactor,
} from "./ranking.ts";
import { NOTE_HEAD, PERSPECTIVE } from "./text_factor_shares.ts";
import { sampleRecord } from "./testing/record_fixture.ts";
import { TextFactors } from "./text_factors.ts";
import { queryModifiers } from "./noun_modifiers.ts";
import { analysedTerms } from "./text.ts";
import { alignmentQueryOf } from "./testing/alignment_query.ts";
import set2 from "../../tests/bench/recall/set2/facts.json" with { type: "json" };

const facts: Record<string, string> = set2.facts;
/** set2's query for f03 (the candidate under test), in the persona's own voice. */
const QUERY = "I work night shifts as a nurse";
/** The candidate under test: f03, its answer. */
const TARGET = facts.f03!;
/** Ten other set2 facts, none about night shifts: the best ones that set the floor. */
const OTHERS = ["f02", "f04", "f06", "f07", "f11", "f12", "f13", "f14", "f01", "f05"]
  .map((id) => facts[id]!);
const embedder = new LocalEmbedder();
const weigher = {
  termWeights: (query: { terms: readonly string[] }) => Promise.resolve(query.terms.map(() => 1)),
};
/** Limit 1 compares 10 candidates: the eleventh meets a floor. */
const LIMIT = 1;
/** A limit that compares more candidates than any test has: nothing is pruned. */
const UNPRUNED = 100;

function alignmentQuery(limit: number): AlignmentQuery {
  return alignmentQueryOf(QUERY, limit);
}

interface Shape {
  content: string;
  lexical: number;
  similarity: number;
  bridged?: boolean;
  replaced?: boolean;
}

function candidates(shapes: readonly Shape[]): Candidate[] {
  return shapes.map((shape) => ({
    lexical: shape.lexical,
    similarity: shape.similarity,
    bridge: shape.bridged ? { from: "naming-memory", share: 0.5 } : undefined,
    record: sampleRecord({
      content: shape.content,
      superseded_by: shape.replaced ? "newer-memory" : null,
    }),
  }));
}

async function aligned(
  shapes: readonly Shape[],
  limit: number,
  query: Partial<AlignmentQuery> = {},
): Promise<Candidate[]> {
  const found = candidates(shapes);
  await alignCandidates(found, { ...alignmentQuery(limit), ...query }, { weigher, embedder });
  return found;
}

/** Ten set2 facts that rank well (bridged: named through another memory). */
function others(bridged: boolean): Shape[] {
  return OTHERS.map((content) => ({ content, lexical: 0.85, similarity: 1, bridged }));
}

/**
 * The floor the ten `others` set: the lowest of their relevances times `voice` (the lowest
 * voice factor they can rank with), times the outscore ratio.
 */
async function floorOf(shapes: readonly Shape[], voice: number): Promise<number> {
  const found = await aligned(shapes, UNPRUNED);
  assert.equal(found.length, comparedCandidates(LIMIT));
  return Math.min(...found.map((item) => relevance(item) * voice)) * outscoreRatio(false);
}

/** The target with lexical part set so its bound is `bound` (no vector part). */
function targetWithBound(bound: number, fields: Partial<Shape> = {}): Shape {
  const lexical = (bound - LOCAL_WEIGHTS.alignment) / LOCAL_WEIGHTS.lexical;
  assert.ok(lexical > 0 && lexical <= 1, `bound ${bound} needs a lexical part of ${lexical}`);
  return { content: TARGET, lexical, similarity: 0, ...fields };
}

/** Aligns `shapes` pruned and unpruned; the target (last) must be aligned alike, and aligned. */
async function assertTargetAlignedAsUnpruned(
  shapes: Shape[],
  query: Partial<AlignmentQuery> = {},
): Promise<void> {
  const pruned = await aligned(shapes, LIMIT, query);
  const whole = await aligned(shapes, UNPRUNED, query);
  // The target is read after the ten (its bound is lower): the floor is set when it comes.
  const bounds = pruned.map((item) => relevanceBound(item));
  assert.ok(bounds.slice(0, -1).every((bound) => bound > bounds.at(-1)!), "target read last");
  assert.ok(whole.at(-1)!.alignment!.score > 0, "the target aligns with its query");
  assert.deepEqual(pruned.at(-1)!.alignment, whole.at(-1)!.alignment);
  assert.deepEqual(pruned.map((item) => item.alignment), whole.map((item) => item.alignment));
}

Deno.test("a memory that can outscore bridged ones at their lowest voice is aligned (not their highest)", async () => {
  // Bridged memories may rank with the naming memory's voice, down to 1 − PERSPECTIVE: the
  // floor is set by that lowest factor. A floor from factor 1 would leave the target unaligned.
  const bridged = others(true);
  const floor = await floorOf(bridged, 1 - PERSPECTIVE);
  const target = targetWithBound(floor / Math.sqrt(1 - PERSPECTIVE));
  assert.ok(relevanceBound(target) < floor / (1 - PERSPECTIVE), "under a floor from factor 1");
  await assertTargetAlignedAsUnpruned([...bridged, target]);
});

Deno.test("a bridged memory is pruned on its highest voice factor, not its lowest", async () => {
  // In its own voice ("I work ...") it ranks with factor 1: pruning it on 1 − PERSPECTIVE
  // would leave unaligned a memory that can still outscore the tenth.
  const plain = others(false);
  const floor = await floorOf(plain, 1);
  const target = targetWithBound(floor / Math.sqrt(1 - PERSPECTIVE), { bridged: true });
  assert.ok(
    relevanceBound(target) * (1 - PERSPECTIVE) < floor,
    "under the floor at 1 − PERSPECTIVE",
  );
  await assertTargetAlignedAsUnpruned([...plain, target]);
});

Deno.test("a replaced memory is aligned however low its bound (its relevance passes on)", async () => {
  const plain = others(false);
  const floor = await floorOf(plain, 1);
  const target: Shape = { content: TARGET, lexical: 0.05, similarity: 0, replaced: true };
  assert.ok(relevanceBound(target) < floor, "under the floor even with factor 1");
  await assertTargetAlignedAsUnpruned([...plain, target]);
});

Deno.test("a note headed by a query term is pruned on its score with NOTE_HEAD, not without", async () => {
  // The target, in the persona's voice, is a note headed by "night shifts": it may rank with
  // 1 + NOTE_HEAD. The floor is the ten's, each at its own voice's factor (none is a note).
  const note = "night shifts: I work them as a nurse on the cardiac ward";
  const modifiers = queryModifiers(QUERY, analysedTerms(QUERY));
  const factors = new TextFactors({ modifiers });
  assert.equal(factors.headed(sampleRecord({ content: note })), 1 + NOTE_HEAD);
  const plain = others(false);
  const found = await aligned(plain, UNPRUNED);
  const floor = Math.min(
    ...found.map((item) => relevance(item) * voiceFactor("self", factors.voice(item.record))),
  ) * outscoreRatio(false);
  const target = targetWithBound(floor / Math.sqrt(1 + NOTE_HEAD), { content: note });
  assert.ok(relevanceBound(target) < floor, "under the floor without the head's gain");
  await assertTargetAlignedAsUnpruned([...plain, target], { modifiers } as Partial<AlignmentQuery>);
});
