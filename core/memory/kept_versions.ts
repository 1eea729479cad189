/**
 * The persona versions (`memory_versions`) that what `IndexCache` keeps of each persona reflects:
 * its loaded indexes', and those of the kind ties kept while its indexes are not loaded
 * ({@linkcode WrittenTies}, `sqlite_empty_ties.ts`). A write's transaction finds by them whether
 * what it keeps was current, and a refresh what another connection changed.
 *
 * @module
 */
import type { SqliteConnection as Database } from "../storage/sqlite_connection.ts";
import { WrittenTies } from "./sqlite_empty_ties.ts";

/** The versions what is kept of each persona reflects. */
export class KeptVersions {
  /** Persona id → the version its loaded indexes reflect. */
  readonly #indexes = new Map<string, number>();
  /** Kind ties of personas written from empty, their indexes not loaded. */
  readonly ties = new WrittenTies();

  /** Notes the version a persona's indexes load at (read by `version`) unless one is noted. */
  loading(personaId: string, version: () => number): void {
    if (!this.#indexes.has(personaId)) this.#indexes.set(personaId, version());
  }

  /**
   * Starts kind ties kept without indexes for a persona about to be written that has no memory
   * ({@linkcode WrittenTies.start}), unless its indexes are loaded (they keep its ties).
   */
  startTies(db: Database, personaId: string): void {
    if (!this.#indexes.has(personaId)) this.ties.start(db, personaId);
  }

  /** The version a persona's loaded indexes reflect, if they are loaded or loading. */
  indexVersion(personaId: string): number | undefined {
    return this.#indexes.get(personaId);
  }

  /** Whether anything of a persona is kept (at some version). */
  tracks(personaId: string): boolean {
    return this.#indexes.has(personaId) || this.ties.version(personaId) !== undefined;
  }

  /** Whether everything kept of a persona reflects `version`. */
  current(personaId: string, version: number): boolean {
    return [this.#indexes.get(personaId), this.ties.version(personaId)]
      .every((seen) => seen === undefined || seen === version);
  }

  /** Says that everything kept of a persona reflects `version` now (a write kept it in step). */
  moved(personaId: string, version: number): void {
    if (this.#indexes.has(personaId)) this.#indexes.set(personaId, version);
    this.ties.move(personaId, version);
  }

  /** Each persona something is kept of, with the version of each thing kept. */
  entries(): Array<[string, number]> {
    return [...this.#indexes, ...this.ties.versions()];
  }

  /** Forgets a persona's versions and the ties kept without its indexes. */
  forget(personaId: string): void {
    this.#indexes.delete(personaId);
    this.ties.forget(personaId);
  }

  /** Forgets every persona's. */
  clear(): void {
    this.#indexes.clear();
    this.ties.clear();
  }
}
