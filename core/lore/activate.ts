/**
 * Lorebook activation (World Info): which entries of the books in play fire for this moment of
 * the chat, and where their content goes. The rules follow the Character Card V2/V3 specs and
 * SillyTavern's World Info, whose extension fields (`selectiveLogic`, `scan_depth`,
 * `match_whole_words`, `prevent_recursion`...) cards carry:
 *
 * - an entry fires when it is enabled and constant, or one of its keys occurs in the last
 *   `scan_depth` messages (entry, then book, then default); with `selective` and secondary keys,
 *   `selectiveLogic` decides: 0 AND ANY (default), 1 NOT ALL, 2 NOT ANY, 3 AND ALL;
 * - keys are substrings, whole words when `match_whole_words`, case-blind unless
 *   `case_sensitive`, regular expressions with `use_regex` or when written `/.../flags`;
 * - recursive scanning: the content of fired entries (unless `prevent_recursion`) is scanned
 *   again for entries of books with `recursive_scanning`, at most `maxRecursionSteps` times;
 *   `exclude_recursion` entries fire only from the chat, `delay_until_recursion` ones only from
 *   recursion;
 * - each book has a token budget (`token_budget`, else the default): newly fired entries are
 *   admitted highest `priority` (else `insertion_order`) first; the first that does not fit closes
 *   the book for the rest of the scan;
 * - fired entries are placed by position (before or after the character definitions, in the
 *   personality or scenario section, around the example dialogue, or at a depth in the chat),
 *   lowest `insertion_order` first.
 *
 * @module
 */
import type { Lorebook, LoreEntry } from "./book.ts";
import { type Decorators, parseDecorators } from "./decorators.ts";
import { firstMatch, keyMatches, type KeyMatchOptions, ScanText } from "./match.ts";
import { estimateTokens } from "./tokens.ts";

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
export type FiredVia = "constant" | "key" | "recursion" | "decorator";

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

/** Values used where a book or entry says nothing. */
export interface LoreDefaults {
  scanDepth: number;
  tokenBudget: number;
  maxRecursionSteps: number;
  caseSensitive: boolean;
  wholeWords: boolean;
  recursiveScanning: boolean;
}

/** Defaults that match SillyTavern's World Info defaults (budget aside: it has no context size). */
export const LORE_DEFAULTS: LoreDefaults = {
  scanDepth: 2,
  tokenBudget: 1024,
  maxRecursionSteps: 3,
  caseSensitive: false,
  wholeWords: false,
  recursiveScanning: false,
};

/** Most messages any entry may scan (SillyTavern's cap). */
export const MAX_SCAN_DEPTH = 1000;

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
  /** Random numbers in [0, 1) for `probability` (SillyTavern's `useProbability`). */
  random?: () => number;
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

/** An entry that matched but did not fit its book's token budget. */
export interface CutEntry {
  lorebook_id: string;
  entry: number;
  label: string;
  tokens: number;
  reason: "budget" | "probability";
}

/** The outcome of one activation. */
export interface LoreActivation {
  /** Fired entries in prompt order (lowest insertion order first). */
  fired: FiredEntry[];
  cut: CutEntry[];
}

/** One entry with every rule resolved. */
interface Candidate {
  source: LoreSource;
  sourceIndex: number;
  index: number;
  entry: LoreEntry;
  decorators: Decorators;
  content: string;
  keys: string[];
  secondary: string[];
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

function label(entry: LoreEntry, index: number): string {
  return entry.comment || entry.name || entry.keys[0] || `entry ${index}`;
}

function candidates(input: ActivationInput, defaults: LoreDefaults): Candidate[] {
  const substitute = input.substitute ?? ((text: string) => text);
  return input.books.flatMap((source, sourceIndex) => {
    const book = source.book;
    return book.entries.map((entry, index): Candidate => {
      const { decorators, content } = parseDecorators(entry.content);
      const regex = entry.use_regex === true && !isSillyTavernEntry(entry);
      const delay = entry.extensions.delay_until_recursion;
      const probability = extensionNumber(entry, "probability");
      return {
        source,
        sourceIndex,
        index,
        entry,
        decorators,
        content: substitute(content),
        keys: entry.keys.map(substitute),
        secondary: entry.selective === true ? (entry.secondary_keys ?? []).map(substitute) : [],
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
      };
    });
  });
}

/**
 * The text scanned at each depth (newest messages first) with the recursion buffer of the step,
 * built once per depth and step: every entry of a depth shares one text (and its lower case).
 */
class ChatBuffer {
  readonly #newestFirst: string[];
  readonly #scans = new Map<string, ScanText>();
  #recursion = "";
  #step = 0;

  constructor(messages: readonly ScanMessage[]) {
    this.#newestFirst = messages.map((m) => (m.name ? `${m.name}: ${m.text}` : m.text)).reverse();
  }

  /** Starts step `step` with `recursion` (fired content) scanned too. */
  startStep(step: number, recursion: string): void {
    this.#step = step;
    this.#recursion = recursion;
  }

