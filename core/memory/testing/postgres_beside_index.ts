/**
 * For tests that hold PostgreSQL's word statistics against the in-memory index's: the same texts
 * stored in both, for the persona Aria.
 *
 * @module
 */
import type { Persona } from "../../personas/mod.ts";
import type { Database } from "../../storage/mod.ts";
import { LexicalIndex } from "../lexical_index.ts";
import { PostgresMemoryBackend } from "../postgres_backend.ts";
import { migrateWithAria, NO_VECTORS } from "./bare_backend.ts";
import { sampleRecord } from "./record_fixture.ts";

/** The database and the index, each holding one memory (`m0`, `m1`, ...) of Aria's per text. */
export interface PostgresBesideIndex {
  aria: Persona;
  backend: PostgresMemoryBackend;
  index: LexicalIndex;
}

/** Migrates `db`, stores `texts` as Aria's memories in PostgreSQL and in a `LexicalIndex`. */
export async function postgresBesideIndex(
  db: Database,
  texts: readonly string[],
): Promise<PostgresBesideIndex> {
  const aria = await migrateWithAria(db, "chroma");
  const backend = new PostgresMemoryBackend(db, NO_VECTORS);
  const index = new LexicalIndex();
  const records = texts.map((content, i) =>
    sampleRecord({ id: `m${i}`, persona_id: aria.id, content })
  );
  await backend.insert(records.map((record) => ({ record, vector: new Float32Array([1]) })));
  for (const record of records) {
    index.upsert(record.id, record.content, {
      importance: record.importance,
      memoryType: record.memory_type,
      visibility: record.visibility,
    });
  }
  return { aria, backend, index };
}
