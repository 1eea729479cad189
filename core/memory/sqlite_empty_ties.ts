/**
 * Kind ties (`kind_ties.ts`) complete without reading any stored content, for a persona this
 * process writes from empty (perf61). Its first store starts complete, empty ties for it
 * ({@linkcode WrittenTies.start}) and every write after takes its own ties in
 * (`sqlite_writes.ts`), while its indexes stay unloaded: only the ties (an entry for each memory
 * that ties a kind, few) and the persona's version they are valid at are kept (perf64). Its first
 * load, a search's, adopts them when the persona is still at that version ({@linkcode startTies})
 * and drops them otherwise. A search in a tight loop after a bulk insert then looks up no kind word
 * no memory ties, with no quiet moment needed to read them (`sqlite_kind_ties.ts`, which still
 * reads the ties of an index loaded from stored rows, and of one whose kept ties were dropped).
 *
 * Why not the indexes themselves: perf61 loaded the empty indexes at the first store so that the
 * writes kept the ties in them, and a persona that is only written (an import, a simulation's
 * crowd) then held its vectors and postings for good, ~25 KB a persona of 20 memories (review41c);
 * before perf61 nothing loaded until a search.
 *
 * @module
 */
import type { SqliteConnection as Database } from "../storage/sqlite_connection.ts";
import { PERSONA_VERSION } from "./index_rows.ts";
import { keepTies, KindTies } from "./kind_ties.ts";
import type { LexicalIndex } from "./lexical_index.ts";

/** Whether a persona has any memory (by `memories_by_persona`). */
const HAS_MEMORY = "SELECT EXISTS (SELECT 1 FROM memories WHERE persona_id = ?) AS held";

function hasMemory(db: Database, personaId: string): boolean {
  return db.get<{ held: number }>(HAS_MEMORY, personaId)?.held !== 0;
}

function personaVersion(db: Database, personaId: string): number {
  return db.get<{ version: number }>(PERSONA_VERSION, personaId)?.version ?? 0;
}

/**
 * How many personas' written ties are kept at most (about 0.35 KB each): an import of many
 * personas written and never searched would otherwise grow the record without bound.
 */
export const WRITTEN_TIES_CAP = 10_000;

/** One persona's kept ties and the version of its memories they are valid at. */
interface Kept {
  version: number;
  ties: KindTies<number>;
}

/**
 * The kind ties of personas written from empty whose indexes are not loaded, each with the
 * persona's version they are valid at (as `IndexHandoffs` keeps rows read for a load at a
 * version). `IndexCache` moves the versions with its writes' transactions and forgets a
 * persona's ties when it drops its indexes (another connection's commit, a rollback, a deleted
 * persona).
 */
export class WrittenTies {
  readonly #kept = new Map<string, Kept>();

  /** How many personas' ties are kept. */
  get size(): number {
    return this.#kept.size;
  }

  /** The ties kept for a persona, if any. */
  of(personaId: string): KindTies<number> | undefined {
    return this.#kept.get(personaId)?.ties;
  }

  /** The version a persona's kept ties are valid at, if any are kept. */
  version(personaId: string): number | undefined {
    return this.#kept.get(personaId)?.version;
  }

  /** The personas whose ties are kept, with their versions. */
  versions(): Array<[string, number]> {
    return [...this.#kept].map(([personaId, kept]) => [personaId, kept.version]);
  }

  /**
   * Starts complete, empty ties for a persona about to be written when it has no memory (and
   * none are kept for it yet). Run in the backend's turn, before the write's transaction.
   */
  start(db: Database, personaId: string): void {
    if (this.#kept.has(personaId)) return;
    // The version first: a memory another connection stores after it moves the persona past the
    // version kept, and the write's transaction then drops the ties (`IndexCache.write`).
    const version = personaVersion(db, personaId);
    if (hasMemory(db, personaId)) return;
    // Past the cap the least recently written record goes (a Map keeps insertion order and
    // `move` puts a written record last): that persona's ties are then read at its first
    // search, as for any persona whose ties were dropped. Safe for a persona mid-write only
    // because `start` and the write's transaction run in one backend turn.
    if (this.#kept.size >= WRITTEN_TIES_CAP) this.#kept.delete(this.#kept.keys().next().value!);
    this.#kept.set(personaId, { version, ties: new KindTies() });
  }

  /**
   * Says that a persona's kept ties (if any) are valid at `version`: a write kept them in step.
   * The record moves to the Map's newest end, so the cap drops the least recently written
   * persona, not the one written longest (during an import, often the busiest).
   */
  move(personaId: string, version: number): void {
    const kept = this.#kept.get(personaId);
    if (kept === undefined) return;
    kept.version = version;
    this.#kept.delete(personaId);
    this.#kept.set(personaId, kept);
  }

  /**
   * Takes a persona's kept ties out for its index just loaded at `version`: them when kept at that
   * version, else none (they are dropped either way).
   */
  take(personaId: string, version: number): KindTies<number> | undefined {
    const kept = this.#kept.get(personaId);
    this.#kept.delete(personaId);
    return kept?.version === version ? kept.ties : undefined;
  }

  /** Forgets a persona's kept ties. */
  forget(personaId: string): void {
    this.#kept.delete(personaId);
  }

  /** Forgets every persona's kept ties. */
  clear(): void {
    this.#kept.clear();
  }
}

/**
 * Keeps complete ties with a persona's BM25 index just loaded: those a write kept while it was
 * not loaded when the persona is still at their version, else empty ones when it has no memory
 * (every memory it will hold is then one this process writes, each write taking its ties in).
 * Otherwise none: a search has them read at quiet moments. Dropped or loaded again (another
 * connection's commit, a rollback), the index loses them.
 */
export function startTies(
  db: Database,
  loaded: { personaId: string; lexical: LexicalIndex<number>; written: WrittenTies },
): void {
  const { personaId, lexical, written } = loaded;
  // The version after the rows were read: equal to the kept ties', no commit came in between.
  const kept = written.version(personaId) === undefined
    ? undefined
    : written.take(personaId, personaVersion(db, personaId));
  if (kept !== undefined) keepTies(lexical, kept);
  else if (lexical.size === 0 && !hasMemory(db, personaId)) keepTies(lexical, new KindTies());
}
