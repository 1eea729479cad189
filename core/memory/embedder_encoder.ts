/**
 * The local embedder with a neural sentence encoder beside it (`MEMORY_ENCODER=use-lite`,
 * `meaning/sentence_encoder.ts`): each vector is the local SIF vector and the encoder's vector
 * side by side, each at unit length and weighted so that the cosine of two such vectors is
 *
 *     cos = (1 − ENCODER_SHARE) · cos(SIF) + ENCODER_SHARE · cos(encoder)
 *
 * one number the vector index ranks and searches by as it does today (no new store, no new
 * channel); ranking then gives the vector part of relevance {@linkcode ENCODER_WEIGHTS}' larger
 * share. Word alignment, BM25 and the word vectors stay the local embedder's.
 *
 * @module
 */
import { MemoryUnavailable } from "../errors.ts";
import { type Embedder, LocalEmbedder } from "./embedder.ts";
import type { WordVectors } from "./meaning/word_vectors.ts";
import {
  queryInput,
  SENTENCE_ENCODER_DIMENSIONS,
  SENTENCE_ENCODER_ID,
  SentenceEncoder,
} from "./meaning/sentence_encoder.ts";
import { ENCODER_SHARE, ENCODER_WEIGHTS, LOCAL_WEIGHTS, type RelevanceWeights } from "./ranking.ts";
import { type FirstPassHit, type QueryCascade, weakEvidence } from "./encoder_cascade.ts";

/** The local embedder's vectors with the sentence encoder's beside them. */
export class EncoderEmbedder implements Embedder {
  readonly #local: LocalEmbedder;
  readonly #encoder: () => Promise<Pick<SentenceEncoder, "encode">>;
  readonly id: string;
  readonly weights: RelevanceWeights = ENCODER_WEIGHTS;
  readonly extraDimensions = SENTENCE_ENCODER_DIMENSIONS;
  /**
   * With `cascade`, a query is ranked without the encoder first (`encoder_cascade.ts`); the
   * memories' vectors, and so the id, are the same either way.
   */
  readonly cascade?: QueryCascade;

  /**
   * `encoder` stands in for the shipped model (tests); `cascade` is `true` for the default rule
   * ({@linkcode weakEvidence}) or a rule of its own (benchmarks).
   */
  constructor(
    options: {
      local?: LocalEmbedder;
      encoder?: () => Promise<Pick<SentenceEncoder, "encode">>;
      cascade?: boolean | ((first: readonly FirstPassHit[]) => boolean);
    } = {},
  ) {
    this.#local = options.local ?? new LocalEmbedder();
    const encoder = options.encoder ?? (() => SentenceEncoder.shared());
    this.#encoder = () =>
      encoder().catch((error) => {
        throw unavailable(this.id, error);
      });
    this.id = `${this.#local.id}+${SENTENCE_ENCODER_ID}-s${ENCODER_SHARE}`;
    const rule = options.cascade;
    if (rule) {
      const firstPass = this.#firstPass;
      this.cascade = {
        isFirstPass: (vector) => firstPass.has(vector),
        localWeights: LOCAL_WEIGHTS,
        similarityScale: FIRST_PASS_SIMILARITY_SCALE,
        needsEncoder: rule === true ? (first) => weakEvidence(first) : rule,
        encodedQuery: (text) => this.#encodedQuery(text),
      };
    }
  }

  /** The first-pass query vectors this embedder gave (`cascade`). */
  readonly #firstPass = new WeakSet<Float32Array>();

  /** Loads the model (about 0.4 s), so that the first search or store after a start need not. */
  async warm(): Promise<void> {
    await this.#encoder();
  }

  wordVectors(): Promise<WordVectors> {
    return this.#local.wordVectors();
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    const [local, encoded] = await Promise.all([
      this.#local.embed(texts),
      this.#encoder().then((encoder) => encoder.encode(texts)),
    ]);
    return local.map((vector, i) => joined(vector, encoded[i]!));
  }

  /**
   * A query's joined vector; with `cascade`, its first-pass vector instead (the local part
   * alone, no encoding: {@linkcode localPart}), and search asks for the joined one only when
   * the first pass is weak.
   */
  async embedQuery(text: string): Promise<Float32Array> {
    if (!this.cascade) return await this.#encodedQuery(text);
    const vector = localPart(await this.#local.embedQuery(text));
    this.#firstPass.add(vector);
    return vector;
  }

  async #encodedQuery(text: string): Promise<Float32Array> {
    const [local, encoded] = await Promise.all([
      this.#local.embedQuery(text),
      // The encoder reads the query's start only (`queryInput`): its cost stays bounded.
      this.#encoder().then((encoder) => encoder.encode([queryInput(text)])),
    ]);
    return joined(local, encoded[0]!);
  }
}

/** The error a model that cannot load gives: the memory store is out of reach, not broken. */
function unavailable(embedder: string, error: unknown): MemoryUnavailable {
  const detail = error instanceof Error ? error.message : String(error);
  return new MemoryUnavailable(`Cannot load the sentence encoder (MEMORY_ENCODER): ${detail}`, {
    reason: "embedder_unavailable",
    embedder,
    hint: "It runs under `deno run` (`deno task start`), not from a bundle; unset " +
      "MEMORY_ENCODER to use the local embedder alone",
  });
}

/**
 * A local vector in the joined space, the encoder's part zeros (unit length, as every backend's
 * cosine wants): its cosine with a joined vector is √(1 − share) times the local parts' cosine,
 * which search scales back ({@linkcode FIRST_PASS_SIMILARITY_SCALE}).
 */
export function localPart(local: Float32Array): Float32Array {
  const vector = new Float32Array(local.length + SENTENCE_ENCODER_DIMENSIONS);
  vector.set(local);
  return vector;
}

/** What a first-pass cosine is multiplied by to be the local parts' cosine. */
export const FIRST_PASS_SIMILARITY_SCALE = 1 / Math.sqrt(1 - ENCODER_SHARE);

/**
 * The two unit vectors side by side, scaled by √(1 − share) and √share: a unit vector whose
 * cosine with another such is the weighted mean of the two parts' cosines.
 */
export function joined(local: Float32Array, encoded: Float32Array): Float32Array {
  const vector = new Float32Array(local.length + encoded.length);
  const localScale = Math.sqrt(1 - ENCODER_SHARE);
  const encodedScale = Math.sqrt(ENCODER_SHARE);
  for (let i = 0; i < local.length; i++) vector[i] = local[i]! * localScale;
  for (let i = 0; i < encoded.length; i++) vector[local.length + i] = encoded[i]! * encodedScale;
  // A part that is all zeros (an empty text) leaves the other at its own length: back to unit.
  let sum = 0;
  for (const value of vector) sum += value * value;
  const norm = Math.sqrt(sum);
  if (norm > 0 && Math.abs(norm - 1) > 1e-6) {
    for (let i = 0; i < vector.length; i++) vector[i]! /= norm;
  }
  return vector;
}
