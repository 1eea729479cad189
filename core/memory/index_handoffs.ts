/**
 * What a persona's next index load in `index_cache.ts` can take instead of doing it itself:
 * its index rows read elsewhere (another connection, maybe off the event loop), an empty
 * vector index made, and its memory mapped, while they were being read, and those rows decoded
 * into it while their postings were still being built elsewhere.
 *
 * @module
 */
import type { EarlyLoadRow, LoadRow } from "./index_rows.ts";
import { type DecodedRows, decodeLoadRow } from "./index_build.ts";
import { deletePersonaKeys } from "./index_key.ts";
import type { PostingsBuild } from "./postings_build.ts";
import { VectorIndex } from "./vector_index.ts";

/**
 * Memory pages {@linkcode IndexHandoffs.reserve} maps per macrotask: 512 KiB, ~3 ms on the
 * development machine, so a request that comes meanwhile waits no longer than that (256 pages
 * delayed the first answers at start by ~40 ms; 64 left part of the mapping to the load).
 */
export const PREFAULT_PAGES = 128;

/** Index rows read elsewhere, with the version they reflect and, maybe, their postings. */
export interface OfferedRows {
  version: number;
  row: LoadRow;
  /** The postings of `row.terms`, built where they were read (`buildPostings`). */
  postings?: PostingsBuild;
}

/** Offered rows and reserved vector indexes, by index key (persona and embedder). */
export class IndexHandoffs {
  readonly #offered = new Map<string, OfferedRows>();
  readonly #reserved = new Map<string, VectorIndex<number>>();
  /** Rows that came before their postings, until decoded. */
  readonly #early = new Map<string, EarlyLoadRow>();
  /** Rows decoded ahead, with their vector index, until a load takes them. */
  readonly #decoded = new Map<string, DecodedRows>();

  /** Keeps `read` for the next load of the indexes at `key`. */
  offer(key: string, read: OfferedRows): void {
    this.#offered.set(key, read);
  }

  /** Whether rows read elsewhere wait for the next load at `key`. */
  hasOffer(key: string): boolean {
    return this.#offered.has(key);
  }

  /** The rows offered for `key`, taken (a second call finds none). */
  takeOffer(key: string): OfferedRows | undefined {
    const offered = this.#offered.get(key);
    this.#offered.delete(key);
    return offered;
  }

  /**
   * Index rows for `key` that came before their postings (which are built elsewhere and come
   * with the offer, {@linkcode offer}): decoded into the reserved vector index now, or as soon
   * as one is reserved, so that the load left when the postings come is the BM25 index's.
   */
  early(key: string, row: EarlyLoadRow): void {
    this.#decoded.delete(key);
    this.#early.set(key, row);
    this.#decodeEarly(key);
  }

  #decodeEarly(key: string): void {
    const row = this.#early.get(key);
    const reserved = this.#reserved.get(key);
    // The dimensions are the reserved index's: without one, the load decodes the rows itself.
    if (!row || !reserved) return;
    this.#early.delete(key);
    this.#reserved.delete(key);
    const decoded = decodeLoadRow(row, { dimensions: reserved.dimensions, reserved });
    if (decoded) this.#decoded.set(key, decoded);
  }

  /**
   * The rows decoded ahead for `key` ({@linkcode early}), taken, if they are `row`'s (else they
   * are dropped: the load builds from `row` itself).
   */
  takeDecoded(key: string, row: LoadRow | undefined): DecodedRows | undefined {
    const decoded = this.#decoded.get(key);
    this.#decoded.delete(key);
    this.#early.delete(key);
    return decoded && decoded.row === row ? decoded : undefined;
  }

  /** The vector index reserved for `key`, taken (it stops mapping its memory). */
  takeReserved(key: string): VectorIndex<number> | undefined {
    const reserved = this.#reserved.get(key);
    this.#reserved.delete(key);
    return reserved;
  }

  /**
   * Makes the vector index for `key` with room for `count` rows and maps its memory
   * {@linkcode PREFAULT_PAGES} pages a macrotask until done or taken. No-op when one of these
   * dimensions is reserved already.
   */
  async reserve(key: string, options: { dimensions: number; count: number }): Promise<void> {
    if (this.#reserved.get(key)?.dimensions === options.dimensions || this.#decoded.has(key)) {
      return;
    }
    const vectors = new VectorIndex<number>(options.dimensions, 64);
    vectors.reserve(options.count);
    this.#reserved.set(key, vectors);
    // Rows already here are decoded now (the event loop would otherwise wait for the postings).
    this.#decodeEarly(key);
    while (this.#reserved.get(key) === vectors && vectors.prefault(PREFAULT_PAGES)) {
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }

  /** Forgets what was kept for the indexes at `key` (one persona's, by one embedder). */
  forget(key: string): void {
    this.#offered.delete(key);
    this.#reserved.delete(key);
    this.#early.delete(key);
    this.#decoded.delete(key);
  }

  /** How many offers, rows, decoded rows and vector indexes are kept, over every key. */
  get kept(): number {
    return this.#offered.size + this.#reserved.size + this.#early.size + this.#decoded.size;
  }

  /** Forgets what was kept for a persona's indexes. */
  drop(personaId: string): void {
    deletePersonaKeys(this.#offered, personaId);
    deletePersonaKeys(this.#reserved, personaId);
    deletePersonaKeys(this.#early, personaId);
    deletePersonaKeys(this.#decoded, personaId);
  }

  /** Forgets everything kept. */
  clear(): void {
    this.#offered.clear();
    this.#reserved.clear();
    this.#early.clear();
    this.#decoded.clear();
  }
}
