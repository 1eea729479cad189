/**
 * Experiment (issue 9): the recall sets (in process, as `../_quick.ts`) with USE in the vector
 * channel, from the caches `use_vectors.ts` writes. Set 3 is blind: only its totals print.
 *
 *   deno run -A tests/bench/recall/use/_use_quick.ts off|use|distilled [--alpha 0] [--dir D]
 *
 * - `off`: the local embedder as shipped (the baseline).
 * - `use`: the real USE sentence vector of each memory and query (`texts` cache) in place of the
 *   SIF vector, blended as cos = α·cos(SIF) + (1 − α)·cos(USE); word alignment unchanged. The
 *   ceiling: USE at run time costs ~29 ms of CPU per query.
 * - `distilled`: the vector of `distilled.ts` (fitted on the `corpus` cache, λ 10, top 64
 *   directions) in place of the SIF vector, blended the same way.
 *
 * @module
 */
import { input, memoryFixture } from "../../../../core/memory/testing/contract_fixture.ts";
import { SqliteBackend } from "../../../../core/memory/sqlite_backend.ts";
import type { SqliteDatabase } from "../../../../core/storage/mod.ts";
import { type Embedder, LocalEmbedder, queryMeaning } from "../../../../core/memory/embedder.ts";
import { WordVectors } from "../../../../core/memory/meaning/word_vectors.ts";
import { figures, KINDS, loadRecallSet, type QueryOutcome, type RecallSet } from "../_set.ts";
import { applyMap, features, fitMap, unit, UseWords } from "./distilled.ts";
import { USE_DIMENSIONS } from "./use_vectors.ts";

const flag = (name: string, fallback: string) => {
  const at = Deno.args.indexOf(`--${name}`);
  return at >= 0 ? Deno.args[at + 1] ?? fallback : fallback;
};
const mode = Deno.args[0] ?? "off";
const alpha = Number(flag("alpha", "0"));
const dir = flag("dir", "/tmp/recall_use");

/** `[√α·a, √(1−α)·b]`: its cosines are α·cos(a) + (1 − α)·cos(b). */
function blend(a: Float32Array, b: Float32Array): Float32Array {
  const out = new Float32Array(a.length + b.length);
  a.forEach((value, i) => out[i] = Math.sqrt(alpha) * value);
  b.forEach((value, i) => out[a.length + i] = Math.sqrt(1 - alpha) * value);
  return out;
}

/** Another sentence vector of a text (a query's when `query`), given its SIF vector. */
type OtherVector = (text: string, query: boolean, sif: Float32Array) => Promise<Float32Array>;

/** The local embedder with another sentence vector blended into (or replacing) SIF's. */
class BlendedEmbedder implements Embedder {
  readonly id: string;
  readonly #local = new LocalEmbedder();
  readonly #other: OtherVector;
  wordVectors = () => this.#local.wordVectors();

  constructor(id: string, other: OtherVector) {
    this.id = id;
    this.#other = other;
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const sifs = await this.#local.embed(texts);
    return await Promise.all(
      texts.map(async (text, i) => blend(sifs[i]!, await this.#other(text, false, sifs[i]!))),
    );
  }

  async embedQuery(text: string): Promise<Float32Array> {
    const sif = await this.#local.embedQuery(text);
    return blend(sif, await this.#other(text, true, sif));
  }
}

async function embedder(): Promise<Embedder> {
  if (mode === "use") {
    const cache = JSON.parse(await Deno.readTextFile(`${dir}/texts.json`)) as Record<
      string,
      number[]
    >;
    return new BlendedEmbedder(
      `use-${alpha}`,
      (text) => Promise.resolve(unit(Float32Array.from(cache[text]!))),
    );
  }
  if (mode !== "distilled") return new LocalEmbedder();
  const glove = await WordVectors.shared();
  const tables = { glove, use: new UseWords(dir) };
  const sentences = (await Deno.readTextFile(`${dir}/corpus.txt`)).split("\n");
  const targets = new Float32Array((await Deno.readFile(`${dir}/corpus.f32`)).buffer);
  const inputs: Float32Array[] = [], outputs: Float32Array[] = [];
  sentences.forEach((sentence, i) => {
    const sif = glove.sentence(sentence);
    if (!sif.some((value) => value !== 0)) return;
    inputs.push(features(sentence, tables, { sif }));
    outputs.push(targets.subarray(i * USE_DIMENSIONS, (i + 1) * USE_DIMENSIONS));
  });
  const map = fitMap(inputs, outputs, { lambda: 10, k: 64 });
  return new BlendedEmbedder(`distilled-${alpha}`, (text, query, sif) => {
    const meaning = query ? queryMeaning(text, glove) : { text, shareOf: undefined };
    return Promise.resolve(
      applyMap(map, features(meaning.text, tables, { factorOf: meaning.shareOf, sif })),
    );
  });
}

async function store(set: RecallSet, unlinked: boolean, using: Embedder) {
  const fixture = await memoryFixture((db) => new SqliteBackend(db as SqliteDatabase));
  const memory = await fixture.reopen({ embedder: using });
  const labels = new Map<string, string>();
  const ids = new Map<string, string>();
  for (const { label, text, supersedes } of set.memories) {
    fixture.clock.advance(60_000);
    const replaces = supersedes && !unlinked ? [ids.get(supersedes)!] : undefined;
    const record = await memory.store(fixture.aria, input({ content: text, supersedes: replaces }));
    labels.set(record.id, label);
    ids.set(label, record.id);
  }
  return { fixture, memory, labels };
}

const using = await embedder();
const lines = [`${mode} alpha ${alpha}`];
for (const setName of ["", "set2", "set3"]) {
  const set = setName === ""
    ? loadRecallSet()
    : loadRecallSet(new URL(`../${setName}/`, import.meta.url));
  for (const unlinked of [false, true]) {
    const { fixture, memory, labels } = await store(set, unlinked, using);
    const outcomes: QueryOutcome[] = [];
    for (const query of set.queries) {
      const hits = await memory.search(fixture.aria, {
        query: query.text,
        n_results: 10,
        min_importance: 0,
      });
      outcomes.push({ query, ranked: hits.map((hit) => labels.get(hit.id)!) });
    }
    await fixture.close();
    const kinds = setName === "set3" ? ["overall"] : [...KINDS, "overall"];
    const cells = kinds.map((kind) => {
      const result = figures(outcomes.filter((o) => kind === "overall" || o.query.kind === kind));
      return `${kind} ${result.recallAt5.toFixed(3)}/${result.mrr.toFixed(3)}`;
    });
    lines.push(
      `${(setName || "set1") + (unlinked ? " unlinked" : " linked")} | ${cells.join(" | ")}`,
    );
  }
}
console.log(lines.join("\n"));
