/**
 * Embedders turn text into unit-length vectors. The built-in {@linkcode LocalEmbedder} needs no
 * model and no network (SIF sentence vectors of the GloVe word vectors shipped in the server);
 * {@linkcode ModelEmbedder} uses `EMBED_MODEL` through the model server (Ollama's `/api/embed`
 * or an OpenAI-compatible `/v1/embeddings`). Every memory
 * records the id of the embedder that made its vector, and search only compares vectors made by
 * the same one.
 *
 * @module
 */
import { AppError, Busy, Cancelled, LlmUnavailable, MemoryUnavailable } from "../errors.ts";
import type { LlmClient } from "../llm/client.ts";
import { qualifiedModel } from "../llm/model_ref.ts";
import { fnv1a } from "../numbers.ts";
import { checkedEmbeddings, invalidEmbeddings } from "./embedding_checks.ts";
import { WordVectors } from "./meaning/word_vectors.ts";
import { WORD_VECTOR_ID } from "./meaning/vector_tables.ts";
import { plainQuery } from "./meaning/answer_types.ts";
import { analysedTerms, stem } from "./text.ts";
import { frameTerms } from "./query.ts";
import { QUERY_FRAME_MEANING_WEIGHT, type RelevanceWeights } from "./ranking.ts";
import { queryPhrases } from "./expansion.ts";
import type { QueryCascade } from "./encoder_cascade.ts";

/** Something that turns texts into unit-length vectors of one fixed dimension. */
export interface Embedder {
  /** Stable id recorded on each memory, e.g. `local-v2-glove100-sif-q4-v1`. */
  readonly id: string;
  /** One vector per text, same order; each has length 1 (or is all zeros for empty text). */
  embed(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]>;
  /** The word vectors behind the embedder, when it has some (ranking then aligns words). */
  wordVectors?(): Promise<WordVectors>;
  /**
   * A search query's vector, when the embedder weighs a question's words otherwise than a
   * memory's (the local one: question-frame words weigh less, as in BM25); else `embed`'s.
   */
  embedQuery?(text: string): Promise<Float32Array>;
  /** Relevance's channel weights for its vectors, when not the local or a model's (`ranking.ts`). */
  readonly weights?: RelevanceWeights;
  /**
   * With word vectors: how many dimensions its vectors hold beyond theirs (the sentence
   * encoder's part), for the warm-up's index loads (`warm_up.ts`); none when absent.
   */
  readonly extraDimensions?: number;
  /** Loads what its first embedding would (the sentence encoder's model): the warm-up calls it. */
  warm?(): Promise<void>;
  /** Queries are ranked without its costly part first, and with it only when that is weak. */
  readonly cascade?: QueryCascade;
}

/** Scales `vector` to unit length in place (a zero vector stays zero) and returns it. */
export function normalize(vector: Float32Array): Float32Array {
  let sum = 0;
  for (const value of vector) sum += value * value;
  const norm = Math.sqrt(sum);
  if (norm > 0) { for (let i = 0; i < vector.length; i++) vector[i]! /= norm; }
  return vector;
}

const WORD_WEIGHT = 1;
const PAIR_WEIGHT = 0.5;
/** Shared by all trigrams of one word, so long words do not outweigh their whole-word feature. */
const TRIGRAM_BUDGET = 0.9;
/**
 * Each feature lands in two buckets at half weight: one collision then fakes only half a match,
 * which roughly halves the worst spurious similarity between unrelated texts.
 */
const SEEDS = [0x811c9dc5, 0x01000193];
const SHARE = Math.SQRT1_2;

/**
 * The hashed bag of features of `text` at unit length: whole stemmed words carry most of the
 * weight, word pairs add a little order, and the trigrams of each word let spellings that stem
 * apart ("Lisboa", "Lisbon") still meet; a text without a word, its characters (all zeros only
 * for white space).
 */
export function hashedFeatures(text: string, dimensions: number): Float32Array {
  const vector = new Float32Array(dimensions);
  const add = (feature: string, weight: number) => {
    for (const seed of SEEDS) {
      const hash = fnv1a(feature, seed);
      // The top bit picks the sign so that collisions cancel out on average, not pile up.
      vector[hash % dimensions]! += hash & 0x80000000 ? -weight * SHARE : weight * SHARE;
    }
  };
  const stems = analysedTerms(text);
  // No word at all (punctuation, lone marks): its characters, so that such a query still gets
  // the nearest memories as fillers, as a query of unknown words does.
  if (stems.length === 0) {
    for (const char of text.replace(/\s+/gu, "")) add(`c:${char}`, WORD_WEIGHT);
  }
  for (let i = 0; i < stems.length; i++) {
    const word = stems[i]!;
    add(`w:${word}`, WORD_WEIGHT);
    if (i > 0) add(`p:${stems[i - 1]} ${word}`, PAIR_WEIGHT);
    const padded = `<${word}>`;
    const count = padded.length - 2;
    for (let j = 0; j < count; j++) add(`t:${padded.slice(j, j + 3)}`, TRIGRAM_BUDGET / count);
  }
  return normalize(vector);
}

/**
 * The offline default, no model and no network: the SIF sentence vector of GloVe word vectors
 * (`meaning/word_vectors.ts`), 100 dimensions, so "physician" and "doctor" meet. Words as such
 * are BM25's job. A text without a single known word (only names, say) gets its hashed word
 * features in the same 100 dimensions instead, so such texts still find each other.
 */
export class LocalEmbedder implements Embedder {
  readonly id = `local-v2-${WORD_VECTOR_ID}`;

