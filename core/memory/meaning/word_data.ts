/**
 * The shipped word data `WordVectors` (`word_vectors.ts`) is built from, read together: the
 * decoded vector tables (`vector_tables.ts`) and WordNet's relations (`word_relations.gen.json`),
 * each read from its file (`shipped_data.ts`).
 *
 * @module
 */
import { readShippedData } from "./shipped_data.ts";
import { shippedTables, type VectorTables } from "./vector_tables.ts";
import type { WordRelationData } from "./word_relations.ts";

/** The word data read: the vector tables, and the relations' data still to be wrapped. */
export interface WordData {
  tables: VectorTables;
  relations: WordRelationData;
}

/**
 * Reads both files; rejects with the first failure, the relations' before the tables'. Both reads
 * settle before it answers, so that a failed load leaves nothing in flight: the next call reads
 * both files again (a sibling read still running could otherwise meet a file being put back, or
 * be handed to that next call with its stale failure).
 */
export async function readWordData(): Promise<WordData> {
  const [relations, tables] = await Promise.allSettled([
    readShippedData("word_relations.gen.json"),
    shippedTables(),
  ]);
  if (relations.status === "rejected") throw relations.reason;
  if (tables.status === "rejected") throw tables.reason;
  return { tables: tables.value, relations: relations.value as WordRelationData };
}
