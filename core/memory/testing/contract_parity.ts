/**
 * Contract cases, backend parity: a small store whose rankings every backend must return in the
 * same order, to the place (issue 9: recall measured on SQLite must hold on PostgreSQL and
 * Chroma). The store is built so that each ranking leans on what a backend computes on its own:
 * BM25's statistics (idf among the persona's memories only, not another persona's; lengths;
 * term frequency), the query's folding and stemming as the stored terms were made, and the
 * candidate pool's cut through equal scores: 56 notes with one word and identical vectors, more
 * than a pool holds, of which every backend must keep the newest (a vector store's nearest-k
 * kept an arbitrary few of such a tie: `nearest_ties.ts`). Test code only; `contract.ts` runs
 * them.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { Candidate, CandidateQuery } from "../backend.ts";
import { LocalEmbedder } from "../embedder.ts";
import { input, type MemoryFixture } from "./contract_fixture.ts";
import type { ContractCase } from "./contract_search.ts";

/** Aria's memories, oldest first, a day apart; each one's label is its index. */
const ARIA = [
  "I planted roses along the garden fence this spring",
  "My neighbour's roses won a prize at the county fair",
  "Roses make me sneeze when they are in full bloom",
  "The garden gate squeaks and I keep forgetting to oil it",
  "I had a crème brûlée at the little café on Rue Cler",
  "We ordered creme brulee again at the cafe near the station",
  "My brother's boat is moored at the marina in Duluth",
  "Boats, boats and more boats: the harbour festival was crowded",
  "I am learning to play the cello with a teacher called Ines",
  "The cello teacher moved her lessons to Thursday evenings",
  "My sister's naïve question about taxes made everyone laugh",
  "Taxes are due in April and I always file them late",
  "I walked the dog along the lake shore before breakfast",
  "The dog chewed my running shoes, the new ones",
  "Running in the rain is my favourite way to clear my head",
  "I ran a half marathon in Minneapolis last October",
  "The piano needs tuning before the recital in May",
  "My grandmother's piano came from a church in Bergen",
];

/** Kira's memories: they hold "garden" and "piano" often, which must not weigh Aria's terms. */
const KIRA = Array.from(
  { length: 12 },
  (_, i) =>
    i % 2 === 0
      ? `Kira weeded the garden bed number ${i} and the garden path`
      : `Kira played the piano at the garden party number ${i}`,
);

/**
 * Word-for-word filler: one word ("note") in more memories than a search's pool (50) holds, and
 * identical vectors (the numbers are no words of the embedder's).
 */
const NOTES = Array.from({ length: 56 }, (_, i) => `A short note number ${i + 1}`);

/** Each query and the labels of its five best, in order, that every backend must return. */
const RANKINGS: Array<[query: string, labels: string[]]> = [
  ["garden roses", ["a0", "a2", "a1", "a3", "a4"]],
  ["creme brulee cafe", ["a4", "a5", "a12", "a7", "a3"]],
  ["a crème brûlée at the café", ["a4", "a5", "a12", "a7", "a3"]],
  ["boats", ["a7", "a6", "a12", "a5", "a13"]],
  ["running", ["a15", "a13", "a14", "a12", "a0"]],
  ["naive question", ["a10", "n55", "n54", "n53", "n52"]],
  ["note", ["n55", "n54", "n53", "n52", "n51"]],
  ["a short note", ["n55", "n54", "n53", "n52", "n51"]],
  ["piano tuning", ["a16", "a17", "a8", "a9", "n55"]],
  ["cello lessons on Thursday", ["a9", "a8", "a16", "a17", "a6"]],
  ["when are taxes due", ["a11", "a10", "n55", "n54", "n53"]],
  ["dog", ["a13", "a12", "a4", "a10", "a3"]],
];

async function storeAll(f: MemoryFixture): Promise<Map<string, string>> {
  const labels = new Map<string, string>();
  const memories: Array<[persona: typeof f.aria, label: string, content: string]> = [
    ...ARIA.map((content, i) => [f.aria, `a${i}`, content] as [typeof f.aria, string, string]),
    ...KIRA.map((content, i) => [f.kira, `k${i}`, content] as [typeof f.aria, string, string]),
    ...NOTES.map((content, i) => [f.aria, `n${i}`, content] as [typeof f.aria, string, string]),
  ];
  for (const [persona, label, content] of memories) {
    f.clock.advance(86_400_000);
    const stored = await f.memory.store(persona, input({ content, importance: 0.5 }));
    labels.set(stored.id, label);
  }
  return labels;
}

/** The store's rankings on `f`'s backend: each query's five best, by label. */
export async function parityRankings(f: MemoryFixture): Promise<Array<[string, string[]]>> {
  const labels = await storeAll(f);
  const found: Array<[string, string[]]> = [];
  for (const [query] of RANKINGS) {
    const hits = await f.memory.search(f.aria, { query, n_results: 5, min_importance: 0 });
    found.push([query, hits.map((hit) => labels.get(hit.id) ?? "?")]);
  }
  return found;
}

/** The parity cases. */
export const PARITY_CASES: ContractCase[] = [
  ["a full-text-only lookup returns the best full-text hits alone, on every backend", async (f) => {
    const stored = await storeAll(f);
    const labels = (found: Candidate[]) =>
      found.map((candidate) => stored.get(candidate.record.id)).sort();
    const [vector] = await new LocalEmbedder().embed(["learning to play with Ines"]);
    const query: CandidateQuery = {
      personaId: f.aria.id,
      othersVisibility: [],
      vector: vector!,
      embedder: f.memory.embedderId,
      terms: ["cello"],
      minImportance: 0,
      limit: 1,
    };
    // The nearest vector ("I am learning to play the cello with ... Ines") is not the best BM25
    // hit of "cello" (the shorter "The cello teacher moved her lessons ...").
    assert.deepEqual(labels(await f.backend.candidates({ ...query, lexicalOnly: true })), ["a9"]);
    assert.deepEqual(labels(await f.backend.candidates(query)), ["a8", "a9"]);
  }],
  ["every backend ranks the same small store in the same order, to the place", async (f) => {
    assert.deepEqual(await parityRankings(f), RANKINGS);
  }],
];
