/**
 * What a search works out about a memory the first time it is a candidate, worked out ahead:
 * the facts of its text that are remembered by text (`text_memo.ts`: those searches ask of each
 * candidate, the names after its words, its creation time) and its content words as word
 * alignment reads them (`WordVectors.contentWords`). Each is remembered by the
 * same memo the search reads, so a prepared memory answers exactly as an unprepared one would,
 * only sooner. A memory is prepared when it is stored ({@linkcode prepareStored}: a search right
 * after a store found ~30 texts new to it at 10,000 memories, a sixth of its time, perf52) and,
 * after a start, in idle time ({@linkcode prepareInIdle}).
 *
 * @module
 */
import { appositiveNames } from "./name_bridge.ts";
import { parsedTime } from "./created_time.ts";
import type { PreparedWord } from "./meaning/prepared_word.ts";
import type { MemoryBackend } from "./backend.ts";
import type { WarmPage } from "./backend_reads.ts";
import { prepareText, textMemosBelow } from "./text_memo.ts";

/** The parts of a memory whose facts {@linkcode prepareMemory} works out. */
export interface PreparedText {
  content: string;
  created_at: string;
}

/** Whatever gives a text's content words as alignment reads them (`WordVectors`). */
export interface ContentWords {
  contentWords(text: string): readonly PreparedWord[];
}

const NO_TERMS: ReadonlySet<string> = new Set();

/**
 * Works out (and so remembers) what searches ask of `memory` as a candidate, each of every
 * candidate: the memos made with `everyCandidate` (`text_memo.ts`), its creation time, its
 * content words.
 */
export function prepareCandidate(memory: PreparedText, words?: ContentWords): void {
  prepareText(memory.content);
  parsedTime(memory.created_at);
  words?.contentWords(memory.content);
}

/**
 * Works out (and so remembers) what a search reads of `memory`'s text: what
 * {@linkcode prepareCandidate} does, and the names after its words, which a search asks of a
 * few candidates.
 */
export function prepareMemory(memory: PreparedText, words?: ContentWords): void {
  prepareCandidate(memory, words);
  // With no query terms it reads (and remembers) the names after the text's words, finds none.
  appositiveNames(memory.content, NO_TERMS);
}

/**
 * Prepares memories just stored or given new content ({@linkcode prepareCandidate}) while every
 * text memo is below {@linkcode PREPARE_SHARE} of its bounds (a bulk insert of 100,000 fills
 * them with the first ~15,000 and then stops, as idle preparation does); returns how many it
 * prepared. What searches ask of every candidate, and only that: the names after a stored
 * memory's words, asked of a few, are left to the searches.
 */
export function prepareStored(
  memories: readonly PreparedText[],
  words?: ContentWords,
): number {
  let prepared = 0;
  for (const memory of memories) {
    if (!textMemosBelow(PREPARE_SHARE)) break;
    prepareCandidate(memory, words);
    prepared++;
  }
  return prepared;
}

/** Longest run of preparation between two yields to the event loop (ms). */
export const PREPARE_SLICE_MS = 2;
/** Memories read per page ({@linkcode MemoryBackend.warmPage}). */
export const PREPARE_PAGE = 128;
/**
 * The share of the text memos' bounds (`text_memo.ts`) preparation may fill: past it, it
 * stops; the rest is left to the texts searches bring (a full memo forgets its older half).
 */
export const PREPARE_SHARE = 0.75;
/** How long the backend must have served no request before preparation goes on (ms). */
export const PREPARE_QUIET_MS = 20;

/** What {@linkcode prepareInIdle} may be given besides the backend. */
export interface PrepareOptions {
  /** Content words as alignment reads them (`WordVectors`), if the embedder has them. */
  words?: ContentWords;
  /** Stops preparation when aborted. */
  signal: AbortSignal;
  /** Works out one memory's facts (default {@linkcode prepareMemory}; tests slow it down). */
  prepare?: (memory: PreparedText) => void;
  /** Whether there is room for more (default: every text memo below {@linkcode PREPARE_SHARE}). */
  hasRoom?: () => boolean;
  /** Called after each slice, with how many memories it prepared (for tests). */
  onSlice?: (prepared: number) => void;
}

const macrotask = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Prepares the memories of `personaIds` (in order; each in storing order) in idle time: slices
 * of at most {@linkcode PREPARE_SLICE_MS}, each followed by a macrotask (requests that came are
 * served first), and none while the backend serves requests (its `activity` moved: preparation
 * waits until it has been still for {@linkcode PREPARE_QUIET_MS}, as it does before it starts).
 * Stops when there is no more room, when `signal` aborts, or when done; resolves to how many
 * memories it prepared.
 */
export async function prepareInIdle(
  backend: Pick<MemoryBackend, "warmPage" | "activity">,
  personaIds: readonly string[],
  options: PrepareOptions,
): Promise<number> {
  const prepare = options.prepare ?? ((memory) => prepareMemory(memory, options.words));
  const hasRoom = options.hasRoom ?? (() => textMemosBelow(PREPARE_SHARE));
  const { signal } = options;
  let prepared = 0;
  let seen = backend.activity;
  // The first requests after a start come as the loads end: they go first.
  let wait = PREPARE_QUIET_MS;
  const idle = async () => {
    await macrotask(wait);
    wait = 0;
    while (!signal.aborted && backend.activity !== seen) {
      seen = backend.activity;
      await macrotask(PREPARE_QUIET_MS);
    }
  };
  for (const personaId of personaIds) {
    let after: number | undefined = 0;
    while (after !== undefined && backend.warmPage) {
      await idle();
      if (signal.aborted || !hasRoom()) return prepared;
      // The page's read is part of the first slice.
      let sliceStart = performance.now();
      const page: WarmPage = await backend.warmPage(personaId, { after, limit: PREPARE_PAGE });
      after = page.next;
      let inSlice = 0;
      for (const memory of page.memories) {
        // At least one memory a slice: a page read that alone outlasts a slice (a loaded machine)
        // still makes progress before yielding.
        if (inSlice > 0 && performance.now() - sliceStart >= PREPARE_SLICE_MS) {
          options.onSlice?.(inSlice);
          await idle();
          if (signal.aborted) return prepared;
          [sliceStart, inSlice] = [performance.now(), 0];
        }
        if (!hasRoom()) return prepared;
        prepare(memory);
        prepared++;
        inSlice++;
      }
      options.onSlice?.(inSlice);
    }
  }
  return prepared;
}
