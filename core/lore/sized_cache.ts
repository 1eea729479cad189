/**
 * A cache bounded by estimated bytes as well as by count: entries are dropped oldest first
 * (insertion order) while either bound is exceeded. An entry's size may grow after it is stored
 * (a regex key's DFA fills as it scans): `resize` records the new estimate and evicts.
 *
 * @module
 */

/** The bounds of a {@link SizedCache}. */
export interface SizedCacheLimits {
  /** Estimated bytes of all entries together. */
  bytes: number;
  /** Entries. */
  entries: number;
}

/** Values by key, oldest dropped first past the byte or count bound. */
export class SizedCache<V> {
  readonly limits: SizedCacheLimits;
  readonly #entries = new Map<string, { value: V; bytes: number }>();
  #bytes = 0;

  constructor(limits: SizedCacheLimits) {
    this.limits = limits;
  }

  /** Entries held. */
  get size(): number {
    return this.#entries.size;
  }

  /** Estimated bytes held. */
  get bytes(): number {
    return this.#bytes;
  }

  get(key: string): V | undefined {
    return this.#entries.get(key)?.value;
  }

  has(key: string): boolean {
    return this.#entries.has(key);
  }

  /** Stores `value` (estimated at `bytes`) as the newest entry, dropping the oldest past the bounds. */
  set(key: string, value: V, bytes: number): void {
    this.delete(key);
    this.#entries.set(key, { value, bytes });
    this.#bytes += bytes;
    this.#evict();
  }

  /** Records a new size estimate for `key`, dropping the oldest entries past the bounds. */
  resize(key: string, bytes: number): void {
    const entry = this.#entries.get(key);
    if (!entry || entry.bytes === bytes) return;
    this.#bytes += bytes - entry.bytes;
    entry.bytes = bytes;
    this.#evict();
  }

  delete(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#bytes -= entry.bytes;
    this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
  }

  #evict(): void {
    while (this.#bytes > this.limits.bytes || this.#entries.size > this.limits.entries) {
      const oldest = this.#entries.keys().next();
      if (oldest.done) return;
      this.delete(oldest.value);
    }
  }
}
