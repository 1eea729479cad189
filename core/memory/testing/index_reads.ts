/**
 * What the index tests read of a persona straight from its SQLite file: the version its memories
 * are at and the row a load of its indexes reads (`index_rows.ts`), as a load reads them.
 *
 * @module
 */
import type { SqliteConnection, SqliteDatabase } from "../../storage/mod.ts";
import type { MemoryFixture } from "./contract_fixture.ts";
import { INDEX_LOAD, type LoadRow, PERSONA_VERSION } from "../index_rows.ts";

/** Where a persona's index rows are read: its file's connection, the embedder, the persona. */
export interface IndexReadTarget {
  readonly connection: SqliteConnection;
  readonly embedder: string;
  readonly persona: string;
}

/** Aria's index reads in a fixture over a SQLite file, with its memory service's embedder. */
export function indexReadTarget(fixture: MemoryFixture): IndexReadTarget {
  return {
    connection: (fixture.db as SqliteDatabase).connection,
    embedder: fixture.memory.embedderId,
    persona: fixture.aria.id,
  };
}

/** The version `target.persona`'s memories are at now. */
export function personaVersion(target: IndexReadTarget): number {
  return target.connection.get<{ version: number }>(PERSONA_VERSION, target.persona)!.version;
}

/** The row a load of `target.persona`'s indexes reads now. */
export function loadRow(target: IndexReadTarget): LoadRow {
  return target.connection.get<LoadRow>(INDEX_LOAD, target.embedder, target.persona)!;
}
