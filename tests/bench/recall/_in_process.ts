/**
 * The recall set stored in an in-process `:memory:` SQLite memory service, for the debugging
 * aids `_explain.ts` and `_quick.ts` (the benchmark itself goes through a server).
 *
 * @module
 */
import type { Database, SqliteDatabase } from "../../../core/storage/mod.ts";
import {
  type BackendFactory,
  input,
  type MemoryFixture,
  memoryFixture,
} from "../../../core/memory/testing/contract_fixture.ts";
import type { Embedder } from "../../../core/memory/embedder.ts";
import { SqliteBackend } from "../../../core/memory/sqlite_backend.ts";
import type { RecallSet } from "./_set.ts";

/** A fixture holding `set`, its SQLite backend, and each stored memory's label by id. */
export interface StoredSet {
  fixture: MemoryFixture;
  /** The SQLite backend (undefined when `options.backend` made another). */
  backend: SqliteBackend;
  labels: Map<string, string>;
}

/**
 * Stores `set` a minute apart, updates last (so newer is newer), with `supersedes` unless
 * `unlinked`; on SQLite in memory, or on `options.backend` over `options.database`
 * (`_backends.ts`: the same set on every backend).
 */
export async function storeInProcess(
  set: RecallSet,
  options: {
    unlinked: boolean;
    embedder?: Embedder;
    backend?: BackendFactory;
    database?: Database;
  },
): Promise<StoredSet> {
  let backend!: SqliteBackend;
  const fixture = await memoryFixture(
    options.backend ?? ((db) => backend = new SqliteBackend(db as SqliteDatabase)),
    { embedder: options.embedder, database: options.database },
  );
  const labels = new Map<string, string>();
  const ids = new Map<string, string>();
  for (const memory of set.memories) {
    const supersedes = memory.supersedes && !options.unlinked
      ? [ids.get(memory.supersedes)!]
      : undefined;
    fixture.clock.advance(60_000);
    const record = await fixture.memory.store(
      fixture.aria,
      input({ content: memory.text, supersedes }),
    );
    labels.set(record.id, memory.label);
    ids.set(memory.label, record.id);
  }
  return { fixture, backend, labels };
}
