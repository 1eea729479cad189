/**
 * Which stored vectors an analyser change leaves stale. The local embedder (`embedder.ts`, with
 * or without the sentence encoder) reads a text with the analyser (`text.ts`): the words of its
 * SIF vector, and the hashed features of a text without a known English word. Version 2 of the
 * analyser reads only text that is not plain ASCII differently, version 3 text with a texting
 * spelling (`chat_speak.ts`), so those memories' local vectors are made again (`memory.reindex`, `memory_reindex.ts`): SQLite and PostgreSQL queue them in
 * `memory_remake` by migration, Chroma marks every vector it stores with the analyser's version
 * (`vectors_analyser`) and counts one without the mark as stale. A model's vectors (Ollama,
 * OpenAI-compatible) read the raw text and are never made again for this.
 *
 * @module
 */
import { ANALYSER_VERSION, words } from "./text.ts";
import { CHAT_SPEAK } from "./chat_speak.ts";

/** The prefix of the local embedder's ids (`local-v2-…`, `local-v2-…+use-…`). */
export const LOCAL_EMBEDDER_PREFIX = "local-";

/** The Chroma metadata key of the analyser version a vector was made with. */
export const VECTORS_ANALYSER_KEY = "vectors_analyser";

/** The mark Chroma stores beside every vector this version makes. */
export const VECTORS_MARK = { [VECTORS_ANALYSER_KEY]: ANALYSER_VERSION };

// deno-lint-ignore no-control-regex
const NOT_ASCII = /[^\x00-\x7f]/;

/**
 * Whether `embedder`'s vector of `content` depends on the analyser's version: a local vector of
 * text that is not plain ASCII (version 2) or holds a texting spelling (version 3,
 * `chat_speak.ts`).
 */
export function analyserBound(embedder: string, content: string): boolean {
  return embedder.startsWith(LOCAL_EMBEDDER_PREFIX) &&
    (NOT_ASCII.test(content) || words(content).some((word) => CHAT_SPEAK.has(word)));
}

/** Whether a Chroma vector of `content` stored with `metadata` was made by an older analyser. */
export function staleChromaVector(
  embedder: string,
  content: string,
  metadata: Record<string, unknown> | null | undefined,
): boolean {
  return analyserBound(embedder, content) &&
    metadata?.[VECTORS_ANALYSER_KEY] !== ANALYSER_VERSION;
}
