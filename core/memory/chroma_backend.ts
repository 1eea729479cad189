/**
 * The ChromaDB backend (`MEMORY_BACKEND=chroma`): a real Chroma server through `npm:chromadb`.
 * Connections go through `chroma_client.ts` (a fresh client and a deadline per operation);
 * reads across the collections are `chroma_reads.ts`'s.
 *
 * @module
 */
import { type ChromaClient, ChromaNotFoundError, type Collection } from "chromadb";
import type {
  Candidate,
  CandidateQuery,
  ImportanceWrite,
  MemoryBackend,
  MemoryPage,
  MemoryTotals,
  MemoryWrite,
  PageQuery,
  PersonaSummary,
  VectorWrite,
} from "./backend.ts";
import { addCount } from "../numbers.ts";
import { ChromaConnection, type ChromaSettings } from "./chroma_client.ts";
import { writeChromaImportance } from "./chroma_importance.ts";
import { staleVectors, writeChromaVectors } from "./chroma_vectors.ts";
import { VECTORS_MARK } from "./vector_remake.ts";
import { ChromaLexicon } from "./chroma_lexicon.ts";
import { byTimeThenId, chunks, pageOf } from "./records.ts";
import { candidateFilter, collectionName, savedMetadata, toMetadata } from "./chroma_records.ts";
import { type MemoryRecord, VISIBILITIES } from "./schema.ts";
import { totalsOf } from "./stats.ts";
import {
  allRecords,
  chainRecords,
  chromaCollections,
  countRecords,
  fetchCandidates,
  nearestCandidates,
  recordsByIds,
} from "./chroma_reads.ts";

const BATCH = 500;

export type { ChromaSettings };

/** Memories in a Chroma server, one collection per embedder. */
export class ChromaBackend implements MemoryBackend {
  readonly name = "chroma";
  readonly #chroma: ChromaConnection;
  readonly #lexicon = new ChromaLexicon();

  /** A backend for the server described by `settings` (nothing is contacted yet). */
  constructor(settings: ChromaSettings) {
    this.#chroma = new ChromaConnection(settings);
  }

