/**
 * Checks on a model server's embeddings before they become memory vectors: a hostile or broken
 * server must not store a vector that cannot be compared (NaN, all zeros), one of another
 * dimension, or a huge one.
 *
 * @module
 */
import { EmbedderInvalid } from "../errors.ts";

/**
 * The most numbers one embedding may have. Real embedding models give 256–4,096 (the largest
 * common ones 3,072 or 4,096); past this a reply is refused, before anything is stored.
 */
export const MAX_EMBEDDING_DIMENSIONS = 8192;

/** What a reply must match: one vector per input, of `dimensions` when already known. */
export interface EmbeddingExpectation {
  /** Id of the embedder, for the error's data. */
  embedder: string;
  /** The model's name, for the message. */
  model: string;
  /** How many texts were sent. */
  inputs: number;
  /** The dimension the embedder gave before, if it has. */
  dimensions?: number;
}

/**
 * The reply's vectors as Float32Arrays (not yet normalised), or `EmbedderInvalid` with
 * reason `embedder_invalid` and a plain message saying what was wrong.
 */
export function checkedEmbeddings(reply: unknown, expected: EmbeddingExpectation): Float32Array[] {
  const refuse = (problem: string): never => {
    throw invalidEmbeddings(expected, problem);
  };
  if (!Array.isArray(reply)) refuse("the embedder's reply holds no list of vectors");
  const vectors = reply as unknown[];
  if (vectors.length !== expected.inputs) {
    refuse(`the embedder returned ${vectors.length} vectors for ${expected.inputs} inputs`);
  }
  let dimensions = expected.dimensions;
  return vectors.map((vector) => {
    if (!Array.isArray(vector)) refuse("the embedder returned a vector that is not a list");
    const numbers = vector as unknown[];
    if (numbers.length === 0 || numbers.length > MAX_EMBEDDING_DIMENSIONS) {
      refuse(
        `the embedder returned ${numbers.length} numbers, expected 1 to ${MAX_EMBEDDING_DIMENSIONS}`,
      );
    }
    if (expected.dimensions !== undefined && numbers.length !== expected.dimensions) {
      // Its first reply since the server started had another size: a model changed under its name.
      throw invalidEmbeddings(
        expected,
        `the embedder returned ${numbers.length} numbers, expected ${expected.dimensions}`,
        DIMENSION_CHANGED_HINT,
      );
    }
    if (dimensions !== undefined && numbers.length !== dimensions) {
      refuse(`the embedder returned ${numbers.length} numbers, expected ${dimensions}`);
    }
    dimensions = numbers.length;
    const floats = new Float32Array(numbers.length);
    let nonZero = false;
    for (let i = 0; i < numbers.length; i++) {
      const value = numbers[i];
      // Checked after the float32 cast too: 1e300 is finite, its float32 is not.
      floats[i] = typeof value === "number" ? value : NaN;
      if (!Number.isFinite(floats[i])) {
        refuse("the embedder returned a vector with a value that is not a finite number");
      }
      if (floats[i] !== 0) nonZero = true;
    }
    if (!nonZero) refuse("the embedder returned a vector of zeros (it has no direction)");
    return floats;
  });
}

/**
 * The hint when the vectors' size differs from the embedder's first reply since the server
 * started. `memory.reindex` re-embeds only memories of another embedder id, and the id is the
 * model's name: memories embedded by the old model under that name need the new one named apart.
 */
export const DIMENSION_CHANGED_HINT =
  "The model behind EMBED_MODEL changed its vector size (replaced under the same name?): " +
  "restart the server. Memories it embedded before keep the old size: to re-embed them, name the " +
  "new model differently in EMBED_MODEL (e.g. `ollama cp`), restart, then run memory.reindex";

/** The error for a reply that is not a list of valid vectors: `problem` says what was wrong. */
export function invalidEmbeddings(
  expected: Pick<EmbeddingExpectation, "embedder" | "model">,
  problem: string,
  hint = "Check that EMBED_MODEL is an embedding model and the model server is healthy, " +
    "or unset EMBED_MODEL to use the local embedder",
): EmbedderInvalid {
  return new EmbedderInvalid(`Cannot embed with "${expected.model}": ${problem}`, {
    reason: "embedder_invalid",
    embedder: expected.embedder,
    hint,
  });
}
