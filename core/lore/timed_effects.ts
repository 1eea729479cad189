/**
 * SillyTavern's timed effects of one chat: which entries are sticky (active without their keys
 * and without a probability roll) or cooling down (cannot fire), measured in the chat's
 * messages. The rules follow SillyTavern's World Info:
 *
 * - an entry with `sticky` N that fires at chat length L stays active while the chat holds fewer
 *   than L + N messages; one with `cooldown` C cannot fire while it holds fewer than L + C, or,
 *   with `sticky` too, for C messages after its sticky time ends;
 * - firing again while an effect runs does not renew it;
 * - an effect is dropped when the chat did not advance past the length it began at (a reply
 *   retried over the same messages), and when its entry changed (its text, keys or settings) or
 *   no longer has that effect;
 * - `delay` needs no state (the chat's length is enough: `controls.ts`).
 *
 * A chat keeps at most {@linkcode MAX_TIMED_EFFECTS} effects (past it, those ending first go).
 *
 * @module
 */
import type { LoreEntry } from "./book.ts";

/** Most effects one chat keeps. */
export const MAX_TIMED_EFFECTS = 256;

/** One running effect, as stored with the chat. */
export interface TimedEffect {
  /** The lorebook's id. */
  book: string;
  /** The entry: `id:<its id>`, else `index:<its index>` ({@linkcode entryKey}). */
  entry: string;
  kind: "sticky" | "cooldown";
  /** Chat length when it began, and when it ends (the first length it no longer holds at). */
  start: number;
  end: number;
  /** A cooldown that follows a sticky time: kept even though the chat did not advance since. */
  protected?: boolean;
  /** The entry's fingerprint when it began ({@linkcode entryHash}). */
  hash: string;
  /** For a sticky effect: the cooldown that follows it (messages). */
  then?: number;
}

/** How an effect names its entry: by its own id when it has one, else by its place. */
export function entryKey(entry: LoreEntry, index: number): string {
  return entry.id !== undefined && entry.id !== null ? `id:${entry.id}` : `index:${index}`;
}

const HASHES = new WeakMap<LoreEntry, string>();

/** A fingerprint of the entry as stored (FNV-1a of its JSON): any edit changes it. */
export function entryHash(entry: LoreEntry): string {
  const known = HASHES.get(entry);
  if (known !== undefined) return known;
  const text = JSON.stringify(entry);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  const value = `${text.length.toString(36)}.${hash.toString(36)}`;
  HASHES.set(entry, value);
  return value;
}

/** An entry in play, as the effects look it up. */
export interface TimedEntry {
  book: string;
  key: string;
  entry: LoreEntry;
  sticky: number;
  cooldown: number;
}

const slot = (book: string, entry: string, kind: string) => `${book}\u0000${entry}\u0000${kind}`;

/** The timed effects of one chat at one length: read, then updated with what fired. */
export class TimedEffects {
  readonly #length: number;
  readonly #effects = new Map<string, TimedEffect>();
  #changed = false;

  /** The effects stored for the chat, as they stand at chat length `length`. */
  constructor(stored: readonly TimedEffect[], length: number) {
    this.#length = length;
    for (const effect of stored) {
      // The chat did not advance since it began (a retried reply): dropped, as SillyTavern does.
      if (length <= effect.start && !effect.protected) {
        this.#changed = true;
        continue;
      }
      if (length >= effect.end) {
        this.#changed = true;
        if (effect.kind === "sticky" && (effect.then ?? 0) > 0) {
          this.#set({
            book: effect.book,
            entry: effect.entry,
            kind: "cooldown",
            start: length,
            end: length + (effect.then ?? 0),
            protected: true,
            hash: effect.hash,
          });
        }
        continue;
      }
      this.#set(effect);
    }
  }

  #set(effect: TimedEffect): void {
    this.#effects.set(slot(effect.book, effect.entry, effect.kind), effect);
  }

  /** Whether `kind` is running for `entry` (dropped when the entry changed or lost it). */
  active(kind: TimedEffect["kind"], entry: TimedEntry): boolean {
    const key = slot(entry.book, entry.key, kind);
    const effect = this.#effects.get(key);
    if (!effect) return false;
    const still = kind === "sticky" ? entry.sticky > 0 : entry.cooldown > 0;
    if (still && effect.hash === entryHash(entry.entry)) return true;
    this.#effects.delete(key);
    this.#changed = true;
    return false;
  }

  /** Starts the effects of entries that fired (an effect already running is not renewed). */
  fired(entries: readonly TimedEntry[]): void {
    for (const entry of entries) {
      for (const kind of ["sticky", "cooldown"] as const) {
        const span = entry[kind];
        if (span <= 0 || this.#effects.has(slot(entry.book, entry.key, kind))) continue;
        // With a sticky time, the cooldown begins when it ends (carried as `then`).
        if (kind === "cooldown" && entry.sticky > 0) continue;
        this.#set({
          book: entry.book,
          entry: entry.key,
          kind,
          start: this.#length,
          end: this.#length + span,
          hash: entryHash(entry.entry),
          ...(kind === "sticky" && entry.cooldown > 0 ? { then: entry.cooldown } : {}),
        });
        this.#changed = true;
      }
    }
  }

  /** True when no effect runs (nothing to look up). */
  get empty(): boolean {
    return this.#effects.size === 0;
  }

  /** Whether the effects differ from those it was made from. */
  get changed(): boolean {
    return this.#changed;
  }

  /** The effects to store (at most {@linkcode MAX_TIMED_EFFECTS}: those ending last). */
  get effects(): TimedEffect[] {
    const all = [...this.#effects.values()];
    if (all.length <= MAX_TIMED_EFFECTS) return all;
    return all.sort((a, b) => b.end - a.end).slice(0, MAX_TIMED_EFFECTS);
  }
}
