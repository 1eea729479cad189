/**
 * The SQLite backend's kind ties (`kind_ties.ts`): kept with a persona's loaded BM25 index, read
 * from the stored contents at the process's quiet moments ({@linkcode QuietTiesReading}, through
 * `quiet_moment.ts` as `quiet_prep.ts` prepares memories), never by a search, and kept in step
 * by the writes that re-index a memory's content or delete it (`sqlite_writes.ts`).
 *
 * @module
 */
import type { SqliteConnection as Database } from "../storage/sqlite_connection.ts";
import type { QuietWatch } from "../storage/quiet_moment.ts";
import { QuietSlices } from "./quiet_slices.ts";
import { keepTies, KIND_TIES_SLICE, KindTies, tiesOf } from "./kind_ties.ts";
import type { LexicalIndex } from "./lexical_index.ts";
import { PREPARE_SLICE_MS } from "./memory_prep.ts";

const SLICE = `SELECT seq AS id, content FROM memories
  WHERE persona_id = ? AND seq > ? ORDER BY seq LIMIT ?`;

/**
 * Which of `keys` a memory of `personaId` ties to a name; undefined while its ties are still to
 * be read (the caller then has them read at a quiet moment, {@linkcode QuietTiesReading}). Reads
 * no stored content. Run in the backend's exclusive turn, its indexes refreshed, `lexical` the
 * persona's loaded index.
 */
export function sqliteTiedKinds(
  asked: { lexical: LexicalIndex<number>; keys: readonly string[] },
): ReadonlySet<string> | undefined {
  // Row numbers start at 1: every memory is after 0.
  const ties = tiesOf(asked.lexical) ?? keepTies(asked.lexical, new KindTies({ after: 0 }));
  return ties.tied(asked.keys);
}

/**
 * The rows one quiet slice reads first; each further page of the slice is twice the last. The
 * rows are read a page at a time so that the time budget bounds the reading too: a slice of
 * memories of 10,000 characters takes in one text per moment, and reading all
 * {@linkcode KIND_TIES_SLICE} rows for it (2.5 MB) took longer than the budget on its own
 * (attack41: 6.7 ms a slice, 120 rows read for each text taken in).
 */
export const KIND_TIES_FIRST_PAGE = 8;

/**
 * Reads the ties of `lexical`'s memories on from where their reading stopped: at most
 * {@linkcode KIND_TIES_SLICE} contents, and no more once `budgetMs` has passed (at least one, so
 * every call moves on), read in pages from {@linkcode KIND_TIES_FIRST_PAGE} rows, doubling while
 * the budget lasts. Returns whether some are left to read. Run in the backend's exclusive turn,
 * its indexes refreshed.
 */
export function readTiesSlice(
  db: Database,
  slice: { personaId: string; lexical: LexicalIndex<number>; budgetMs: number },
): boolean {
  const ties = tiesOf(slice.lexical);
  if (ties === undefined || ties.after === undefined) return false;
  const start = performance.now();
  let taken = 0;
  for (let page = KIND_TIES_FIRST_PAGE; taken < KIND_TIES_SLICE; page *= 2) {
    const after = ties.after;
    if (after === undefined) break;
    const limit = Math.min(page, KIND_TIES_SLICE - taken);
    const texts = db.all<{ id: number; content: string }>(SLICE, slice.personaId, after, limit);
    const last = texts.length < limit;
    if (texts.length === 0) ties.read([], true);
    for (let at = 0; at < texts.length; at++) {
      ties.read([texts[at]!], last && at === texts.length - 1);
      taken++;
      if (!ties.complete && performance.now() - start >= slice.budgetMs) return true;
    }
    if (last) break;
  }
  return !ties.complete;
}

/** What a {@linkcode QuietTiesReading} needs. */
export interface QuietTiesReadingDeps {
  /** A count that moves with every request the backend begins (`SqliteBackend.activity`). */
  activity: () => number;
  /**
   * Reads one slice of a persona's ties in the backend's turn (`readTiesSlice` on its loaded
   * index; false when the index is no longer loaded); whether some are left.
   */
  readSlice: (personaId: string) => Promise<boolean>;
  /** Finds the quiet moment (default `quiet_moment.ts`'s; tests give their own). */
  whenQuiet?: (watch: QuietWatch) => () => void;
}

/**
 * Personas whose kind ties wait to be read: each quiet moment reads one slice of one persona's
 * (for at most `PREPARE_SLICE_MS`, as `quiet_prep.ts` prepares), and waits for the next quiet
 * moment while some are left.
 */
export class QuietTiesReading {
  readonly #deps: QuietTiesReadingDeps;
  /** The personas asked for, in the order asked (each once). */
  readonly #waiting = new Set<string>();
  /** The quiet moments' slices (`quiet_slices.ts`). */
  readonly #slices: QuietSlices;

  /** A reading through `deps`. */
  constructor(deps: QuietTiesReadingDeps) {
    this.#deps = deps;
    this.#slices = new QuietSlices({
      activity: deps.activity,
      whenQuiet: deps.whenQuiet,
      hasWork: () => this.#waiting.size > 0,
      slice: () => this.#slice(),
    });
  }

  /** Has `personaId`'s ties read at the coming quiet moments. */
  want(personaId: string): void {
    if (this.#slices.closed) return;
    this.#waiting.add(personaId);
    this.#slices.watch();
  }

  async #slice(): Promise<void> {
    const [personaId] = this.#waiting;
    if (personaId === undefined || this.#slices.closed) return;
    let left = false;
    try {
      left = await this.#deps.readSlice(personaId);
    } catch { /* the searches go on looking every word up, as before the ties */ }
    if (!left) this.#waiting.delete(personaId);
  }

  /** Stops watching, drops what waits, waits for a slice under way. */
  close(): Promise<void> {
    return this.#slices.close(() => this.#waiting.clear());
  }
}

/** The time one quiet moment's slice may take (ms): `quiet_prep.ts`'s bound. */
export const TIES_SLICE_MS = PREPARE_SLICE_MS;
