/**
 * The shapes of lorebook activation: what it reads (books, messages, defaults) and what it
 * reports (fired and cut entries). Kept apart from `activate.ts` so the rule resolution in
 * `candidate.ts` can use them without importing the scan.
 *
 * @module
 */
import type { Lorebook } from "./book.ts";
import type { TimeBudget } from "./time_budget.ts";
import type { LoreCharacter } from "./controls.ts";
import type { TimedEffects } from "./timed_effects.ts";

/** Where a fired entry's content goes in the prompt. */
export type LorePosition =
  | "before_char"
  | "after_char"
  | "personality"
  | "scenario"
  | "before_examples"
  | "after_examples"
  | "at_depth";

/** How an entry came to fire. */
export type FiredVia = "constant" | "key" | "recursion" | "decorator" | "sticky";

/** A book in play, in precedence order (the character's own book first). */
export interface LoreSource {
  id: string;
  name: string;
  book: Lorebook;
}

/** One chat message, for scanning. */
export interface ScanMessage {
  name: string;
  text: string;
}

/**
 * Estimated tokens of lore one prompt may hold from all its books together (the default of the
 * setting `LORE_TOTAL_TOKEN_BUDGET`): 32K characters, a quarter of an 8K-token context at most.
 */
export const LORE_TOTAL_TOKEN_BUDGET = 8192;

/** Values used where a book or entry says nothing. */
export interface LoreDefaults {
  scanDepth: number;
  tokenBudget: number;
  /**
   * Estimated tokens of lore all books together may add to one prompt (absent: the default of
   * {@linkcode LORE_DEFAULTS}).
   */
  totalTokenBudget?: number;
  maxRecursionSteps: number;
  caseSensitive: boolean;
  wholeWords: boolean;
  recursiveScanning: boolean;
}

/** Defaults that match SillyTavern's World Info defaults (budget aside: it has no context size). */
export const LORE_DEFAULTS: LoreDefaults & { totalTokenBudget: number } = {
  scanDepth: 2,
  tokenBudget: 1024,
  totalTokenBudget: LORE_TOTAL_TOKEN_BUDGET,
  maxRecursionSteps: 3,
  caseSensitive: false,
  wholeWords: false,
  recursiveScanning: false,
};

/** Most messages any entry may scan (SillyTavern's cap). */
export const MAX_SCAN_DEPTH = 1000;

/**
 * Books in play for one reply (the persona's own, then those attached to it, then the room's):
 * the books past them are not read for that reply.
 */
export const LORE_MAX_BOOKS = 32;

/**
 * Entries in play for one activation, in book then entry order: the entries past them are cut,
 * reason `limit`, unscanned.
 */
export const LORE_MAX_ENTRIES = 10_000;

/** What activation reads. */
export interface ActivationInput {
  books: readonly LoreSource[];
  /** The chat so far, oldest first, the new message last. */
  messages: readonly ScanMessage[];
  defaults?: LoreDefaults;
  /** Replaces macros (`{{char}}`, `{{user}}`) in keys and content. */
  substitute?: (text: string) => string;
  /** Messages the character has written so far (for `@@activate_only_after/every`). */
  characterMessages?: number;
  /** The greeting the session opened with (for `@@is_greeting`), when known. */
  greetingIndex?: number | null;
  /**
   * Random numbers in [0, 1) for `probability` (SillyTavern's `useProbability`) and for the
   * weighted draw of an inclusion group (default `Math.random`).
   */
  random?: () => number;
  /** The persona speaking, for entries' character filters (absent: no filter applies). */
  character?: LoreCharacter;
  /**
   * Messages in the chat now, the new one included, for `delay` and the timed effects (absent:
   * the messages given).
   */
  chatLength?: number;
  /** The chat's sticky and cooldown effects, updated with what fires (absent: none kept). */
  timed?: TimedEffects;
  /** Time the key scan may take (default `LORE_TIME_BUDGET_MS` on `performance.now`). */
  timeBudget?: TimeBudget;
  /** Entries in play (default {@linkcode LORE_MAX_ENTRIES}). */
  maxEntries?: number;
}

/** An entry that fired, as `lore_used` reports it. */
export interface FiredEntry {
  lorebook_id: string;
  lorebook_name: string;
  /** Index of the entry in its book. */
  entry: number;
  /** The entry's own `id`, when it has one. */
  id?: number | string;
  /** Its comment, else its name, else its first key. */
  label: string;
  via: FiredVia;
  /** The key that matched (for `key` and `recursion`). */
  matched_key?: string;
  /** 0 for the chat scan, 1.. for recursion steps. */
  step: number;
  position: LorePosition;
  /** For `at_depth`: messages from the newest. */
  depth?: number;
  /** For `at_depth`: the message role. */
  role?: "system" | "user" | "assistant";
  insertion_order: number;
  tokens: number;
  content: string;
}

/**
 * An entry left out: it matched but did not fit its book's token budget (`budget`), lost its
 * probability roll (`probability`) or its inclusion group's draw (`group`), or its keys were never looked for because the activation's
 * time budget was spent (`time`), or it came past the entries in play (`limit`:
 * {@linkcode LORE_MAX_ENTRIES}).
 */
export interface CutEntry {
  lorebook_id: string;
  entry: number;
  label: string;
  tokens: number;
  reason: "budget" | "probability" | "group" | "time" | "limit";
}

/** A regex key that matches nothing: its pattern is invalid or compiles too large. */
export interface RefusedKey {
  lorebook_id: string;
  entry: number;
  key: string;
  reason: string;
}

/** The outcome of one activation. */
export interface LoreActivation {
  /** Fired entries in prompt order (lowest insertion order first). */
  fired: FiredEntry[];
  cut: CutEntry[];
  /**
   * Entries cut past the entries in play beyond those `cut` holds: counted, not built (a reply
   * lists fewer; its `*_total` counts them). Absent or 0 when `cut` holds every cut entry.
   */
  cut_unbuilt?: number;
  /**
   * Regex keys looked for that can never match (each once), for `lorebook.test`'s warnings;
   * `activateLore` always sets it (an activation with no books in play may leave it out).
   */
  refused_keys?: RefusedKey[];
}
