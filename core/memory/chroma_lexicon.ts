/**
 * BM25 for the Chroma backend: Chroma has no term statistics, so each persona's postings
 * ({@linkcode LexicalIndex}, all its memories whatever their embedder) are built in this process
 * from the persona's documents on its first search and kept in step with this process's writes.
 * Another process writing to the same Chroma server is not seen until restart (the SQLite
 * backend does see it).
 *
 * @module
 */
import { LexicalIndex } from "./lexical_index.ts";
import { keepTies, KindTies, tiesOf } from "./kind_ties.ts";
import type { MemoryRecord } from "./schema.ts";

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

  /** The index of `personaId`'s memories, built from `load` (every one of them) once. */
  index(personaId: string, load: () => Promise<MemoryRecord[]>): Promise<LexicalIndex> {
    let index = this.#indexes.get(personaId);
    if (!index) {
      index = load().then((records) => {
        const built = new LexicalIndex();
        built.load(records.map((r) => ({ id: r.id, content: r.content, fields: fieldsOf(r) })));
        // Every text is here: the kinds they tie are read now, as their terms are.
        const ties = keepTies(built, new KindTies<string>());
        for (const record of records) ties.write(record.id, record.content);
        return built;
      });
      this.#indexes.set(personaId, index);
      // A failed load is retried on the next search.
      index.catch(() => this.#indexes.delete(personaId));
    }
    return index;
  }

  /** The loaded index for `record`'s persona, if any. */
  async #loaded(record: MemoryRecord): Promise<LexicalIndex | undefined> {
    return await this.#indexes.get(record.persona_id)?.catch(() => undefined);
  }

  /** Applies stored records: content (re)indexed when `reanalyse`, else only the fields. */
  async write(records: readonly MemoryRecord[], reanalyse: (record: MemoryRecord) => boolean) {
    for (const record of records) {
      const index = await this.#loaded(record);
      if (!index) continue;
      if (reanalyse(record)) {
        index.upsert(record.id, record.content, fieldsOf(record));
        tiesOf(index)?.write(record.id, record.content);
      } else index.setFields(record.id, fieldsOf(record));
    }
  }

  /** Forgets memories (whichever persona and embedder held them). */
  async remove(ids: readonly string[]): Promise<void> {
    for (const index of this.#indexes.values()) {
      const loaded = await index.catch(() => undefined);
      for (const id of ids) {
        loaded?.remove(id);
        tiesOf(loaded)?.remove(id);
      }
    }
  }

  /** Forgets a persona's index. */
  dropPersona(personaId: string): void {
    this.#indexes.delete(personaId);
  }

  /** Forgets every index. */
  clear(): void {
    this.#indexes.clear();
  }
}
