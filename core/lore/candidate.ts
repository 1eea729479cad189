/**
 * One lorebook entry with every rule resolved (keys and content with macros replaced, scan
 * depth, match options, recursion flags, placement), and the test of whether it fires on one
 * scan. The entry's own fields win over SillyTavern's extension fields, which win over the
 * book's, which win over the defaults.
 *
 * @module
 */
import type { LoreEntry } from "./book.ts";
import { controlsOf, type EntryControls } from "./controls.ts";
import { type Decorated, type Decorators, parseDecorators } from "./decorators.ts";
import {
  isPlainKey,
  keyMatches,
  type KeyMatchOptions,
  keyRefusal,
  type ScanText,
} from "./match.ts";
import type { Deadline } from "./time_budget.ts";
import {
  type ActivationInput,
  type FiredVia,
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

/** Whether the decorators' greeting and character-message gates let `candidate` fire at all. */
export function passesGates(candidate: Candidate, input: ActivationInput): boolean {
  const { decorators } = candidate;
  const spoken = input.characterMessages;
  if (
    decorators.isGreeting !== undefined && input.greetingIndex !== undefined &&
    input.greetingIndex !== null && decorators.isGreeting !== input.greetingIndex
  ) return false;
  if (spoken !== undefined) {
    if (decorators.activateOnlyAfter !== undefined && spoken < decorators.activateOnlyAfter) {
      return false;
    }
    if (decorators.activateOnlyEvery !== undefined && spoken % decorators.activateOnlyEvery !== 0) {
      return false;
    }
  }
  return true;
}

/** A test of one key over the scan, the deadline checked first. */
type KeyTest = (key: string) => boolean;

/** The secondary keys found (every one is looked for), or null when the logic says no. */
function secondaryFound(candidate: Candidate, matches: KeyTest): number | null {
  if (candidate.secondary.length === 0) return 0;
  const hits = candidate.secondary.filter(matches).length;
  switch (candidate.logic) {
    case 1: // NOT ALL
      return hits < candidate.secondary.length ? hits : null;
    case 2: // NOT ANY
      return hits === 0 ? hits : null;
    case 3: // AND ALL
      return hits === candidate.secondary.length ? hits : null;
    default: // AND ANY
      return hits > 0 ? hits : null;
  }
}

/** How many of an entry's primary and secondary keys occur in a scan. */
export interface KeysFound {
  primary: number;
  secondary: number;
}

/** A candidate that fired on a scan, and how. */
export interface Hit {
  candidate: Candidate;
  via: FiredVia;
  key?: string;
  /** Its keys found (for group scoring), counted while they were looked for when asked. */
  found?: KeysFound;
}

/** Where and when `tryCandidate` looks. */
export interface CandidateScan {
  /** The text to scan, called only when a key must be looked for. */
  scan: () => ScanText;
  /** 0 for the chat scan, 1.. for recursion. */
  step: number;
  /** Checked before each key; throws `OutOfTime` once the activation's budget is spent. */
  deadline: Deadline;
  /** Told of each regex key looked for that can never match, and why. */
  onRefused?: (candidate: Candidate, key: string, reason: string) => void;
  /**
   * Count the group score too (the candidate is in a group with scoring): once it fires, its
   * other primary keys are looked for under the same deadline (attack32 H1: they were looked
   * for afterwards with none).
   */
  score?: boolean;
}

/** True when `candidate` fires only on a key looked for (not a constant, not by decorator). */
export function needsKeyScan(candidate: Candidate): boolean {
  const { decorators } = candidate;
  return !decorators.activate && !decorators.dontActivate && candidate.entry.constant !== true &&
    candidate.keys.length > 0;
}

/**
 * Whether `candidate` fires at recursion step `step`: constants and `@@activate` only on the
 * chat scan (step 0), with no key looked for (so they fire even past the time budget).
 */
export function tryCandidate(
  candidate: Candidate,
  { scan, step, deadline, onRefused, score }: CandidateScan,
): Hit | null {
  const { decorators } = candidate;
  if (decorators.activate) return step === 0 ? { candidate, via: "decorator" } : null;
  if (decorators.dontActivate) return null;
  if (candidate.entry.constant === true) return step === 0 ? { candidate, via: "constant" } : null;
  if (candidate.keys.length === 0) return null;
  const text = scan();
  /** The key with its macros replaced when it occurs in the scan, else null. */
  const look = (written: string): string | null => {
    deadline.check(isPlainKey(written.trim(), candidate.match));
    const key = candidate.substitute(written);
    if (keyMatches(text, key, candidate.match)) return key;
    const reason = onRefused && keyRefusal(key, candidate.match);
    if (reason) onRefused(candidate, key.trim(), reason);
    return null;
  };
  const matches: KeyTest = (written) => look(written) !== null;
  let key: string | null = null;
  let at = 0;
  for (; at < candidate.keys.length; at++) if ((key = look(candidate.keys[at]!)) !== null) break;
  if (key === null) return null;
  const extra = decorators.additionalKeys;
  if (extra && !extra.some(matches)) return null;
  const excluded = decorators.excludeKeys;
  if (excluded && excluded.some(matches)) return null;
  const secondary = secondaryFound(candidate, matches);
  if (secondary === null) return null;
  const hit: Hit = { candidate, via: step === 0 ? "key" : "recursion", key: key.trim() };
  if (!score) return hit;
  // The keys before the first match were not found; the rest are looked for (no refusal is
  // reported for them: the report stays as without scoring).
  let primary = 1;
  for (const written of candidate.keys.slice(at + 1)) {
    deadline.check(isPlainKey(written.trim(), candidate.match));
    if (keyMatches(text, candidate.substitute(written), candidate.match)) primary++;
  }
  hit.found = { primary, secondary };
  return hit;
}