  scan(depth: number): ScanText {
    const key = `${depth}|${this.#step}`;
    let scan = this.#scans.get(key);
    if (!scan) {
      const base = this.#newestFirst.slice(0, depth).join("\n");
      scan = new ScanText(this.#step > 0 && this.#recursion ? `${base}\n${this.#recursion}` : base);
      this.#scans.set(key, scan);
    }
    return scan;
  }
}

function passesGates(candidate: Candidate, input: ActivationInput): boolean {
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

function secondaryHolds(candidate: Candidate, scan: ScanText): boolean {
  if (candidate.secondary.length === 0) return true;
  const hits = candidate.secondary.filter((key) => keyMatches(scan, key, candidate.match)).length;
  switch (candidate.logic) {
    case 1: // NOT ALL
      return hits < candidate.secondary.length;
    case 2: // NOT ANY
      return hits === 0;
    case 3: // AND ALL
      return hits === candidate.secondary.length;
    default: // AND ANY
      return hits > 0;
  }
}

interface Hit {
  candidate: Candidate;
  via: FiredVia;
  key?: string;
}

function tryCandidate(candidate: Candidate, scan: () => ScanText, step: number): Hit | null {
  const { decorators } = candidate;
  if (decorators.activate) return step === 0 ? { candidate, via: "decorator" } : null;
  if (decorators.dontActivate) return null;
  if (candidate.entry.constant === true) return step === 0 ? { candidate, via: "constant" } : null;
  if (candidate.keys.length === 0) return null;
  const text = scan();
  const key = firstMatch(text, candidate.keys, candidate.match);
  if (key === undefined) return null;
  const extra = decorators.additionalKeys;
  if (extra && firstMatch(text, extra, candidate.match) === undefined) return null;
  const excluded = decorators.excludeKeys;
  if (excluded && firstMatch(text, excluded, candidate.match) !== undefined) return null;
  if (!secondaryHolds(candidate, text)) return null;
  return { candidate, via: step === 0 ? "key" : "recursion", key: key.trim() };
}

/** Runs activation over the books in play. */
export function activateLore(input: ActivationInput): LoreActivation {
  const defaults = input.defaults ?? LORE_DEFAULTS;
  const random = input.random ?? Math.random;
  const all = candidates(input, defaults).filter((c) =>
    c.entry.enabled && c.content.trim() !== "" && passesGates(c, input)
  );
  const chat = new ChatBuffer(input.messages);
  const fired: FiredEntry[] = [];
  const cut: CutEntry[] = [];
  const done = new Set<Candidate>();
  const used = new Map<string, number>();
  const closed = new Set<string>();
  let recursion = "";
  for (let step = 0; step <= defaults.maxRecursionSteps; step++) {
    chat.startStep(step, recursion);
    const hits: Hit[] = [];
    for (const candidate of all) {
      if (done.has(candidate) || closed.has(candidate.source.id)) continue;
      if (step === 0 && candidate.delayUntilRecursion > 0) continue;
      if (step > 0) {
        if (!candidate.recursive || candidate.excludeRecursion) continue;
        if (candidate.delayUntilRecursion > step) continue;
      }
      const scan = () => chat.scan(candidate.scanDepth);
      const hit = tryCandidate(candidate, scan, step);
      if (hit) hits.push(hit);
    }
    hits.sort((a, b) =>
      b.candidate.rank - a.candidate.rank || a.candidate.sourceIndex - b.candidate.sourceIndex ||
      a.candidate.index - b.candidate.index
    );
    const added: string[] = [];
    for (const { candidate, via, key } of hits) {
      done.add(candidate);
      const bookId = candidate.source.id;
      const tokens = estimateTokens(candidate.content);
      if (closed.has(bookId)) {
        cut.push(cutOf(candidate, { tokens, reason: "budget" }));
        continue;
      }
      if (candidate.probability < 100 && random() * 100 >= candidate.probability) {
        cut.push(cutOf(candidate, { tokens, reason: "probability" }));
        continue;
      }
      const budget = candidate.source.book.token_budget ?? defaults.tokenBudget;
      const spent = used.get(bookId) ?? 0;
      if (spent + tokens > budget) {
        closed.add(bookId);
        cut.push(cutOf(candidate, { tokens, reason: "budget" }));
        continue;
      }
      used.set(bookId, spent + tokens);
      fired.push(firedOf({ candidate, via, key, step, tokens }));
      if (!candidate.preventRecursion) added.push(candidate.content);
    }
    if (added.length === 0) break;
    recursion = recursion ? `${recursion}\n${added.join("\n")}` : added.join("\n");
  }
  return { fired: fired.sort(promptOrder(input.books)), cut };
}

function cutOf(
  candidate: Candidate,
  { tokens, reason }: { tokens: number; reason: CutEntry["reason"] },
): CutEntry {
  return {
    lorebook_id: candidate.source.id,
    entry: candidate.index,
    label: candidate.label,
    tokens,
    reason,
  };
}

function firedOf(
  fire: { candidate: Candidate; via: FiredVia; key?: string; step: number; tokens: number },
): FiredEntry {
  const { candidate } = fire;
  const result: FiredEntry = {
    lorebook_id: candidate.source.id,
    lorebook_name: candidate.source.name,
    entry: candidate.index,
    label: candidate.label,
    via: fire.via,
    step: fire.step,
    position: candidate.position,
    insertion_order: candidate.entry.insertion_order,
    tokens: fire.tokens,
    content: candidate.content,
  };
  if (candidate.entry.id !== undefined) result.id = candidate.entry.id;
  if (fire.key !== undefined) result.matched_key = fire.key;
  if (candidate.depth !== undefined) result.depth = candidate.depth;
  if (candidate.role !== undefined) result.role = candidate.role;
  return result;
}

function promptOrder(books: readonly LoreSource[]): (a: FiredEntry, b: FiredEntry) => number {
  const precedence = new Map(books.map((book, index) => [book.id, index]));
  return (a, b) =>
    a.insertion_order - b.insertion_order ||
    (precedence.get(a.lorebook_id) ?? 0) - (precedence.get(b.lorebook_id) ?? 0) ||
    a.entry - b.entry;
}

/** The contents fired for `position`, in prompt order, one per line. */
export function loreAt(activation: LoreActivation, position: LorePosition): string {
  return activation.fired.filter((entry) => entry.position === position)
    .map((entry) => entry.content).join("\n");
}
