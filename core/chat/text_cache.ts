/**
 * A process-wide, byte-bounded cache of text built from a persona for one sender (the character
 * part of a chat prompt). Least recently used entries go first once the budget is spent, and an
 * entry larger than a share of the budget is never kept (it is built again each time, as if there
 * were no cache), so neither many personas, nor many senders, nor one huge card full of `{{user}}`
 * can make it hold more than its budget.
 *
 * Entries are keyed by the persona OBJECT (a serial number the cache gives each object it sees,
 * held weakly) and the sender. A persona is never changed in place (an update, and the
 * repository's cache after any change, make a new object), so an updated persona never finds the
 * old text; the old object's entries are never hit again and age out.
 *
 * @module
 */
import type { Persona } from "../personas/mod.ts";

/** Bytes the character texts of all personas and senders may hold together (UTF-16: 2 a char). */
export const TEXT_CACHE_BUDGET_BYTES = 4 * 1024 * 1024;

/** An entry larger than the budget divided by this is not kept. */
export const TEXT_CACHE_ENTRY_SHARE = 8;

/** Bounds of a {@linkcode PersonaTextCache}. */
export interface TextCacheLimits {
  /** Bytes all entries may hold together. */
  budgetBytes: number;
  /** Entries larger than this are not kept. */
  entryMaxBytes: number;
}

/** The bounds the prompt's cache uses: 4 MiB in all, 512 KiB at most an entry. */
export const TEXT_CACHE_LIMITS: TextCacheLimits = {
  budgetBytes: TEXT_CACHE_BUDGET_BYTES,
  entryMaxBytes: TEXT_CACHE_BUDGET_BYTES / TEXT_CACHE_ENTRY_SHARE,
};

/** The bytes a value's strings hold (UTF-16 length × 2), arrays and plain objects walked. */
export function textBytes(value: unknown): number {
  if (typeof value === "string") return value.length * 2;
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + textBytes(item), 0);
  if (value && typeof value === "object") return textBytes(Object.values(value));
  return 0;
}

interface Entry<T> {
  value: T;
  bytes: number;
}

/** Values per persona object and sender, least recently used first out, within a byte budget. */
export class PersonaTextCache<T> {
  readonly limits: TextCacheLimits;
  readonly #serials = new WeakMap<Persona, number>();
  #nextSerial = 0;
  /** In use order: the least recently used first (a Map keeps insertion order). */
  readonly #entries = new Map<string, Entry<T>>();
  #bytes = 0;

  constructor(limits: TextCacheLimits = TEXT_CACHE_LIMITS) {
    this.limits = limits;
  }

  /** Bytes the kept values hold, by {@linkcode textBytes}. */
  get bytes(): number {
    return this.#bytes;
  }

  /** How many values are kept. */
  get size(): number {
    return this.#entries.size;
  }

  /** The value kept for `persona` and `sender`, now the most recently used; else undefined. */
  get(persona: Persona, sender: string): T | undefined {
    const key = this.#key(persona, sender);
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.value;
  }

  /** True when a value is kept for `persona` and `sender` (without counting as a use). */
  has(persona: Persona, sender: string): boolean {
    return this.#entries.has(this.#key(persona, sender));
  }

  /** Keeps `value` unless it is larger than an entry may be, evicting the least recently used. */
  set(persona: Persona, sender: string, value: T): void {
    const key = this.#key(persona, sender);
    this.#drop(key);
    const bytes = textBytes(value);
    if (bytes > this.limits.entryMaxBytes || bytes > this.limits.budgetBytes) return;
    for (const [oldest, entry] of this.#entries) {
      if (this.#bytes + bytes <= this.limits.budgetBytes) break;
      this.#entries.delete(oldest);
      this.#bytes -= entry.bytes;
    }
    this.#entries.set(key, { value, bytes });
    this.#bytes += bytes;
  }

  /** Drops every value (the serials stay: a persona object never gets another's). */
  clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
  }

  #drop(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    this.#bytes -= entry.bytes;
  }

  #key(persona: Persona, sender: string): string {
    let serial = this.#serials.get(persona);
    if (serial === undefined) {
      serial = this.#nextSerial++;
      this.#serials.set(persona, serial);
    }
    // The serial holds no ":", so the first one ends it whatever the sender holds.
    return `${serial}:${sender}`;
  }
}