  /** The shipped GloVe table. */
  wordVectors(): Promise<WordVectors> {
    return WordVectors.shared();
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const words = await WordVectors.shared();
    if (texts.length === 1) return [sentenceVector(texts[0]!, words)];
    // A dialogue turn's listeners all store the same text ("Mira said: …"): computed once, and
    // each gets its own copy.
    const byText = new Map<string, Float32Array>();
    return texts.map((text) => {
      const known = byText.get(text);
      if (known) return known.slice();
      const vector = sentenceVector(text, words);
      byText.set(text, vector);
      return vector;
    });
  }

  /**
   * A query's SIF vector as its words mean it ({@linkcode queryMeaning}): its question-frame
   * words ("tell me about", "do I still") at {@linkcode QUERY_FRAME_MEANING_WEIGHT} of their
   * share, since they say how the question is asked, not what about; and each of its WordNet
   * phrases ("get hitched") as one word meaning what its one-word synonyms do ("marry", "wed").
   * A query made of frame words only gets `embed`'s vector.
   */
  async embedQuery(text: string): Promise<Float32Array> {
    const words = await WordVectors.shared();
    // "for a living" asks for a job (`plainQuery`), as search reads it.
    const meaning = queryMeaning(plainQuery(text), words);
    const meant = words.sentence(meaning.text, meaning.shareOf);
    return meant.some((value) => value !== 0) ? meant : sentenceVector(text, words);
  }
}

/**
 * A query's words for its sentence vector and each one's share of its SIF weight: a
 * question-frame word's is {@linkcode QUERY_FRAME_MEANING_WEIGHT}; the words of a phrase
 * WordNet knows (not a phrasal verb, whose particle may be a preposition: "go on holiday")
 * give way to its one-word synonyms, appended, which share one word's weight between them, as
 * word alignment takes the phrase for one word with their mean vector (`preparedPhrase`).
 */
export function queryMeaning(
  text: string,
  words: WordVectors,
): { text: string; shareOf: (word: string) => number } {
  const phrases = queryPhrases(text, words).filter((phrase) => !phrase.phrasal);
  const phraseTerms = new Set(phrases.flatMap((phrase) => phrase.terms));
  const synonyms = new Map<string, number>();
  for (const phrase of phrases) {
    for (const word of phrase.words) {
      synonyms.set(word, (synonyms.get(word) ?? 0) + 1 / phrase.words.length);
    }
  }
  const frames = frameTerms(text);
  const shareOf = (word: string) => {
    const wordStem = stem(word);
    if (frames.has(wordStem)) return QUERY_FRAME_MEANING_WEIGHT;
    return synonyms.get(word) ?? (phraseTerms.has(wordStem) ? 0 : 1);
  };
  return { text: [text, ...synonyms.keys()].join(" "), shareOf };
}

/** The SIF vector of `text`, or its hashed word features when it has no known word. */
function sentenceVector(text: string, words: WordVectors): Float32Array {
  const meaning = words.sentence(text);
  return meaning.some((value) => value !== 0) ? meaning : hashedFeatures(text, words.dimensions);
}

/** Embeddings from a model server's model (`EMBED_MODEL`). */
export class ModelEmbedder implements Embedder {
  readonly id: string;
  readonly #llm: LlmClient;
  readonly #model: string;
  /** The dimension of this embedder's first valid reply. */
  #dimensions?: number;

  /** Embeds with `model` through `llm`. */
  constructor(llm: LlmClient, model: string) {
    this.#llm = llm;
    this.#model = model;
    // The provider is part of the id: vectors from different servers are never compared.
    this.id = qualifiedModel(model, llm.provider);
  }

  /**
   * One vector per text, checked ({@linkcode checkedEmbeddings}): a reply of the wrong shape,
   * with a value that is no finite number, all zeros, over 8,192 numbers
   * (`MAX_EMBEDDING_DIMENSIONS`) or of another dimension than this embedder's first reply is
   * refused with `EmbedderInvalid` (reason `embedder_invalid`) and nothing is stored.
   */
  async embed(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    const vectors = checkedEmbeddings(await this.#reply(texts, signal), {
      embedder: this.id,
      model: this.#model,
      inputs: texts.length,
      dimensions: this.#dimensions,
    });
    // Pinned by the first valid reply: the index compares only vectors of one dimension.
    this.#dimensions ??= vectors[0]!.length;
    return vectors.map(normalize);
  }

  async #reply(texts: readonly string[], signal?: AbortSignal): Promise<unknown> {
    try {
      return await this.#llm.embed(this.#model, [...texts], { signal });
    } catch (error) {
      if (error instanceof Cancelled || signal?.aborted) throw error; // a cancel, a claim lost
      // A full queue is the model server at work, not missing: -32003 "retry shortly" (HTTP 429).
      if (error instanceof Busy) throw error;
      const reason = error instanceof LlmUnavailable
        ? (error.data as { reason?: unknown } | undefined)?.reason
        : undefined;
      if (reason === "reply_too_large") {
        throw invalidEmbeddings(
          { embedder: this.id, model: this.#model },
          "its reply was too large",
        );
      }
      if (!(error instanceof AppError) || reason === "unreadable_reply") {
        // A reply the client library could not read (never its JS error text to the client).
        throw invalidEmbeddings(
          { embedder: this.id, model: this.#model },
          "its reply could not be read",
        );
      }
      throw new MemoryUnavailable(`Cannot embed with "${this.#model}": ${error.message}`, {
        reason: "embedder_unavailable",
        embedder: this.id,
        detail: error.data,
        hint: "Start the model server and make EMBED_MODEL available there, or unset EMBED_MODEL " +
          "to use the local embedder",
      });
    }
  }
}

/** Cosine of two unit vectors of equal length (their dot product). */
export function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}
