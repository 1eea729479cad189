/**
 * BM25 for the Chroma backend: Chroma has no term statistics, so each persona's postings
 * ({@linkcode LexicalIndex}) are built in this process from the persona's documents on its
 * first search and kept in step with this process's writes. Another process writing to the
 * same Chroma collection is not seen until restart (the SQLite backend does see it).
 *
 * @module
 */
import type { Collection } from "chromadb";
import { LexicalIndex } from "./lexical_index.ts";
import { fromChroma } from "./chroma_records.ts";
import type { MemoryRecord } from "./schema.ts";

const PAGE = 1000;
const SEPARATOR = "\u0000";

function fieldsOf(record: MemoryRecord) {
  return {
    importance: record.importance,
    memoryType: record.memory_type,
    visibility: record.visibility,
  };
}

/** Per-persona BM25 indexes over Chroma collections. */
export class ChromaLexicon {
  readonly #indexes = new Map<string, Promise<LexicalIndex>>();

  /** The index of `personaId`'s memories in `collection` (made by `embedder`), loaded once. */
  index(collection: Collection, personaId: string, embedder: string): Promise<LexicalIndex> {
    const key = `${personaId}${SEPARATOR}${embedder}`;
    let index = this.#indexes.get(key);
    if (!index) {
      index = this.#load(collection, personaId);
      this.#indexes.set(key, index);
      // A failed load is retried on the next search.
      index.catch(() => this.#indexes.delete(key));
    }
    return index;
  }

  async #load(collection: Collection, personaId: string): Promise<LexicalIndex> {
    const index = new LexicalIndex();
    for (let offset = 0;; offset += PAGE) {
      const page = await collection.get({
        where: { persona_id: personaId },
        limit: PAGE,
        offset,
        include: ["documents", "metadatas"],
      });
      page.ids.forEach((id, i) => {
        const record = fromChroma(id, page.documents[i], page.metadatas[i]);
        index.upsert(id, record.content, fieldsOf(record));
      });
      if (page.ids.length < PAGE) break;
    }
    return index;
  }

  /** The loaded index for `record`'s persona and embedder, if any. */
  async #loaded(record: MemoryRecord): Promise<LexicalIndex | undefined> {
    return await this.#indexes.get(`${record.persona_id}${SEPARATOR}${record.embedder}`)
      ?.catch(() => undefined);
  }

  /** Applies stored records: content (re)indexed when `reanalyse`, else only the fields. */
  async write(records: readonly MemoryRecord[], reanalyse: (record: MemoryRecord) => boolean) {
    for (const record of records) {
      const index = await this.#loaded(record);
      if (!index) continue;
      if (reanalyse(record)) index.upsert(record.id, record.content, fieldsOf(record));
      else index.setFields(record.id, fieldsOf(record));
    }
  }

  /** Forgets memories (whichever persona and embedder held them). */
  async remove(ids: readonly string[]): Promise<void> {
    for (const index of this.#indexes.values()) {
      const loaded = await index.catch(() => undefined);
      for (const id of ids) loaded?.remove(id);
    }
  }

  /** Forgets a persona's indexes. */
  dropPersona(personaId: string): void {
    for (const key of [...this.#indexes.keys()]) {
      if (key.startsWith(`${personaId}${SEPARATOR}`)) this.#indexes.delete(key);
    }
  }

  /** Forgets every index. */
  clear(): void {
    this.#indexes.clear();
  }
}
