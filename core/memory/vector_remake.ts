/**
 * Which stored vectors an analyser change leaves stale. The local embedder (`embedder.ts`, with
 * or without the sentence encoder) reads a text with the analyser (`text.ts`): the words of its
 * SIF vector, and the hashed features of a text without a known English word. Version 2 of the
 * analyser reads only text that is not plain ASCII differently, version 3 text with a texting
 * spelling (`chat_speak.ts`), version 4 text with a dialect or texting spelling of a function
 * word (`DIALECT_SPEAK`), so those memories' local vectors are made again (`memory.reindex`,
 * `memory_reindex.ts`): SQLite and PostgreSQL queue them in
 * `memory_remake` by migration, Chroma marks every vector it stores with the analyser's version
 * (`vectors_analyser`) and counts one without the mark as stale. A model's vectors (Ollama,
 * OpenAI-compatible) read the raw text and are never made again for this.
 *
 * @module
 */
import { ANALYSER_VERSION, words } from "./text.ts";
import { CHAT_SPEAK, DIALECT_SPEAK } from "./chat_speak.ts";

/** The prefix of the local embedder's ids (`local-v2-…`, `local-v2-…+use-…`). */
export const LOCAL_EMBEDDER_PREFIX = "local-";

/** The Chroma metadata key of the analyser version a vector was made with. */
export const VECTORS_ANALYSER_KEY = "vectors_analyser";

/** The mark Chroma stores beside every vector this version makes. */
export const VECTORS_MARK = { [VECTORS_ANALYSER_KEY]: ANALYSER_VERSION };

// deno-lint-ignore no-control-regex
const NOT_ASCII = /[^\x00-\x7f]/;

/**
 * Whether `content` holds a texting spelling of the lexicon (`chat_speak.ts`): the texts analyser
 * 3 reads differently. One pass over the analyser's words and a lookup each, whatever the
 * lexicon holds (it is read at run time, so a new lexicon needs no new code here).
 */
export function holdsChatSpeak(content: string): boolean {
  for (const word of words(content)) if (CHAT_SPEAK.has(word)) return true;
  return false;
}

/**
 * Whether `content` holds a spelling analyser 4 added to the lexicon (`DIALECT_SPEAK`: "dae",
 * "aboot", "wot"): the texts version 4 reads differently from version 3. One pass over the
 * analyser's words, as {@linkcode holdsChatSpeak}.
 */
export function holdsDialectSpeak(content: string): boolean {
  for (const word of words(content)) if (DIALECT_SPEAK.has(word)) return true;
  return false;
}

/**
 * The latest analyser version that reads `content` differently from the one before it: 4 for a
 * dialect spelling of a function word, 3 for another texting spelling, 2 for text that is not
 * plain ASCII, else 1 (read alike by every version).
 */
function lastReadChange(content: string): number {
  let texted = false;
  for (const word of words(content)) {
    if (DIALECT_SPEAK.has(word)) return 4;
    texted ||= CHAT_SPEAK.has(word);
  }
  if (texted) return 3;
  return NOT_ASCII.test(content) ? 2 : 1;
}

/**
 * Whether `embedder`'s vector of `content` depends on the analyser's version: a local vector of
 * text that is not plain ASCII (version 2) or holds a texting spelling (version 3,
 * `chat_speak.ts`) or a dialect spelling of a function word (version 4).
 */
export function analyserBound(embedder: string, content: string): boolean {
  return embedder.startsWith(LOCAL_EMBEDDER_PREFIX) && lastReadChange(content) > 1;
}

/**
 * Whether a Chroma vector of `content` stored with `metadata` was made by an older analyser that
 * reads it differently: its mark (none before version 2: 1) is older than the latest version that
 * changed how such text is read. A non-ASCII text without a texting spelling, made by version 2,
 * is read alike by versions 3 and 4 and stays; a texted one made by version 3 stays unless it
 * holds a spelling version 4 added.
 */
export function staleChromaVector(
  embedder: string,
  content: string,
  metadata: Record<string, unknown> | null | undefined,
): boolean {
  if (!embedder.startsWith(LOCAL_EMBEDDER_PREFIX)) return false;
  const mark = metadata?.[VECTORS_ANALYSER_KEY];
  const made = typeof mark === "number" ? mark : 1;
  return made < ANALYSER_VERSION && made < lastReadChange(content);
}