  /** Runs `work` with a fresh client whose requests abort at the deadline. */
  #run<T>(action: string, work: (client: ChromaClient) => Promise<T>): Promise<T> {
    return this.#chroma.run(action, work);
  }

  #open(client: ChromaClient, embedder: string): Promise<Collection> {
    return client.getOrCreateCollection({
      name: collectionName(embedder),
      embeddingFunction: null,
      metadata: { embedder },
      // A wider graph search than the default: HNSW can otherwise miss a lone memory among
      // many near-duplicates (seen in the contract suite), which is what a rare name often is.
      configuration: {
        hnsw: { space: "cosine", ef_search: 200, ef_construction: 200, max_neighbors: 32 },
      },
    });
  }

  async #add(client: ChromaClient, writes: readonly MemoryWrite[]): Promise<void> {
    const byEmbedder = Map.groupBy(writes, (write) => write.record.embedder);
    for (const [embedder, group] of byEmbedder) {
      const collection = await this.#open(client, embedder);
      for (const batch of chunks(group, BATCH)) {
        await collection.add({
          ids: batch.map((write) => write.record.id),
          embeddings: batch.map((write) => Array.from(write.vector!)),
          documents: batch.map((write) => write.record.content),
          metadatas: batch.map((write) => ({ ...toMetadata(write.record), ...VECTORS_MARK })),
        });
      }
    }
  }

  insert(writes: readonly MemoryWrite[]): Promise<void> {
    return this.#run("store memories", async (client) => {
      await this.#add(client, writes);
      await this.#lexicon.write(writes.map((write) => write.record), () => true);
    });
  }

  /** Where each of `ids` is stored now (collection name by id). */
  async #locate(client: ChromaClient, ids: readonly string[]) {
    const found = new Map<string, Collection>();
    for (const collection of await chromaCollections(client)) {
      for (const batch of chunks(ids, BATCH)) {
        const result = await collection.get({ ids: batch, include: [] });
        for (const id of result.ids) found.set(id, collection);
      }
    }
    return found;
  }

  /**
   * Saves the memories that still exist (as the SQLite and PostgreSQL backends do): one found in
   * no collection was deleted meanwhile (its persona purged, say) and is not brought back, so a
   * save racing a delete never leaves an orphan vector. One found in another embedder's
   * collection moves to its own.
   */
  save(writes: readonly MemoryWrite[]): Promise<void> {
    return this.#run("update memories", async (client) => {
      const located = await this.#locate(client, writes.map((write) => write.record.id));
      const kept = writes.filter((write) => located.has(write.record.id));
      const moving = kept.filter((write) =>
        located.get(write.record.id)!.name !== collectionName(write.record.embedder)
      );
      // A reindex moves every memory of a batch: one delete per collection, not one per memory.
      for (const [from, group] of Map.groupBy(moving, (write) => located.get(write.record.id)!)) {
        for (const batch of chunks(group, BATCH)) {
          await from.delete({ ids: batch.map((write) => write.record.id) });
        }
      }
      await this.#lexicon.remove(moving.map((write) => write.record.id));
      await this.#add(client, moving);
      const staying = kept.filter((write) => !moving.includes(write));
      for (const [collection, group] of Map.groupBy(staying, (w) => located.get(w.record.id)!)) {
        // Documents go only with their vectors: Chroma would embed a bare document itself.
        const [embedded, plain] = [group.filter((w) => w.vector), group.filter((w) => !w.vector)];
        for (const batch of chunks(plain, BATCH)) {
          await collection.update({
            ids: batch.map((write) => write.record.id),
            metadatas: batch.map((write) => savedMetadata(write.record)),
          });
        }
        for (const batch of chunks(embedded, BATCH)) {
          await collection.update({
            ids: batch.map((write) => write.record.id),
            embeddings: batch.map((write) => Array.from(write.vector!)),
            documents: batch.map((write) => write.record.content),
            metadatas: batch.map((write) => ({ ...savedMetadata(write.record), ...VECTORS_MARK })),
          });
        }
      }
      const embedded = new Set(kept.filter((write) => write.vector).map((w) => w.record.id));
      await this.#lexicon.write(kept.map((write) => write.record), (r) => embedded.has(r.id));
    });
  }

  writeImportance(writes: readonly ImportanceWrite[]): Promise<string[]> {
    return this.#run("update memory importance", async (client) => {
      const written = await writeChromaImportance(client, writes);
      await this.#lexicon.write(written, () => false);
      return written.map((record) => record.id);
    });
  }

  writeVectors(writes: readonly VectorWrite[]): Promise<string[]> {
    return this.#run("update memory vectors", async (client) => {
      const open = (c: ChromaClient, embedder: string) => this.#open(c, embedder);
      const written = await writeChromaVectors(client, { writes, open });
      await this.#lexicon.write(written, () => false);
      return written.map((record) => record.id);
    });
  }

  remakeQueue(personaId: string): Promise<Array<{ id: string; embedder: string }>> {
    return this.#run("list memories", (client) => staleVectors(client, personaId));
  }

  touch(records: readonly MemoryRecord[], at: string): Promise<void> {
    return this.#run("record memory accesses", async (client) => {
      for (const [embedder, group] of Map.groupBy(records, (record) => record.embedder)) {
        const collection = await client.getCollection({ name: collectionName(embedder) });
        await collection.update({
          ids: group.map((record) => record.id),
          metadatas: group.map((record) => ({
            accessed_count: addCount(record.accessed_count),
            last_accessed: at,
          })),
        });
      }
    });
  }

  get(id: string): Promise<MemoryRecord | undefined> {
    return this.#run("read a memory", async (client) => (await recordsByIds(client, [id]))[0]);
  }

  getMany(ids: readonly string[]): Promise<MemoryRecord[]> {
    return this.#run("read memories", (client) => recordsByIds(client, ids));
  }

  chainFrom(ids: readonly string[]): Promise<MemoryRecord[]> {
    return this.#run("read memories", (client) => chainRecords(client, ids));
  }

  list(personaId: string): Promise<MemoryRecord[]> {
    return this.#run("list memories", async (client) => {
      // Chroma keeps no storing order: equal times go by id, the order pages are keyed by.
      const records = await allRecords(client, { persona_id: personaId });
      return records.sort(byTimeThenId);
    });
  }

  // Chroma neither sorts nor aggregates: pages and totals come from the whole list.
  async page(personaId: string, query: PageQuery): Promise<MemoryPage> {
    return pageOf(await this.list(personaId), query);
  }

  async totals(personaId: string, embedder: string): Promise<MemoryTotals> {
    return totalsOf(await this.list(personaId), embedder);
  }

  count(personaId: string): Promise<number> {
    return this.#run("count memories", (client) => countRecords(client, personaId));
  }

  candidates(query: CandidateQuery): Promise<Candidate[]> {
    return this.#run("search memories", async (client) => {
      let collection: Collection | undefined;
      try {
        collection = await client.getCollection({ name: collectionName(query.embedder) });
      } catch (error) {
        if (!(error instanceof ChromaNotFoundError)) throw error;
      }
      const nearest = collection
        ? await nearestCandidates(collection, query, candidateFilter(query))
        : [];
      // The BM25 path (in this process: Chroma keeps no term statistics) finds the persona's
      // memories that hold query terms, whatever the vectors say (even before a reindex);
      // others' memories found by vector are scored with their own persona's statistics.
      const own = await this.#lexiconOf(client, query.personaId);
      const filter = {
        minImportance: query.minImportance,
        memoryType: query.memoryType,
        visibilities: VISIBILITIES,
      };
      const lexical = new Map(
        own.search(query, query.limit, filter).map((hit) => [hit.id, hit.lexical]),
      );
      const found = new Set(nearest.map((candidate) => candidate.record.id));
      const missing = [...lexical.keys()].filter((id) => !found.has(id));
      const candidates = [...nearest, ...await fetchCandidates(client, query, missing)];
      for (const candidate of candidates) {
        const { id, persona_id } = candidate.record;
        const index = persona_id === query.personaId
          ? own
          : await this.#lexiconOf(client, persona_id);
        candidate.lexical = lexical.get(id) ?? index.lexical(id, query);
      }
      return candidates;
    });
  }

  termWeights(query: CandidateQuery): Promise<number[]> {
    return this.#run("search memories", async (client) => {
      return (await this.#lexiconOf(client, query.personaId)).weights(query);
    });
  }

  /** The BM25 index of a persona's memories (all collections), built on first use. */
  #lexiconOf(client: ChromaClient, personaId: string) {
    return this.#lexicon.index(personaId, () => allRecords(client, { persona_id: personaId }));
  }

  delete(ids: readonly string[]): Promise<number> {
    return this.#run("delete memories", async (client) => {
      const located = await this.#locate(client, ids);
      for (const [collection, group] of Map.groupBy(located, ([, where]) => where)) {
        for (const batch of chunks(group.map(([id]) => id), BATCH)) {
          await collection.delete({ ids: batch });
        }
      }
      await this.#lexicon.remove([...located.keys()]);
      return located.size;
    });
  }

  deletePersona(personaId: string): Promise<number> {
    this.#lexicon.dropPersona(personaId);
    return this.#run("delete a persona's memories", async (client) => {
      let deleted = 0;
      for (const collection of await chromaCollections(client)) {
        const where = { persona_id: personaId };
        deleted += (await collection.get({ where, include: [] })).ids.length;
        await collection.delete({ where });
      }
      return deleted;
    });
  }

  summaries(): Promise<PersonaSummary[]> {
    return this.#run("count memories", async (client) => {
      const byPersona = new Map<string, PersonaSummary>();
      for (const record of await allRecords(client)) {
        let summary = byPersona.get(record.persona_id);
        if (!summary) {
          summary = {
            persona_id: record.persona_id,
            total: 0,
            private: 0,
            shared: 0,
            public: 0,
            cross_references: 0,
          };
          byPersona.set(record.persona_id, summary);
        }
        summary.total++;
        summary[record.visibility]++;
        if (record.related_personas.length > 0) summary.cross_references++;
      }
      return [...byPersona.values()].sort((a, b) => a.persona_id.localeCompare(b.persona_id));
    });
  }

  close(): Promise<void> {
    this.#lexicon.clear();
    return Promise.resolve();
  }
}
