/**
 * One lorebook entry with every rule resolved (keys and content with macros replaced, scan
 * depth, match options, recursion flags, placement); whether it fires on one scan is
 * `candidate_scan.ts`. The entry's own fields win over SillyTavern's extension fields, which win over the
 * book's, which win over the defaults.
 *
 * @module
 */
import type { LoreEntry } from "./book.ts";
import { controlsOf, type EntryControls } from "./controls.ts";
import { type Decorated, type Decorators, parseDecorators } from "./decorators.ts";
import type { KeyMatchOptions } from "./match.ts";
import {
  type ActivationInput,
  type LoreDefaults,
  type LorePosition,
  type LoreSource,
  MAX_SCAN_DEPTH,
} from "./activation_types.ts";

/**
 * One entry with every rule resolved. Its macros are replaced lazily: a key when it is looked
 * for (under the activation's deadline), the content when first read, which activation does only
 * for entries that fired and whose book still has room (attack18 F1: a macro pass over every
 * entry of 24 hostile books took seconds before any key was looked for).
 */
export interface Candidate {
  source: LoreSource;
  sourceIndex: number;
  index: number;
  entry: LoreEntry;
  decorators: Decorators;
  /** The content with its decorators trimmed, macros not replaced (for estimates and tests). */
  raw: string;
  /** The content with macros replaced, computed on first read and kept. */
  readonly content: string;
  /** The keys as written (macros replaced one by one when looked for: {@linkcode keyText}). */
  keys: readonly string[];
  /** The secondary keys as written (empty unless `selective`). */
  secondary: readonly string[];
  /** Replaces macros in one key or text. */
  substitute: (text: string) => string;
  logic: number;
  match: KeyMatchOptions;
  scanDepth: number;
  recursive: boolean;
  preventRecursion: boolean;
  excludeRecursion: boolean;
  delayUntilRecursion: number;
  probability: number;
  position: LorePosition;
  depth?: number;
  role?: "system" | "user" | "assistant";
  rank: number;
  label: string;
  /** SillyTavern's groups, character filter and timed effects (`controls.ts`). */
  controls: EntryControls;
}

const ST_POSITIONS: Record<number, LorePosition> = {
  0: "before_char",
  1: "after_char",
  // Author's note positions: this server has no author's note; they read as after the card.
  2: "after_char",
  3: "after_char",
  4: "at_depth",
  5: "before_examples",
  6: "after_examples",
};
const ROLES = ["system", "user", "assistant"] as const;

function extensionNumber(entry: LoreEntry, key: string): number | undefined {
  const value = entry.extensions[key];
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

function extensionBool(entry: LoreEntry, key: string): boolean | undefined {
  const value = entry.extensions[key];
  return typeof value === "boolean" ? value : undefined;
}

/**
 * SillyTavern writes `use_regex: true` on every entry it exports although its keys are
 * substrings unless written `/.../`; its entries carry its extension fields, which tell them
 * apart from books written for the V3 spec, where `use_regex` means what it says.
 */
function isSillyTavernEntry(entry: LoreEntry): boolean {
  return "selectiveLogic" in entry.extensions || "display_index" in entry.extensions;
}

function placement(
  entry: LoreEntry,
  decorators: Decorators,
): { position: LorePosition; depth?: number; role?: Candidate["role"] } {
  if (decorators.position) return { position: decorators.position };
  if (decorators.depth !== undefined) {
    return { position: "at_depth", depth: decorators.depth, role: decorators.role ?? "system" };
  }
  const stPosition = extensionNumber(entry, "position");
  const mapped = stPosition === undefined ? undefined : ST_POSITIONS[stPosition];
  if (mapped === "at_depth") {
    const role = ROLES[extensionNumber(entry, "role") ?? 0] ?? "system";
    return { position: mapped, depth: extensionNumber(entry, "depth") ?? 4, role };
  }
  if (mapped) return { position: mapped };
  return { position: entry.position === "after_char" ? "after_char" : "before_char" };
}

/** How reports name an entry: its comment, name or first key. */
export function label(entry: LoreEntry, index: number): string {
  return entry.comment || entry.name || entry.keys[0] || `entry ${index}`;
}

/**
 * Decorators parsed per stored entry: books in play come from the book cache, so the same entry
 * objects come back reply after reply (the text is compared, in case an entry was edited).
 */
const PARSED = new WeakMap<LoreEntry, { text: string; parsed: Decorated }>();

function decorated(entry: LoreEntry): Decorated {
  const cached = PARSED.get(entry);
  if (cached && cached.text === entry.content) return cached.parsed;
  const parsed = parseDecorators(entry.content);
  PARSED.set(entry, { text: entry.content, parsed });
  return parsed;
}

/** `text` with its macros replaced, unless it holds none (`{{` or `<` start every macro). */
function macrosIn(text: string, substitute: (text: string) => string): string {
  return text.includes("{{") || text.includes("<") ? substitute(text) : text;
}

/** Every entry of the books in play, in book then entry order, its rules resolved. */
export function candidates(input: ActivationInput, defaults: LoreDefaults): Candidate[] {
  const given = input.substitute;
  const substitute = given ? (text: string) => macrosIn(text, given) : (text: string) => text;
  return input.books.flatMap((source, sourceIndex) => {
    const book = source.book;
    return book.entries.map((entry, index): Candidate => {
      const { decorators, content: raw } = decorated(entry);
      let content: string | undefined;
      const regex = entry.use_regex === true && !isSillyTavernEntry(entry);
      const delay = entry.extensions.delay_until_recursion;
      const probability = extensionNumber(entry, "probability");
      return {
        source,
        sourceIndex,
        index,
        entry,
        decorators,
        raw,
        get content() {
          return content ??= substitute(raw);
        },
        keys: entry.keys,
        secondary: entry.selective === true ? entry.secondary_keys ?? [] : [],
        substitute,
        logic: extensionNumber(entry, "selectiveLogic") ?? 0,
        match: {
          caseSensitive: entry.case_sensitive ?? extensionBool(entry, "case_sensitive") ??
            defaults.caseSensitive,
          wholeWords: extensionBool(entry, "match_whole_words") ?? defaults.wholeWords,
          regex,
        },
        scanDepth: Math.min(
          MAX_SCAN_DEPTH,
          Math.max(
            0,
            decorators.scanDepth ?? extensionNumber(entry, "scan_depth") ?? book.scan_depth ??
              defaults.scanDepth,
          ),
        ),
        recursive: book.recursive_scanning ?? defaults.recursiveScanning,
        preventRecursion: extensionBool(entry, "prevent_recursion") ?? false,
        excludeRecursion: extensionBool(entry, "exclude_recursion") ?? false,
        delayUntilRecursion: delay === true ? 1 : typeof delay === "number" ? delay : 0,
        probability: entry.extensions.useProbability === false ? 100 : probability ?? 100,
        ...placement(entry, decorators),
        rank: entry.priority ?? entry.insertion_order,
        label: label(entry, index),
        controls: controlsOf(entry),
      };
    });
  });
}
